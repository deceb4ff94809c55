package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.beelms.reference.pages.HangingOrigin;
import org.beelms.smoke.browser.Browser;
import org.beelms.smoke.client.PageVisit;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.config.BrowserSettings;
import org.beelms.smoke.config.Credentials;
import org.beelms.smoke.config.PageConsent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser tier's page mechanics in Debian's headless Chromium against small pages of a loopback
 * server, each shaped like a case the real (Next.js) front end showed: a login button below the fold
 * over which a fixed consent bar sits once the browser scrolls it into view; a login button the bar
 * covers on a page that cannot scroll; a bar whose buttons have no words; a page that cannot be
 * reached; a script of another origin that never answers; a hydration error. Each assertion fails
 * without the fix it is named after (issue 25, items 1-5).
 */
class BrowserFormIT {

  private static final Credentials ACCOUNT = new Credentials("person@example.test", "Person-Pass-1");
  /** What a login stores (the shape of a JWT is all the browser tier looks for). */
  private static final String FAKE_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwZXJzb24ifQ.c2lnbmF0dXJl";
  private static final String BAR = "<div id=\"consent\" style=\"position:fixed;left:0;right:0;bottom:0;height:72px;"
      + "display:flex;align-items:center;gap:12px;padding:0 16px;background:#eee\"><p class=\"text-xs text-gray-700\""
      + " style=\"flex:1;margin:0;align-self:stretch;display:flex;align-items:center\">Cookies keep you signed in."
      + "</p>%s</div><script>document.getElementById('consent')"
      + ".addEventListener('click',function(e){var a=e.target.getAttribute('data-answer');if(a){localStorage"
      + ".setItem('consent',a);var c=document.getElementById('consent');c.parentNode.removeChild(c);}});</script>";
  private static final String WORD_BUTTONS = "<button data-answer=\"declined\">Откажи</button>"
      + "<button data-answer=\"accepted\">Приеми</button>";
  private static final String ICON_BUTTONS = "<button id=\"no\" data-answer=\"declined\">✕</button>"
      + "<button id=\"yes\" data-answer=\"accepted\">✓</button>";
  private static final String FORM = "<form id=\"f\"><p><input type=\"email\" name=\"email\"></p><p><input"
      + " type=\"password\" name=\"password\"></p><p style=\"margin:0\"><button type=\"submit\">Sign in</button></p>"
      + "</form><script>document.getElementById('f').addEventListener('submit',function(e){e.preventDefault();"
      + "localStorage.setItem('auth.token','" + FAKE_JWT + "');"
      + "location.assign('/done?consent='+(localStorage.getItem('consent')||'none'));});</script>";
  /** A login form that goes on to another page without logging in: no token, no email, no logout control. */
  private static final String FORM_WITHOUT_LOGIN = FORM.replace("localStorage.setItem('auth.token','" + FAKE_JWT
      + "');", "");

  private static HttpServer server;
  private static HangingOrigin hanging;
  private static URI web;

  @BeforeAll
  static void serve() throws IOException {
    hanging = new HangingOrigin("127.0.0.1");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    page("/tall", "<div style=\"height:1200px\">Welcome</div>" + FORM + "<div style=\"height:1200px\"></div>"
        + BAR.formatted(WORD_BUTTONS));
    String fitted = "<div style=\"height:100vh;display:flex;flex-direction:column;justify-content:flex-end;"
        + "box-sizing:border-box;padding-bottom:12px\">" + FORM + "</div>";
    page("/bar", fitted + BAR.formatted(WORD_BUTTONS));
    page("/icons", fitted + BAR.formatted(ICON_BUTTONS));
    page("/done", "<h1>Signed in</h1>");
    page("/no-login", "<div>Welcome</div>" + FORM_WITHOUT_LOGIN);
    page("/hanging", "<script async src=\"" + hanging.script() + "\"></script><h1>Content is here</h1>");
    page("/hydration", "<h1>Courses</h1><script>setTimeout(function(){throw new Error('Hydration failed because "
        + "the server rendered text didn\\'t match the client. As a result this tree will be regenerated on the "
        + "client.');},0);</script>");
    page("/other-origin-fails", "<h1>Courses</h1><script>fetch('http://127.0.0.1:" + closedPort()
        + "/collect').catch(function(){});</script>");
    page("/own-fails", "<h1>Courses</h1><script>fetch('/api/missing').catch(function(){});</script>");
    server.start();
    web = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void page(String path, String body) {
    byte[] html = ("<!DOCTYPE html><html lang=\"bg\"><head><meta charset=\"UTF-8\"><title>t</title>"
        + "<link rel=\"icon\" href=\"data:,\"><style>html,body{margin:0}</style></head><body>" + body
        + "</body></html>").getBytes(StandardCharsets.UTF_8);
    server.createContext(path, exchange -> {
      try (exchange) {
        boolean known = exchange.getRequestURI().getPath().equals(path);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
        exchange.sendResponseHeaders(known ? 200 : 404, known ? html.length : -1);
        if (known) {
          exchange.getResponseBody().write(html);
        }
      }
    });
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
    if (hanging != null) {
      hanging.close();
    }
  }

  private static PageVisit login(Path shots, String loginPath, UnaryOperator<BrowserSettings> change) {
    BrowserSettings settings = change.apply(BrowserSettings.DEFAULTS.withScreenshots(shots)
        .withTimeout(Duration.ofSeconds(5)).withLoginPath(loginPath));
    try (Browser browser = new Browser(web, null, settings, new SmokeJournal(Set.of(ACCOUNT.password())))) {
      return browser.login(List.of("WS2-DEMO-2"), "login", ACCOUNT);
    }
  }

  @Test
  void aButtonBelowTheFoldIsScrolledToTheMiddleAndClickedWithoutTouchingTheBar(@TempDir Path shots) {
    PageVisit visit = login(shots, "/tall", s -> s);
    assertTrue(visit.ok(), visit.problem());
    assertEquals(List.of("login form submitted by a click on the submit button"), visit.notes(),
        "scrolled to the middle, the button is clear of the bar at the bottom");
    assertTrue(visit.landedOn().endsWith("/done?consent=none"), visit.landedOn());
  }

  @Test
  void leavingTheLoginPageWithoutALoggedInStateFails(@TempDir Path shots) {
    PageVisit visit = login(shots, "/no-login", s -> s.withTimeout(Duration.ofSeconds(2)));
    assertFalse(visit.ok(), "the path changed, but nothing shows a login: " + visit.shown());
    assertTrue(visit.problem().contains("left /no-login for /done after submitting the login form"), visit.problem());
    assertTrue(visit.problem().contains("saw no logged-in state"), visit.problem());
  }

  @Test
  void aLoginShowsWhereTheTokenIsKeptNeverItsValue(@TempDir Path shots) {
    PageVisit visit = login(shots, "/tall", s -> s);
    assertTrue(visit.ok(), visit.problem());
    assertTrue(visit.shown().contains("logged in: a token (JWT) stored in localStorage \"auth.token\""),
        visit.shown());
    assertFalse(visit.shown().contains(FAKE_JWT), visit.shown());
  }

  @Test
  void aConsentBarOverTheButtonIsDeclinedByDefaultThenTheButtonClicked(@TempDir Path shots) {
    PageVisit visit = login(shots, "/bar", s -> s);
    assertTrue(visit.ok(), visit.problem());
    assertEquals(1, visit.notes().size(), visit.notes().toString());
    String note = visit.notes().get(0);
    assertTrue(note.startsWith("login form submitted by a click on the submit button after declining the consent "
        + "bar <div id=\"consent\"> (\"Откажи\") that covered it with <p class=\"text-xs text-gray-700\">"), note);
    assertTrue(visit.landedOn().endsWith("/done?consent=declined"), visit.landedOn());
    assertTrue(visit.screenshotFile().isPresent());
  }

  @Test
  void pageConsentAcceptAcceptsTheBar(@TempDir Path shots) {
    PageVisit visit = login(shots, "/bar", s -> s.withConsent(new PageConsent(PageConsent.Answer.ACCEPT,
        Optional.empty(), Optional.empty())));
    assertTrue(visit.ok(), visit.problem());
    assertTrue(visit.notes().get(0).contains("after accepting the consent bar"), visit.notes().toString());
    assertTrue(visit.landedOn().endsWith("/done?consent=accepted"), visit.landedOn());
  }

  @Test
  void leftUnansweredTheBarIsGotRoundByEnterInThePasswordField(@TempDir Path shots) {
    PageVisit visit = login(shots, "/bar", s -> s.withConsent(new PageConsent(PageConsent.Answer.LEAVE,
        Optional.empty(), Optional.empty())));
    assertTrue(visit.ok(), visit.problem());
    assertEquals(List.of("login form submitted by Enter in the password field: the submit button was covered by "
        + "<p class=\"text-xs text-gray-700\"> (page.consent=leave)"), visit.notes());
    assertTrue(visit.landedOn().endsWith("/done?consent=none"), visit.landedOn());
  }

  @Test
  void aBarWithoutWordsIsAnsweredThroughPageConsentSelectors(@TempDir Path shots) {
    PageVisit unknown = login(shots, "/icons", s -> s);
    assertTrue(unknown.ok(), unknown.problem());
    assertTrue(unknown.notes().get(0).contains("by Enter in the password field")
        && unknown.notes().get(0).contains("no consent bar to answer was found"), unknown.notes().toString());

    PageVisit chosen = login(shots, "/icons", s -> s.withConsent(new PageConsent(PageConsent.Answer.DECLINE,
        Optional.of("#no"), Optional.of("#yes"))));
    assertTrue(chosen.ok(), chosen.problem());
    assertTrue(chosen.notes().get(0).contains("after declining the consent bar <div id=\"consent\">"),
        chosen.notes().toString());
    assertTrue(chosen.landedOn().endsWith("/done?consent=declined"), chosen.landedOn());
  }

  @Test
  void aDriverFailureIsOneShortLineWithTheFullTextInALogBesideTheScreenshot(@TempDir Path shots)
      throws IOException {
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort());
    BrowserSettings settings = BrowserSettings.DEFAULTS.withScreenshots(shots).withTimeout(Duration.ofSeconds(5));
    PageVisit visit;
    try (Browser browser = new Browser(nowhere, null, settings, new SmokeJournal(Set.of()))) {
      visit = browser.login(List.of("WS2-DEMO-2"), "login", ACCOUNT);
    }
    assertFalse(visit.ok());
    String reason = visit.problem();
    assertTrue(reason.length() <= 300, reason.length() + ": " + reason);
    assertFalse(reason.contains("\n") || reason.contains("Session info") || reason.contains("Build info"), reason);
    assertTrue(reason.contains(nowhere + "/login") && reason.contains("ERR_CONNECTION_REFUSED"), reason);
    Path png = visit.screenshotFile().orElseThrow(() -> new AssertionError("a failed check keeps its screenshot"));
    Path log = visit.logFile().orElseThrow(() -> new AssertionError("the driver's text goes to a log file"));
    assertEquals(png.getParent(), log.getParent(), "the log lies beside the screenshot");
    assertEquals(png.getFileName().toString().replace(".png", ".log"), log.getFileName().toString());
    String text = Files.readString(log);
    assertTrue(text.contains("ERR_CONNECTION_REFUSED") && text.length() > reason.length(), text);
  }

  @Test
  void contentThatIsThereWhileAnotherOriginHangsPassesWithTheUrlAsANote(@TempDir Path shots) {
    try (Browser browser = browser(shots)) {
      PageVisit visit = browser.open(List.of("WS1-DEMO-3"), "hanging", "/hanging", List.of("Content is here"));
      assertTrue(visit.ok(), visit.problem());
      assertTrue(visit.duration().compareTo(Duration.ofSeconds(5)) < 0, "no wait for the load event: "
          + visit.duration());
      assertEquals(List.of("still loading (another origin, not waited for): " + hanging.script()), visit.notes());

      PageVisit other = browser.open(List.of("WS3-DEMO-1"), "other", "/other-origin-fails", List.of("Courses"));
      assertTrue(other.ok(), other.problem());
      assertTrue(other.notes().stream().anyMatch(n -> n.startsWith("failed (another origin): GET http://127.0.0.1:")),
          other.notes().toString());

      PageVisit own = browser.open(List.of("WS3-DEMO-1"), "own", "/own-fails", List.of("Courses"));
      assertFalse(own.ok(), "a failed request to the front end's own origin still fails the check");
      assertTrue(own.problem().contains("1 failed request(s)") && own.problem().contains("/api/missing → 404"),
          own.problem());
    }
  }

  @Test
  void aHydrationErrorIsNamedWithItsFirstLineAndThePage(@TempDir Path shots) {
    try (Browser browser = browser(shots)) {
      PageVisit visit = browser.open(List.of("WS3-DEMO-1"), "hydration", "/hydration", List.of("Courses"));
      assertFalse(visit.ok());
      // (Chromium shortens a long exception message in its console text)
      assertTrue(visit.problem().startsWith("hydration error on " + web + "/hydration: Uncaught Error: Hydration "
          + "failed because the server rendered text "), visit.problem() + "\n" + visit.consoleErrors());
      assertTrue(visit.problem().length() <= 300, visit.problem());
      assertNotNull(visit.screenshot());
    }
  }

  private static Browser browser(Path shots) {
    return new Browser(web, null, BrowserSettings.DEFAULTS.withScreenshots(shots).withTimeout(Duration.ofSeconds(5)),
        new SmokeJournal(Set.of()));
  }

  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
