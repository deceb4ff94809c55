package org.beelms.smoke.browser;

import org.beelms.smoke.client.PageVisit;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.config.BrowserSettings;
import org.beelms.smoke.config.Credentials;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;

/**
 * The browser tier's one headless Chromium (one chromedriver session per run, started on first use, closed with the
 * run): opens a page below {@code webUrl}, waits (bounded) until its visible text shows what the check expects, collects
 * the page's console errors (chromedriver's browser log, {@code goog:loggingPrefs}) and failed requests (a
 * {@code fetch}/XHR hook installed before any page script, plus Resource Timing), takes a screenshot and records a
 * {@link PageVisit} in the journal. Chromium and chromedriver come from the machine ({@link BrowserLocator}); Selenium
 * Manager is never asked, nothing is downloaded.
 */
public final class Browser implements AutoCloseable {
    /** The JUnit resource lock of the one browser: page checks never run in parallel with each other. */
    public static final String LOCK = "org.beelms.smoke.browser";
    /** Records failing {@code fetch} and XHR calls in {@code window.__beelmsFailed}; installed before page scripts. */
    static final String REQUEST_HOOK = """
            (function () {
              if (window.__beelmsFailed) { return; }
              var failed = window.__beelmsFailed = [];
              function note(method, url, status, error) {
                failed.push({ method: String(method || 'GET').toUpperCase(), url: String(url), status: status, error: error || '' });
              }
              var originalFetch = window.fetch;
              if (originalFetch) {
                window.fetch = function (input, init) {
                  var method = (init && init.method) || (input && input.method) || 'GET';
                  var url = (input && input.url) || input;
                  return originalFetch.apply(this, arguments).then(function (r) {
                    if (r.status >= 400) { note(method, r.url || url, r.status); }
                    return r;
                  }, function (e) { note(method, url, 0, String(e)); throw e; });
                };
              }
              var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
              XMLHttpRequest.prototype.open = function (method, url) { this.__beelms = [method, url]; return open.apply(this, arguments); };
              XMLHttpRequest.prototype.send = function () {
                var xhr = this;
                xhr.addEventListener('loadend', function () {
                  if (xhr.status === 0 || xhr.status >= 400) {
                    note(xhr.__beelms && xhr.__beelms[0], xhr.__beelms && xhr.__beelms[1], xhr.status, xhr.status === 0 ? 'network error' : '');
                  }
                });
                return send.apply(this, arguments);
              };
            })();
            """;
    /**
     * Failed requests: the hook's, plus other resources (scripts, styles, images) that answered 4xx/5xx; not the
     * browser's own {@code /favicon.ico} probe.
     */
    private static final String COLLECT_FAILED = """
            var out = (window.__beelmsFailed || []).map(function (f) {
              return f.method + ' ' + f.url + ' → ' + (f.status === 0 ? 'no answer' + (f.error ? ' (' + f.error + ')' : '') : f.status);
            });
            performance.getEntriesByType('resource').forEach(function (e) {
              // the browser's own favicon probe is not the page's request
              if (e.initiatorType !== 'fetch' && e.initiatorType !== 'xmlhttprequest' && e.responseStatus >= 400
                  && e.name.indexOf('/favicon.ico') < 0) {
                out.push('GET ' + e.name + ' (' + e.initiatorType + ') → ' + e.responseStatus);
              }
            });
            return out;
            """;
    private static final String NAVIGATION_STATUS = "var n = performance.getEntriesByType('navigation')[0];"
            + " return n && n.responseStatus ? n.responseStatus : 0;";
    private static final int VISIBLE_TEXT_CHARS = 300;
    /**
     * Selenium looks for a DevTools (CDP) binding matching the browser when a Chromium session starts and logs a
     * warning to stderr when none is on the classpath. The tier uses none (its CDP commands go through chromedriver),
     * so that one logger is silenced; held here so the setting is not garbage-collected.
     */
    private static final java.util.logging.Logger CDP_FINDER_LOG = silenced("org.openqa.selenium.devtools.CdpVersionFinder");

    private final BrowserSettings settings;
    private final URI webUrl;
    private final SmokeJournal journal;
    private final Path screenshots;
    private ChromeDriver driver;
    private BrowserUnavailableException unavailable;
    private int shots;
    private boolean loggedIn;

    /** @param webUrl the web front end; {@code null}: every page check is skipped with the reason */
    public Browser(URI webUrl, BrowserSettings settings, SmokeJournal journal) {
        this.webUrl = webUrl;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.screenshots = settings.screenshots().orElse(Path.of("target", "beelms-smoke", "screenshots"));
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
        URI url = url(path);
        ChromeDriver d = driver();
        Instant at = Instant.now();
        String navigationError = navigate(d, url);
        String shown = navigationError == null ? waitForText(d, expected) : null;
        return record(d, checklistIds, check, url, expected, shown, navigationError, at, null);
    }

    /**
     * Logs in through the login page's form ({@code page.loginPath}): fills the email and password fields, submits, and
     * waits (bounded) until the browser left the login page. The screenshot shows the page it landed on.
     */
    public synchronized PageVisit login(List<String> checklistIds, String check, Credentials account) {
        URI url = url(settings.loginPath());
        ChromeDriver d = driver();
        Instant at = Instant.now();
        String problem = navigate(d, url);
        List<String> loginPageConsole = List.of();
        List<String> loginPageFailed = List.of();
        if (problem == null) {
            // the login page's own errors; what the page it lands on logs is that page's check's business
            loginPageConsole = consoleErrors(d);
            loginPageFailed = failedRequests(d);
            problem = fillAndSubmit(d, account);
        }
        if (problem == null) {
            String loginPath = url.getPath();
            try {
                new WebDriverWait(d, settings.timeout()).until(drv -> !URI.create(drv.getCurrentUrl()).getPath()
                        .equals(loginPath));
                loggedIn = true;
                consoleErrors(d); // drained: they belong to the landing page
            } catch (TimeoutException e) {
                loginPageConsole = concat(loginPageConsole, consoleErrors(d));
                loginPageFailed = concat(loginPageFailed, failedRequests(d));
                String alert = text(d, "[role=alert], .error, .alert");
                problem = "after submitting the login form the browser stayed on " + url + " for "
                        + settings.timeout() + " (beelms.smoke.browser.timeout)"
                        + (alert.isBlank() ? "" : "; the page says: \"" + alert + "\"");
            }
        }
        return record(d, checklistIds, check, url, List.of("leaving " + settings.loginPath() + " after the login"),
                problem == null ? "left " + settings.loginPath() : null, problem, at,
                new Observed(loginPageConsole, loginPageFailed));
    }

    /** Console errors and failed requests gathered before the visit's end (the login page's, before it navigates). */
    private record Observed(List<String> console, List<String> failed) {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private String fillAndSubmit(ChromeDriver d, Credentials account) {
        WebElement password;
        try {
            password = new WebDriverWait(d, settings.timeout()).until(drv -> visible(drv.findElements(
                    By.cssSelector("input[type=password]"))));
        } catch (TimeoutException e) {
            return "no login form: the page shows no password field (input[type=password]) within "
                    + settings.timeout() + "; set beelms.smoke.page.loginPath to the login page's path";
        }
        WebElement email = visible(d.findElements(By.cssSelector("input[type=email], input[name=email], "
                + "input[autocomplete=username], input[name=username], input[name=login]")));
        if (email == null) {
            return "the login form has no email field (input[type=email], input[name=email] or "
                    + "input[autocomplete=username])";
        }
        email.clear();
        email.sendKeys(account.email());
        password.clear();
        password.sendKeys(account.password());
        WebElement submit = visible(d.findElements(By.cssSelector("form button[type=submit], form input[type=submit], "
                + "form button:not([type])")));
        if (submit != null) {
            submit.click();
        } else {
            password.submit();
        }
        return null;
    }

    private static WebElement visible(List<WebElement> elements) {
        return elements.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    private String navigate(ChromeDriver d, URI url) {
        try {
            d.get(url.toString());
            return null;
        } catch (TimeoutException e) {
            return "the browser did not finish loading " + url + " within " + settings.timeout()
                    + " (beelms.smoke.browser.timeout)";
        } catch (WebDriverException e) {
            return "the browser could not open " + url + ": " + firstLine(e.getMessage());
        }
    }

    private String waitForText(ChromeDriver d, Collection<String> expected) {
        List<String> wanted = expected.stream().filter(t -> t != null && !t.isBlank()).map(Browser::normalise).toList();
        try {
            return new WebDriverWait(d, settings.timeout()).until(drv -> {
                String text = normalise(visibleText(d));
                return wanted.stream().filter(text::contains).findFirst().orElse(null);
            });
        } catch (TimeoutException e) {
            return null;
        }
    }

    private PageVisit record(ChromeDriver d, List<String> ids, String check, URI url, Collection<String> expected,
                             String shown, String problem, Instant at, Observed observed) {
        int status = observed == null ? number(script(d, NAVIGATION_STATUS)) : 0;
        List<String> failed = observed == null ? failedRequests(d) : observed.failed();
        List<String> console = observed == null ? consoleErrors(d) : observed.console();
        String visible = visibleText(d);
        String landed = currentUrl(d);
        Path shot = screenshot(d, ids);
        if (problem == null && status >= 400) {
            problem = "GET " + url + " answered " + status + " in the browser";
        }
        if (problem == null && shown == null) {
            List<String> list = expected.stream().limit(3).toList();
            problem = "none of " + list + (expected.size() > list.size() ? " (and " + (expected.size() - list.size())
                    + " more)" : "") + " appeared on " + url + " within " + settings.timeout()
                    + " (beelms.smoke.browser.timeout); the page shows: \"" + abbreviate(normalise(visible), 160) + "\"";
        }
        if (problem == null && (!console.isEmpty() || !failed.isEmpty())) {
            problem = url + " showed " + shown + " but had " + (console.isEmpty() ? "" : console.size()
                    + " console error(s)") + (!console.isEmpty() && !failed.isEmpty() ? " and " : "")
                    + (failed.isEmpty() ? "" : failed.size() + " failed request(s)");
        }
        if (problem != null) {
            problem = problem + (console.isEmpty() ? "" : "; console errors: " + console)
                    + (failed.isEmpty() ? "" : "; failed requests: " + failed)
                    + (shot == null ? "" : "; screenshot " + shot.toAbsolutePath());
        }
        PageVisit visit = new PageVisit(ids, check, url.toString(), landed, status, List.copyOf(expected), shown,
                abbreviate(visible, VISIBLE_TEXT_CHARS), console, failed, shot,
                Duration.between(at, Instant.now()), at, problem);
        journal.pageVisit(visit);
        return visit.redacted(journal.redactor());
    }

    private static List<String> failedRequests(ChromeDriver d) {
        List<String> failed = new ArrayList<>();
        if (script(d, COLLECT_FAILED) instanceof List<?> list) {
            list.forEach(o -> failed.add(String.valueOf(o)));
        }
        failed.removeIf(f -> f.endsWith(" → 401")); // a guest's or an expired session's answer, not a failure
        return failed;
    }

    private List<String> consoleErrors(ChromeDriver d) {
        List<String> out = new ArrayList<>();
        try {
            for (LogEntry entry : d.manage().logs().get(LogType.BROWSER)) {
                String message = entry.getMessage();
                // resource failures are reported as failed requests (401s are not failures)
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                        && !message.contains("Failed to load resource")) {
                    out.add(message);
                }
            }
        } catch (WebDriverException e) {
            out.add("(the browser log could not be read: " + firstLine(e.getMessage()) + ")");
        }
        return out;
    }

    private Path screenshot(ChromeDriver d, List<String> ids) {
        try {
            byte[] png = d.getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(screenshots);
            String name = String.format(Locale.ROOT, "%02d-%s.png", ++shots,
                    ids.isEmpty() ? "page" : String.join("_", ids));
            Path file = screenshots.resolve(name);
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot to " + screenshots.toAbsolutePath()
                    + "; make it writable or set beelms.smoke.screenshots", e);
        } catch (WebDriverException e) {
            return null;
        }
    }

    private static String visibleText(ChromeDriver d) {
        Object text = script(d, "return document.body ? document.body.innerText : '';");
        return text == null ? "" : String.valueOf(text);
    }

    private static String text(ChromeDriver d, String css) {
        return String.join(" ", d.findElements(By.cssSelector(css)).stream().map(WebElement::getText)
                .filter(t -> !t.isBlank()).toList());
    }

    private static String currentUrl(ChromeDriver d) {
        try {
            return d.getCurrentUrl();
        } catch (WebDriverException e) {
            return "";
        }
    }

    private static Object script(ChromeDriver d, String js) {
        try {
            return ((JavascriptExecutor) d).executeScript(js);
        } catch (WebDriverException e) {
            return null;
        }
    }

    private static int number(Object o) {
        return o instanceof Number n ? n.intValue() : 0;
    }

    private static java.util.logging.Logger silenced(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    static String normalise(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The run's driver, started on first use; a failed start is remembered and reported to every page check. */
    private ChromeDriver driver() {
        if (driver != null) {
            return driver;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        try {
            driver = start();
            return driver;
        } catch (BrowserUnavailableException e) {
            unavailable = e;
            throw e;
        }
    }

    private ChromeDriver start() {
        BrowserLocator.Executables exe = new BrowserLocator(System.getenv()).locate(settings);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(exe.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=" + settings.width() + "," + settings.height());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        options.setPageLoadTimeout(settings.timeout());
        options.setScriptTimeout(settings.timeout());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(exe.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            service.stop();
            throw new BrowserUnavailableException("The browser tier cannot start: " + exe.chromedriver() + " with "
                    + exe.chromium() + " failed: " + firstLine(e.getMessage()) + " (check that the chromium and "
                    + "chromium-driver packages have the same version: " + BrowserLocator.INSTALL + ")", e);
        }
        try {
            started.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", REQUEST_HOOK));
            // the viewport (= screenshot) gets exactly the configured size
            started.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", settings.width(),
                    "height", settings.height(), "deviceScaleFactor", 1, "mobile", false));
        } catch (WebDriverException e) {
            started.quit();
            throw new BrowserUnavailableException("The browser tier cannot start: chromedriver " + exe.chromedriver()
                    + " refused its set-up commands: " + firstLine(e.getMessage()), e);
        }
        return started;
    }

    /** Quits the browser (and chromedriver). */
    @Override
    public synchronized void close() {
        if (driver != null) {
            try {
                driver.quit();
            } catch (WebDriverException e) {
                // the browser is gone already: nothing left to stop
            } finally {
                driver = null;
            }
        }
    }
}
