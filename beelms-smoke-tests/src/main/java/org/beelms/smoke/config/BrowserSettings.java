package org.beelms.smoke.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser tier's settings ({@code pages}): where Chromium is (empty: looked up on the machine),
 * how long a page may take to show its content, the window (= screenshot) size, the login page's path and where
 * screenshots go (empty: the runner's report directory, else {@code target/beelms-smoke/screenshots}).
 *
 * @param chromium {@code browser.chromium}: the Chromium (or Chrome) executable
 * @param timeout {@code browser.timeout}: bounded wait for a page's content (default 15 s)
 * @param width {@code browser.window} width in CSS pixels (default 1280)
 * @param height {@code browser.window} height (default 800)
 * @param loginPath {@code page.loginPath}: the login page below {@code webUrl} (default {@code /login})
 * @param screenshots {@code screenshots}: the folder for the PNGs
 * @param consent {@code page.consent}, {@code page.consentSelectors}: the answer to a cookie-consent bar in the way
 */
public record BrowserSettings(Optional<Path> chromium, Duration timeout, int width,
                              int height, String loginPath, Optional<Path> screenshots, PageConsent consent) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    public static final int DEFAULT_WIDTH = 1280;
    public static final int DEFAULT_HEIGHT = 800;
    public static final String DEFAULT_LOGIN_PATH = "/login";
    public static final BrowserSettings DEFAULTS = new BrowserSettings(Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_LOGIN_PATH, Optional.empty(), PageConsent.DEFAULT);
    private static final Pattern WINDOW = Pattern.compile("(\\d{3,4})x(\\d{3,4})");

    public BrowserSettings {
        Objects.requireNonNull(chromium, "chromium");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(screenshots, "screenshots");
        Objects.requireNonNull(consent, "consent");
        loginPath = loginPath == null || loginPath.isBlank() ? DEFAULT_LOGIN_PATH
                : (loginPath.startsWith("/") ? loginPath.trim() : "/" + loginPath.trim());
    }

    /** Settings answering a consent bar the default way (decline). */
    public BrowserSettings(Optional<Path> chromium, Duration timeout, int width,
                           int height, String loginPath, Optional<Path> screenshots) {
        this(chromium, timeout, width, height, loginPath, screenshots, PageConsent.DEFAULT);
    }

    /** A copy writing screenshots to {@code dir}. */
    public BrowserSettings withScreenshots(Path dir) {
        return new BrowserSettings(chromium, timeout, width, height, loginPath, Optional.of(dir),
                consent);
    }

    /** A copy waiting at most {@code wait} for a page's content. */
    public BrowserSettings withTimeout(Duration wait) {
        return new BrowserSettings(chromium, wait, width, height, loginPath, screenshots, consent);
    }

    /** A copy answering a consent bar as {@code answer} says. */
    public BrowserSettings withConsent(PageConsent answer) {
        return new BrowserSettings(chromium, timeout, width, height, loginPath, screenshots, answer);
    }

    /** A copy with the login page at {@code path}. */
    public BrowserSettings withLoginPath(String path) {
        return new BrowserSettings(chromium, timeout, width, height, path, screenshots, consent);
    }

    /** {@code "1280x800"} → width and height (320..3840 × 240..2160), or the error naming the setting. */
    static int[] parseWindow(String key, String source, String value) {
        Matcher m = WINDOW.matcher(value.trim());
        if (m.matches()) {
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            if (w >= 320 && w <= 3840 && h >= 240 && h <= 2160) {
                return new int[] {w, h};
            }
        }
        throw SmokeConfigException.invalid(key, source, value, "WIDTHxHEIGHT in CSS pixels, e.g. 1280x800 "
                + "(320..3840 x 240..2160)");
    }

    /** These settings as configuration parameters (keys without prefix; only what differs from the defaults). */
    Map<String, String> toParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        chromium.ifPresent(c -> p.put("browser.chromium", c.toString()));
        p.put("browser.timeout", String.valueOf(timeout.toMillis()));
        p.put("browser.window", width + "x" + height);
        p.put("page.loginPath", loginPath);
        screenshots.ifPresent(s -> p.put("screenshots", s.toString()));
        p.put("page.consent", consent.answer().key());
        if (!consent.selectorsText().isEmpty()) {
            p.put("page.consentSelectors", consent.selectorsText());
        }
        return p;
    }
}
