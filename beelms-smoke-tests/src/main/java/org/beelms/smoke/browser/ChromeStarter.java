package org.beelms.smoke.browser;

import org.beelms.smoke.config.BrowserSettings;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;

/**
 * Starts the run's headless Chromium through chromedriver, both from the machine ({@link BrowserLocator}), with the
 * {@code eager} page-load strategy: a navigation returns once the document is parsed (DOMContentLoaded), not when every
 * image, font and third-party script has loaded; the check then waits (bounded) for the content it expects. One slow
 * resource of another origin so no longer holds a page check back until the timeout.
 */
final class ChromeStarter {
    /**
     * Selenium looks for a DevTools (CDP) binding matching the browser when a Chromium session starts and logs a
     * warning to stderr when none is on the classpath. The tier uses none (its CDP commands go through chromedriver),
     * so that one logger is silenced; held here so the setting is not garbage-collected.
     */
    private static final java.util.logging.Logger CDP_FINDER_LOG = silenced("org.openqa.selenium.devtools.CdpVersionFinder");

    /**
     * Nothing a smoke run needs, the switches Playwright starts Chromium with: no background traffic (updates, field
     * trials, optimisation hints, network time, search preconnects) competing with the pages' own requests, no
     * throttling of timers or renderers, no crash reporter or hang monitor, no paint holding on same-origin
     * navigations (the first paint is not held back waiting for the next page).
     */
    static final List<String> QUIET = List.of("--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--hide-scrollbars", "--mute-audio", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--metrics-recording-only", "--disable-field-trial-config",
            "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
            "--disable-renderer-backgrounding", "--disable-breakpad", "--disable-component-extensions-with-background-pages",
            "--disable-hang-monitor", "--disable-ipc-flooding-protection", "--disable-search-engine-choice-screen",
            "--no-service-autorun", "--password-store=basic", "--use-mock-keychain", "--force-color-profile=srgb",
            "--disable-features=OptimizationHints,NetworkTimeServiceQuerying,PreconnectToSearch,AimEnabled,"
                    + "MediaRouter,PaintHolding,LensOverlay,DestroyProfileOnBrowserClose");

    private ChromeStarter() {
    }

    /** Starts the browser on a daemon thread; {@link #await} hands it over (or the start's failure). */
    static CompletableFuture<ChromeDriver> inBackground(BrowserSettings settings) {
        CompletableFuture<ChromeDriver> starting = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                starting.complete(start(settings));
            } catch (RuntimeException e) {
                starting.completeExceptionally(e);
            }
        }, "beelms-browser-start");
        starter.setDaemon(true);
        starter.start();
        return starting;
    }

    /** The browser {@link #inBackground} started, bounded by chromedriver's own start timeout. */
    static ChromeDriver await(CompletableFuture<ChromeDriver> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    static ChromeDriver start(BrowserSettings settings) {
        BrowserLocator.Executables exe = new BrowserLocator(System.getenv()).locate(settings);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(exe.chromium().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--force-device-scale-factor=1", "--window-size=" + settings.width() + "," + settings.height());
        options.addArguments(QUIET);
        // chromedriver's own --enable-logging --log-level=0 has Chromium write every log line to its stderr, which
        // chromedriver then discards (the console errors come over DevTools, not from that log)
        options.setExperimentalOption("excludeSwitches", List.of("enable-logging"));
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
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
                    + exe.chromium() + " failed: " + FailureText.firstLine(e.getMessage()) + " (check that the chromium "
                    + "and chromium-driver packages have the same version: " + BrowserLocator.INSTALL + ")", e);
        }
        try {
            started.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PageScripts.REQUEST_HOOK));
            // the viewport (= screenshot) gets exactly the configured size
            started.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", settings.width(),
                    "height", settings.height(), "deviceScaleFactor", 1, "mobile", false));
        } catch (WebDriverException e) {
            started.quit();
            throw new BrowserUnavailableException("The browser tier cannot start: chromedriver " + exe.chromedriver()
                    + " refused its set-up commands: " + FailureText.firstLine(e.getMessage()), e);
        }
        return started;
    }

    private static java.util.logging.Logger silenced(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }
}
