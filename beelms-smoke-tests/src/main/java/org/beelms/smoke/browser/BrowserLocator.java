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
 * Finds Chromium: the path the settings name ({@code browser.chromium}), else Debian's {@code /usr/bin/chromium} and the
 * usual names on {@code PATH}. Never downloads anything: a missing browser is one line naming the Debian package and
 * the setting. Debian's {@code /usr/bin/chromium} is a shell script that reads {@code /etc/chromium.d} (desktop
 * defaults: extensions, API keys, GPU flags) and then runs {@code /usr/lib/chromium/chromium}; the tier runs that
 * binary directly ({@link Executables#binary()}), which saves the script's dozen helper processes on each start.
 */
public final class BrowserLocator {
    /** Executable names tried on {@code PATH} (Debian's first). */
    static final List<String> CHROMIUM_NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");
    /** The install command the error names. */
    public static final String INSTALL = "apt-get install -y chromium";
    /** Where Debian's wrapper script {@code /usr/bin/chromium} runs the browser from. */
    static final Path DEBIAN_BINARY = Path.of("/usr/lib/chromium/chromium");

    /**
     * What was found.
     *
     * @param chromium the executable found or configured
     * @param binary what is started: {@code chromium} itself, or the binary behind Debian's wrapper script
     */
    public record Executables(Path chromium, Path binary) {
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
        return new Executables(chromium, behindWrapper(chromium, DEBIAN_BINARY));
    }

    /** {@code binary} when {@code chromium} is a shell script that runs it (Debian's wrapper), else {@code chromium}. */
    static Path behindWrapper(Path chromium, Path binary) {
        try (java.io.InputStream in = Files.newInputStream(chromium)) {
            byte[] start = in.readNBytes(4096);
            String head = new String(start, java.nio.charset.StandardCharsets.ISO_8859_1);
            // Debian's script: LIBDIR=/usr/lib/$APPNAME ... exec $LIBDIR/$APPNAME $CHROMIUM_FLAGS "$@"
            boolean runsIt = head.contains(binary.toString()) || head.contains("LIBDIR=/usr/lib/");
            if (head.startsWith("#!") && runsIt && Files.isRegularFile(binary)
                    && Files.isExecutable(binary)) {
                return binary;
            }
        } catch (java.io.IOException e) {
            // unreadable: started as found
        }
        return chromium;
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
                + ") or name the executable with beelms.smoke.browser.chromium.");
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
