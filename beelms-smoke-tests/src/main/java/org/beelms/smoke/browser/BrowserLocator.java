package org.beelms.smoke.browser;

import org.beelms.smoke.config.BrowserSettings;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds Chromium and chromedriver: the paths the settings name ({@code browser.chromium}, {@code browser.chromedriver}),
 * else Debian's ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}) and the usual names on {@code PATH}. Never
 * downloads anything: a missing browser is one line naming the Debian packages and the settings.
 */
public final class BrowserLocator {
    /** Executable names tried on {@code PATH} (Debian's first). */
    static final List<String> CHROMIUM_NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    static final List<String> DRIVER_NAMES = List.of("chromedriver");
    /** The install command the error names. */
    public static final String INSTALL = "apt-get install -y chromium chromium-driver";

    /** The executables found. */
    public record Executables(Path chromium, Path chromedriver) {
    }

    private final List<Path> searchPath;

    /** @param environment where {@code PATH} is read from ({@code System.getenv()}); {@code /usr/bin} comes first */
    public BrowserLocator(Map<String, String> environment) {
        this(searchPath(Path.of("/usr/bin"), environment.getOrDefault("PATH", "")));
    }

    /** Looks in exactly {@code searchPath} (tests). */
    BrowserLocator(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /**
     * @throws BrowserUnavailableException naming what is missing, the packages to install and the settings to set
     */
    public Executables locate(BrowserSettings settings) {
        Path chromium = find(settings.chromium(), CHROMIUM_NAMES, "browser.chromium", "Chromium");
        Path driver = find(settings.chromedriver(), DRIVER_NAMES, "browser.chromedriver", "chromedriver");
        return new Executables(chromium, driver);
    }

    private Path find(Optional<Path> configured, List<String> names, String key, String what) {
        if (configured.isPresent()) {
            Path p = configured.get();
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new BrowserUnavailableException("The browser tier cannot start: " + what + " " + p + " (set by "
                    + "beelms.smoke." + key + ") is not an executable file; install Debian's packages (" + INSTALL
                    + ") or correct beelms.smoke." + key + ".");
        }
        for (Path dir : searchPath) {
            for (String name : names) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new BrowserUnavailableException("The browser tier cannot start: no " + what + " found (looked for "
                + String.join(", ", names) + " in /usr/bin and on PATH); install Debian's packages (" + INSTALL
                + ") or name the executables with beelms.smoke.browser.chromium and beelms.smoke.browser.chromedriver.");
    }

    private static List<Path> searchPath(Path first, String path) {
        List<Path> dirs = new ArrayList<>(List.of(first));
        for (String part : path.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                Path dir = Path.of(part);
                if (!dirs.contains(dir)) {
                    dirs.add(dir);
                }
            }
        }
        return dirs;
    }
}
