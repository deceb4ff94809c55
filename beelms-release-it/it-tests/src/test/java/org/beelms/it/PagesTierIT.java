package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import java.util.Optional;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.reference.pages.FrontEnd;
import org.beelms.smoke.client.PageVisit;
import org.beelms.smoke.config.BrowserSettings;
import org.beelms.smoke.config.PageConsent;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunRequest;
import org.beelms.smoke.runner.SmokeRunResult;
import org.beelms.smoke.runner.SmokeRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser tier ({@code pages}) in Debian's headless Chromium against the reference core: its
 * client-rendered pages ({@code /app/...}, drawn by a script after a fetch to the API) pass with a
 * screenshot each; with {@code --fault-page-script} the script throws, the browser checks fail and
 * the HTTP-level page checks of the same items still pass; a production run logs in through the
 * form and writes nothing. The server has what the real front end has: a consent bar over the login
 * button, a script of another origin that never answers ({@code --hanging-third-party}) and a language
 * preference after whose switch the pages outside the wiki fail to hydrate
 * ({@code --fault-hydration}); the tier declines the bar, does not wait for the other origin, and
 * puts the preference back after the language check.
 */
class PagesTierIT {

  /** The DEMO items the browser tier proves, each by one check. */
  static final List<String> PAGE_ITEMS =
      List.of("WS1-DEMO-1", "WS1-DEMO-2", "WS1-DEMO-3", "WS1-DEMO-4", "WS2-DEMO-2", "WS3-DEMO-1",
          "WS3-DEMO-2", "WS3-DEMO-4");

  /** What the real front end has that a smoke must get past (issue 25). */
  static final FrontEnd REAL_FRONT_END =
      new FrontEnd(false, true, FrontEnd.Hydration.AFTER_LANGUAGE_SWITCH);

  /** One healthy server for the healthy and the production run (each starts its own browser). */
  private static RunningReferenceCore core;

  @BeforeAll
  static void start() {
    core = ReferenceServer.start(s -> s.frontEnd(REAL_FRONT_END));
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
  }

  @Test
  void clientRenderedPagesPassInTheBrowserWithAScreenshotEach(@TempDir Path reports) throws Exception {
    SmokeRunResult result = run(core, URI.create(core.baseUri() + "/app"), reports, "ws1,pages",
        SmokeMode.STAGING, null, null, PageConsent.DEFAULT);

    String account = SmokeRuns.describe(result);
    assertEquals(0, result.exitCode(), account);
    PageVisit login = visit(result, "WS2-DEMO-2");
    assertTrue(login.notes().get(0).startsWith("login form submitted by a click on the submit button after "
        + "declining the consent bar <div id=\"consent\" class=\"consent\"> (\"Откажи\") that covered it with "
        + "<p class=\"text-xs text-gray-700\">"), login.notes().toString());
    assertEquals(List.of("put back as found before the check: cookie beelms.lang, localStorage beelms.lang"),
        visit(result, "WS1-DEMO-4").notes().stream().filter(n -> n.startsWith("put back")).toList(),
        "the language check leaves the preference as it found it, so /courses hydrates");
    for (PageVisit v : result.pages()) {
      assertTrue(v.checklistIds().contains("WS2-DEMO-2") || v.notes().stream().anyMatch(n ->
          n.startsWith("still loading (another origin, not waited for): http://127.0.0.1:")
              && n.endsWith("/analytics.js")), "the hanging script of another origin is a note: " + v.notes());
    }
    List<CheckResult> pages = pageChecks(result);
    assertEquals(7, pages.size(), account);
    pages.forEach(c -> assertEquals(CheckStatus.PASSED, c.status(), c.displayName() + "\n" + account));
    for (String id : PAGE_ITEMS) {
      assertEquals(CheckStatus.PASSED, result.statusOf(id), id + "\n" + account);
    }

    assertEquals(7, result.pages().size(), "one visit per page check");
    for (PageVisit visit : result.pages()) {
      assertTrue(visit.ok(), visit.check() + ": " + visit.problem());
      assertTrue(visit.consoleErrors().isEmpty(), visit.url() + ": " + visit.consoleErrors());
      assertTrue(visit.failedRequests().isEmpty(), visit.url() + ": " + visit.failedRequests());
      Path png = visit.screenshotFile().orElseThrow();
      assertTrue(png.startsWith(reports.resolve("screenshots")), png + " lies next to the reports");
      assertTrue(Files.size(png) > 5_000, png + " has " + Files.size(png) + " bytes");
      BufferedImage image = ImageIO.read(png.toFile());
      assertEquals(1280, image.getWidth(), png + " width (browser.window 1280x800)");
      assertEquals(800, image.getHeight(), png + " height");
    }
    assertTrue(result.pages().stream().anyMatch(v -> v.url().endsWith("/app/my-courses")
        && v.shown() != null), "my-courses showed the smoke account's course");

    String html = Files.readString(reports.resolve("checklist-report.html"));
    int visual = html.indexOf("<h2 id=\"visual-check\">Visual check</h2>");
    assertTrue(visual > 0, "the HTML report has a Visual check section");
    List<Integer> positions = new ArrayList<>();
    for (String id : List.of("WS1-DEMO-1", "WS1-DEMO-3", "WS1-DEMO-4", "WS2-DEMO-2", "WS3-DEMO-1",
        "WS3-DEMO-2", "WS3-DEMO-4")) {
      positions.add(html.indexOf("<section class=\"visual\"><h3>" + id, visual));
    }
    assertFalse(positions.contains(-1), "every page has its section: " + positions);
    assertEquals(positions.stream().sorted().toList(), positions, "sections in checklist order");
    assertTrue(html.contains("<img src=\"screenshots/"), "screenshots linked relative to the report");

    String xml;
    try (Stream<Path> files = Files.list(reports)) {
      Path file = files.filter(p -> p.getFileName().toString().endsWith(".xml")).findFirst().orElseThrow();
      xml = Files.readString(file);
    }
    assertTrue(xml.contains("[[ATTACHMENT|" + reports.resolve("screenshots").toAbsolutePath()),
        "the JUnit XML links the screenshots (system-out [[ATTACHMENT|...]])");
  }

  @Test
  void brokenPageScriptFailsTheBrowserCheckWhileTheHttpCheckPasses(@TempDir Path reports) {
    try (RunningReferenceCore faulty = ReferenceServer.start(s -> s.frontEnd(REAL_FRONT_END
        .withBrokenScript(true).withHydration(FrontEnd.Hydration.ALWAYS)))) {
      SmokeRunResult result = run(faulty, URI.create(faulty.baseUri() + "/app"), reports, "ws1,pages",
          SmokeMode.STAGING, null, null, PageConsent.DEFAULT);

      String account = SmokeRuns.describe(result);
      assertEquals(1, result.exitCode(), account);
      CheckResult http = check(result, "Page /wiki answers 200");
      assertEquals(CheckStatus.PASSED, http.status(), "the HTTP-level check cannot see it\n" + account);
      CheckResult browser = check(result, "Browser: /wiki shows");
      assertEquals(CheckStatus.FAILED, browser.status(), account);
      assertTrue(browser.message().contains("Application error"), browser.message());
      assertTrue(browser.message().contains("console errors") && browser.message().contains("TypeError"),
          "the page's console error is reported: " + browser.message());
      for (PageVisit failed : result.pages()) {
        String reason = failed.problem() == null ? "" : failed.problem();
        assertTrue(reason.length() <= 300 && !reason.contains("\n"), "one line of at most 300 characters: "
            + reason);
      }
      String courses = check(result, "Browser: /courses shows").message();
      assertTrue(courses.contains("hydration error: Uncaught Error: Hydration failed because"), courses);
      for (String page : List.of("Browser: /wiki/[slug] shows", "Browser: /courses shows",
          "Browser: /courses/[courseId] shows", "Browser: /my-courses shows")) {
        assertEquals(CheckStatus.FAILED, check(result, page).status(), page + "\n" + account);
      }
      assertEquals(CheckStatus.PASSED, check(result, "Browser: login").status(),
          "the login form does not need the broken rendering\n" + account);
      PageVisit wiki = result.pages().stream().filter(v -> v.url().endsWith("/app/wiki")).findFirst()
          .orElseThrow();
      assertTrue(wiki.screenshotFile().isPresent(), "a failed page keeps its screenshot as evidence");
    }
  }

  @Test
  void productionLogsInThroughTheFormAndWritesNothing(@TempDir Path reports) throws Exception {
    String email = "smoke-pages-" + System.nanoTime() + "@example.test";
    String password = "Smoke-Pages-Pass-1";
    provision(core, email, password);
    Map<String, List<String>> before = snapshot(core);

    SmokeRunResult result = run(core, core.baseUri(), reports, "pages", SmokeMode.PRODUCTION, email,
        password, new PageConsent(PageConsent.Answer.LEAVE, Optional.empty(), Optional.empty()));

    String account = SmokeRuns.describe(result);
    assertEquals(0, result.exitCode(), account);
    assertEquals(List.of("login form submitted by Enter in the password field: the submit button was covered by "
        + "<p class=\"text-xs text-gray-700\"> (page.consent=leave)"), visit(result, "WS2-DEMO-2").notes());
    assertTrue(visit(result, "WS2-DEMO-2").shown().contains("logged in: a token (JWT) stored in localStorage"
        + " \"beelms.token\""), visit(result, "WS2-DEMO-2").shown());
    assertEquals(7, pageChecks(result).stream().filter(c -> c.status() == CheckStatus.PASSED).count(),
        account);
    assertEquals(before, snapshot(core), "production: users and enrollments unchanged");
    assertTrue(result.created().isEmpty(), () -> "production created " + result.created());
    assertFalse(Files.readString(reports.resolve("checklist-report.html")).contains(password));
  }

  @Test
  void aLoginPageThatMovesOnWithoutLoggingInFailsTheBrowserLogin(@TempDir Path reports) {
    String email = "smoke-no-login-" + System.nanoTime() + "@example.test";
    String password = "Smoke-Pages-Pass-1";
    try (RunningReferenceCore faulty = ReferenceServer.start(s -> s.frontEnd(REAL_FRONT_END
        .withLoginWithoutSession(true)))) {
      provision(faulty, email, password);
      SmokeRunResult result = run(faulty, URI.create(faulty.baseUri() + "/app"), reports, "pages",
          SmokeMode.PRODUCTION, email, password, PageConsent.DEFAULT);

      String account = SmokeRuns.describe(result);
      assertEquals(1, result.exitCode(), account);
      CheckResult login = check(result, "Browser: login");
      assertEquals(CheckStatus.FAILED, login.status(), "the path changed, nothing was logged in\n" + account);
      assertTrue(login.message().contains("left /login for /app/my-courses after submitting the login form"),
          login.message());
      assertTrue(login.message().contains("saw no logged-in state"), login.message());
    }
  }

  private static PageVisit visit(SmokeRunResult result, String id) {
    return result.pages().stream().filter(v -> v.checklistIds().contains(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no page visit for " + id));
  }

  private static SmokeRunResult run(RunningReferenceCore core, URI web, Path reports, String suites,
      SmokeMode mode, String email, String password, PageConsent consent) {
    var config = SmokeRuns.configFor(core).webUrl(web).mode(mode)
        // a broken page waits the whole timeout out: keep the fault run short, the healthy ones patient
        .browser(BrowserSettings.DEFAULTS.withConsent(consent).withTimeout(Duration.ofSeconds(
            core.config().faultPageScript() || core.config().frontEnd().loginWithoutSession() ? 5 : 15)));
    if (email != null) {
      config.user(email, password);
    }
    return SmokeRunner.run(SmokeRunRequest.builder(config.build()).suites(suites)
        .reportDirectory(reports).build());
  }

  private static List<CheckResult> pageChecks(SmokeRunResult result) {
    return result.checks().stream().filter(c -> c.tags().contains("pages")).toList();
  }

  private static CheckResult check(SmokeRunResult result, String nameContains) {
    return result.checks().stream().filter(c -> c.displayName().contains(nameContains)).findFirst()
        .orElseThrow(() -> new AssertionError("no check named *" + nameContains + "*"));
  }

  private static void provision(RunningReferenceCore core, String email, String password) {
    RequestSpecification api = new RequestSpecBuilder().setBaseUri(core.apiUri().toString())
        .setContentType(ContentType.JSON).build();
    io.restassured.RestAssured.given(api).body(Map.of("email", email, "password", password))
        .post("/auth/register").then().statusCode(201);
    String token = io.restassured.RestAssured.given(api).body(Map.of("email", email, "password", password))
        .post("/auth/login").then().statusCode(200).extract().path("accessToken");
    io.restassured.RestAssured.given(api).header("Authorization", "Bearer " + token)
        .post("/courses/c0000000-0000-4000-8000-000000000001/enroll").then().statusCode(204);
  }

  private static Map<String, List<String>> snapshot(RunningReferenceCore core) throws Exception {
    Map<String, List<String>> rows = new java.util.LinkedHashMap<>();
    try (Connection c = core.dataSource().getConnection(); Statement s = c.createStatement()) {
      for (String table : List.of("users", "enrollments")) {
        List<String> list = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select * from " + table + " order by 1")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(rs.getString(i)).append('|');
            }
            list.add(row.toString());
          }
        }
        rows.put(table, list);
      }
    }
    return rows;
  }
}
