package org.beelms.smoke.browser;

import org.beelms.smoke.client.PageVisit;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.config.BrowserSettings;
import org.beelms.smoke.config.Credentials;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The browser tier's one headless Chromium (driven over DevTools, started in the background as soon as the tier asks
 * for the browser, closed with the run; see {@link ChromeStarter}): opens a page below {@code webUrl}, waits (bounded)
 * until its visible text shows what the check expects, collects the page's console errors and failed requests (a
 * {@code fetch}/XHR hook installed before any page script, plus Resource Timing), takes a screenshot whatever the
 * outcome and records a {@link PageVisit} in the journal. Failed requests to the front end's own origin or the API fail
 * the check; those to other origins (fonts, analytics, captcha), and resources of other origins that never finish, are
 * reported as notes. A failure reason is one line; the driver's full text goes to a log file beside the screenshot.
 */
public final class Browser implements AutoCloseable {
    /** The JUnit resource lock of the one browser: page checks never run in parallel with each other. */
    public static final String LOCK = "org.beelms.smoke.browser";
    private static final int VISIBLE_TEXT_CHARS = 300;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final String PASSWORD = "input[type=password]";
    private static final String EMAIL = "input[type=email], input[name=email], input[autocomplete=username], "
            + "input[name=username], input[name=login]";
    private static final String SUBMIT = "form button[type=submit], form input[type=submit], form button:not([type])";

    private final BrowserSettings settings;
    private final URI webUrl;
    private final List<String> ownOrigins;
    private final SmokeJournal journal;
    private final Path screenshots;
    private Tab driver;
    private BrowserUnavailableException unavailable;
    /** The browser starting in the background since this was made (the first check's API calls meanwhile). */
    private CompletableFuture<Tab> starting;
    private int shots;
    private boolean loggedIn;

    /** @param webUrl the web front end; {@code null}: every page check is skipped with the reason */
    public Browser(URI webUrl, BrowserSettings settings, SmokeJournal journal) {
        this(webUrl, null, settings, journal);
    }

    /**
     * @param webUrl the web front end; {@code null}: every page check is skipped with the reason
     * @param api the API's base URI (its origin's failed requests fail a page check like the front end's own), or
     *     {@code null}
     */
    public Browser(URI webUrl, URI api, BrowserSettings settings, SmokeJournal journal) {
        this.webUrl = webUrl;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.screenshots = settings.screenshots().orElse(Path.of("target", "beelms-smoke", "screenshots"));
        List<String> origins = new ArrayList<>();
        for (URI u : new URI[] {webUrl, api}) {
            if (u != null && u.getHost() != null) {
                origins.add(origin(u));
            }
        }
        this.ownOrigins = List.copyOf(origins);
        if (webUrl != null) {
            // Chromium takes a second or more to start: begin now, while the first page check asks
            // the API what its page must show
            starting = ChromeStarter.inBackground(settings);
        }
    }

    /** The page {@code path} (with query) below {@code webUrl}. */
    public URI url(String path) {
        if (webUrl == null) {
            throw new TestAbortedException("no webUrl configured (beelms.smoke.webUrl): the browser tier's page checks "
                    + "are not run");
        }
        String base = webUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }

    /** Whether the run's browser already logged in through the login form. */
    public synchronized boolean loggedIn() {
        return loggedIn;
    }

    /**
     * Opens {@code path}, waits until its visible text contains one of {@code expected}, and records the visit.
     *
     * @throws BrowserUnavailableException when the browser cannot start (every page check fails with this one line)
     */
    public synchronized PageVisit open(List<String> checklistIds, String check, String path,
                                       Collection<String> expected) {
        return open(checklistIds, check, path, expected, false);
    }

    /**
     * Like {@link #open(List, String, String, Collection)}; with {@code restorePreferences} the front end's cookies and
     * localStorage are put back afterwards as they were before (a check that switches a persisted preference, such as
     * the UI language, leaves it as it found it, so the checks after it do not depend on the order).
     */
    public synchronized PageVisit open(List<String> checklistIds, String check, String path,
                                       Collection<String> expected, boolean restorePreferences) {
        Visit v = new Visit(checklistIds, check, url(path), expected, driver());
        StoredPreferences before = restorePreferences ? StoredPreferences.read(v.d, origin(webUrl)) : null;
        try {
            if (navigate(v)) {
                v.shown = waitForText(v.d, expected);
                if (v.shown != null) {
                    settle(v);
                }
            }
        } catch (DevToolsException e) {
            v.driverFailed("the browser failed on " + v.url, e);
        }
        if (before != null) {
            try {
                List<String> put = before.restore(v.d, origin(webUrl));
                if (!put.isEmpty()) {
                    v.notes.add("put back as found before the check: " + String.join(", ", put));
                }
            } catch (DevToolsException e) {
                v.driverFailed("could not put the front end's cookies and localStorage back on " + v.url, e);
            }
        }
        return record(v);
    }

    /**
     * Logs in through the login page's form ({@code page.loginPath}): fills the email and password fields, submits the
     * way a person does ({@link PersonSubmit}: the button scrolled to the middle, a consent bar over it answered, else
     * Enter in the password field), and waits (bounded) until the browser left the login page and shows the
     * logged-in state ({@link LoggedInState}: a new token stored, the account's email or a logout control; leaving
     * the page alone proves nothing). The screenshot shows where the check stopped: the form, or the page it landed on.
     */
    public synchronized PageVisit login(List<String> checklistIds, String check, Credentials account) {
        Visit v = new Visit(checklistIds, check, url(settings.loginPath()), List.of("leaving " + settings.loginPath()
                + " logged in"), driver());
        v.observed = true; // the login page's own errors; what the page it lands on logs is that page's check's business
        try {
            LoggedInState state = navigate(v) ? LoggedInState.before(v.d) : null;
            if (state != null && fillAndSubmit(v, account)) {
                String loginPath = v.url.getPath();
                if (Poll.until(settings.timeout(), POLL, () -> !URI.create(v.d.url()).getPath().equals(loginPath))
                        != null) {
                    consoleErrors(v.d); // drained: they belong to the landing page
                    String evidence = state.await(v, settings.timeout(), settings.loginPath(), account.email());
                    if (evidence != null) {
                        loggedIn = true;
                        v.shown = "left " + settings.loginPath() + " logged in: " + evidence;
                    }
                } else {
                    v.console.addAll(consoleErrors(v.d));
                    observeRequests(v);
                    String alert = text(v.d, "[role=alert], .error, .alert");
                    v.problem = "expected to leave " + v.url + " after submitting the login form (" + v.how
                            + "); still there after " + settings.timeout() + " (beelms.smoke.browser.timeout)"
                            + (alert.isBlank() ? "" : "; the page says: \"" + FailureText.oneLine(alert, 80) + "\"");
                }
            }
        } catch (DevToolsException e) {
            v.driverFailed("the login through the form on " + v.url + " failed", e);
        }
        return record(v);
    }

    private boolean fillAndSubmit(Visit v, Credentials account) {
        if (Poll.until(settings.timeout(), POLL, () -> v.d.script(PageScripts.SHOWS, PASSWORD)) == null) {
            v.problem = "expected a login form on " + v.url + " (" + PASSWORD + ") within " + settings.timeout()
                    + "; saw none: set beelms.smoke.page.loginPath to the login page's path (the real front end: "
                    + "/auth/login)";
            return false;
        }
        v.console.addAll(consoleErrors(v.d));
        observeRequests(v);
        if (!type(v.d, EMAIL, account.email())) {
            v.problem = "expected an email field in the login form on " + v.url + " (" + EMAIL + "); saw none";
            return false;
        }
        if (!type(v.d, PASSWORD, account.password())) {
            v.problem = "expected the password field on " + v.url + " (" + PASSWORD + ") to take the password; it "
                    + "could not be focused";
            return false;
        }
        v.how = new PersonSubmit(v.d, settings.consent()).submit(SUBMIT, PASSWORD).how();
        v.notes.add("login form submitted " + v.how);
        return true;
    }

    /** Types {@code text} into the first shown field matching {@code css}, replacing what it held; false: no field. */
    private static boolean type(Tab d, String css, String text) {
        if (!Boolean.TRUE.equals(d.script(PageScripts.FOCUS_AND_SELECT, css))) {
            return false;
        }
        d.insertText(text);
        return true;
    }

    /** Opens the visit's URL; {@code false} (with the problem set) when the browser could not. */
    private boolean navigate(Visit v) {
        try {
            v.d.navigate(v.url);
            return true;
        } catch (DevToolsException.Timeout e) {
            v.problem = "expected " + v.url + " to be parsed (DOMContentLoaded) within " + settings.timeout()
                    + " (beelms.smoke.browser.timeout); it was not";
            v.log(e);
        } catch (DevToolsException e) {
            v.driverFailed("the browser could not open " + v.url, e);
        }
        return false;
    }

    private String waitForText(Tab d, Collection<String> expected) {
        List<String> wanted = expected.stream().filter(t -> t != null && !t.isBlank()).map(Browser::normalise).toList();
        return Poll.until(settings.timeout(), POLL, () -> {
            String text = normalise(visibleText(d));
            return wanted.stream().filter(text::contains).findFirst().orElse(null);
        });
    }

    /**
     * After the content appeared: waits (bounded by the timeout) until the page loaded, or until every resource it
     * still waits for is of another origin; those are noted, not failed. The page's own scripts (and a hydration error
     * they log) have run by then.
     */
    private void settle(Visit v) {
        long until = System.nanoTime() + settings.timeout().toNanos();
        List<String> pending = pending(v.d);
        while (!pending.isEmpty() && pending.stream().anyMatch(this::own) && System.nanoTime() < until) {
            sleep(POLL);
            pending = pending(v.d);
        }
        // timers the page's scripts queued while it was parsed (where an error such as a hydration error is thrown)
        try {
            v.d.script(PageScripts.NEXT_TASKS);
        } catch (DevToolsException e) {
            v.log(e);
        }
        pending.stream().filter(p -> !own(p)).forEach(p -> v.notes.add("still loading (another origin, not "
                + "waited for): " + p));
        pending.stream().filter(this::own).forEach(p -> v.notes.add("still loading after " + settings.timeout()
                + ": " + p));
    }

    private static List<String> pending(Tab d) {
        List<String> out = new ArrayList<>();
        if (script(d, PageScripts.PENDING_RESOURCES) instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    private PageVisit record(Visit v) {
        Tab d = v.d;
        int status = v.observed ? 0 : number(script(d, PageScripts.NAVIGATION_STATUS));
        if (!v.observed) {
            v.console.addAll(consoleErrors(d));
            observeRequests(v);
        }
        String visible = visibleText(d);
        String landed = currentUrl(d);
        Path shot = screenshot(d, v.ids);
        Path log = v.driverLog.isEmpty() ? null : writeLog(shot, v);
        String problem = v.problem;
        List<String> extras = new ArrayList<>();
        if (problem == null && status >= 400) {
            problem = "expected " + v.url + " to answer 2xx in the browser; it answered " + status;
        }
        String hydration = FailureText.hydrationError(v.console).orElse(null);
        if (problem == null && v.shown == null) {
            List<String> list = v.expected.stream().limit(3).map(t -> "\"" + FailureText.oneLine(t, 40) + "\"").toList();
            problem = "expected " + (v.expected.size() == 1 ? list.get(0) : "one of " + list
                    + (v.expected.size() > list.size() ? " (+" + (v.expected.size() - list.size()) + ")" : ""))
                    + " on " + v.url + " within " + settings.timeout() + "; the page shows \""
                    + FailureText.oneLine(normalise(visible), 80) + "\"";
        } else if (problem == null && hydration != null) {
            problem = "hydration error on " + v.url + ": " + hydration;
        } else if (problem == null && (!v.console.isEmpty() || !v.failed.isEmpty())) {
            problem = "expected " + v.url + " to show \"" + FailureText.oneLine(v.shown, 40) + "\" cleanly; it had "
                    + (v.console.isEmpty() ? "" : v.console.size() + " console error(s)")
                    + (!v.console.isEmpty() && !v.failed.isEmpty() ? " and " : "")
                    + (v.failed.isEmpty() ? "" : v.failed.size() + " failed request(s)");
        }
        if (problem != null) {
            if (hydration != null && !problem.contains(hydration)) {
                extras.add("hydration error: " + hydration);
            }
            v.console.stream().filter(e -> hydration == null || !e.contains(hydration)).findFirst()
                    .ifPresent(e -> extras.add("console errors: " + FailureText.oneLine(e, 120)));
            if (!v.failed.isEmpty()) {
                extras.add("failed requests: " + FailureText.oneLine(v.failed.get(0), 120));
            }
            problem = FailureText.reason(problem, extras);
        }
        PageVisit visit = new PageVisit(v.ids, v.check, v.url.toString(), landed, status, List.copyOf(v.expected),
                v.shown, abbreviate(visible, VISIBLE_TEXT_CHARS), v.console, v.failed, shot,
                Duration.between(v.at, Instant.now()), v.at, problem, v.notes, log);
        journal.pageVisit(visit);
        return visit.redacted(journal.redactor());
    }

    /** Failed requests: those to the front end's own origin or the API fail the check; others become notes. */
    private void observeRequests(Visit v) {
        if (script(v.d, PageScripts.COLLECT_FAILED) instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof List<?> pair && pair.size() == 2) {
                    String url = String.valueOf(pair.get(0));
                    String text = String.valueOf(pair.get(1));
                    if (text.endsWith(" → 401") || v.failed.contains(text)) {
                        continue; // a guest's or an expired session's answer is not a failure
                    }
                    if (own(url)) {
                        v.failed.add(text);
                    } else if (!v.notes.contains("failed (another origin): " + text)) {
                        v.notes.add("failed (another origin): " + text);
                    }
                }
            }
        }
    }

    private boolean own(String url) {
        return ownOrigins.isEmpty() || ownOrigins.stream().anyMatch(o -> url.startsWith(o));
    }

    private static String origin(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/";
    }

    private static List<String> consoleErrors(Tab d) {
        // resource failures are reported as failed requests (401s are not failures)
        return d.consoleErrors().stream().filter(m -> !m.contains("Failed to load resource")).toList();
    }

    private Path screenshot(Tab d, List<String> ids) {
        try {
            byte[] png = d.screenshot();
            Files.createDirectories(screenshots);
            String name = String.format(Locale.ROOT, "%02d-%s.png", ++shots,
                    ids.isEmpty() ? "page" : String.join("_", ids));
            Path file = screenshots.resolve(name);
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot to " + screenshots.toAbsolutePath()
                    + "; make it writable or set beelms.smoke.screenshots", e);
        } catch (DevToolsException e) {
            return null;
        }
    }

    /** The driver's full messages, beside the screenshot (same name, {@code .log}). */
    private Path writeLog(Path shot, Visit v) {
        String stem = shot != null ? shot.getFileName().toString().replaceFirst("\\.png$", "")
                : String.format(Locale.ROOT, "%02d-%s", ++shots, v.ids.isEmpty() ? "page" : String.join("_", v.ids));
        try {
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(stem + ".log");
            Files.writeString(file, journal.redactor().redact(v.check + "\n" + v.url + "\n\n"
                    + String.join("\n\n", v.driverLog)), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the browser log to " + screenshots.toAbsolutePath()
                    + "; make it writable or set beelms.smoke.screenshots", e);
        }
    }

    private static String visibleText(Tab d) {
        Object text = script(d, PageScripts.VISIBLE_TEXT);
        return text == null ? "" : String.valueOf(text);
    }

    private static String text(Tab d, String css) {
        Object text = script(d, PageScripts.TEXT_OF, css);
        return text == null ? "" : String.valueOf(text);
    }

    private static String currentUrl(Tab d) {
        try {
            return d.url();
        } catch (DevToolsException e) {
            return "";
        }
    }

    private static Object script(Tab d, String js, Object... args) {
        try {
            return d.script(js, args);
        } catch (DevToolsException e) {
            return null;
        }
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String normalise(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    /** The run's driver, started on first use; a failed start is remembered and reported to every page check. */
    private Tab driver() {
        if (driver != null) {
            return driver;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        try {
            driver = starting != null ? started() : ChromeStarter.start(settings);
            return driver;
        } catch (BrowserUnavailableException e) {
            unavailable = e;
            throw e;
        } finally {
            starting = null;
        }
    }

    private Tab started() {
        return ChromeStarter.await(starting);
    }

    /** Stops the browser. */
    @Override
    public synchronized void close() {
        if (starting != null) {
            // started but never used: wait for it (bounded by the driver's own start timeout) and stop it
            try {
                driver = started();
            } catch (RuntimeException e) {
                // it could not start: nothing to stop
            }
            starting = null;
        }
        if (driver != null) {
            try {
                driver.close();
            } finally {
                driver = null;
            }
        }
    }
}
