package org.beelms.smoke.browser;

import org.beelms.smoke.config.BrowserSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the run's headless Chromium from the machine ({@link BrowserLocator}) and opens its one page ({@link Tab}),
 * whose navigations return once the document is parsed (DOMContentLoaded), not when every image, font and third-party
 * script has loaded; the check then waits (bounded) for the content it expects. One slow resource of another origin
 * so no longer holds a page check back until the timeout.
 */
final class ChromeStarter {
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
    static CompletableFuture<Tab> inBackground(BrowserSettings settings) {
        CompletableFuture<Tab> starting = new CompletableFuture<>();
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
    static Tab await(CompletableFuture<Tab> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** How long Chromium may take to start and listen (a loaded CI machine needs far more than a quiet one). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    static Tab start(BrowserSettings settings) {
        BrowserLocator.Executables exe = new BrowserLocator(System.getenv()).locate(settings);
        List<String> switches = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--disable-gpu", "--force-device-scale-factor=1", "--no-startup-window",
                "--window-size=" + settings.width() + "," + settings.height()));
        switches.addAll(QUIET);
        Chromium chromium = Chromium.launch(exe.binary(), switches, START_TIMEOUT.compareTo(settings.timeout()) > 0
                ? START_TIMEOUT : settings.timeout());
        try {
            // the viewport (= screenshot) gets exactly the configured size
            return Tab.open(chromium, settings.width(), settings.height(), PageScripts.REQUEST_HOOK, settings.timeout());
        } catch (DevToolsException e) {
            chromium.close();
            throw new BrowserUnavailableException("The browser tier cannot start: " + exe.binary() + " refused its "
                    + "set-up commands: " + FailureText.firstLine(e.getMessage()), e);
        }
    }
}
