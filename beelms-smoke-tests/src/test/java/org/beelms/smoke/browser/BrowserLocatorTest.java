package org.beelms.smoke.browser;

import org.beelms.smoke.config.BrowserSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrowserLocatorTest {

    private static Path executable(Path dir, String name) throws IOException {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void findsDebiansNamesOnTheSearchPath(@TempDir Path bin) throws IOException {
        Path chromium = executable(bin, "chromium");
        BrowserLocator.Executables found = new BrowserLocator(List.of(bin)).locate(BrowserSettings.DEFAULTS);
        assertEquals(chromium, found.chromium());
        assertEquals(chromium, found.binary(), "no wrapper script: started as found");
    }

    @Test
    void debiansWrapperScriptIsSkippedForTheBinaryItRuns(@TempDir Path bin, @TempDir Path lib) throws IOException {
        Path wrapper = Files.writeString(bin.resolve("chromium"), "#!/bin/sh\nAPPNAME=chromium\nLIBDIR=/usr/lib/$APPNAME\n"
                + "exec $LIBDIR/$APPNAME $CHROMIUM_FLAGS \"$@\"\n");
        Path real = executable(lib, "chromium");
        assertEquals(real, BrowserLocator.behindWrapper(wrapper, real));
        Path missing = lib.resolve("not-installed");
        assertEquals(wrapper, BrowserLocator.behindWrapper(wrapper, missing), "no binary behind it: the script runs");
        Path other = Files.writeString(bin.resolve("chrome"), "#!/bin/sh\nexec /opt/google/chrome/chrome \"$@\"\n");
        assertEquals(other, BrowserLocator.behindWrapper(other, real), "another script is started as it is");
    }

    @Test
    void missingBrowserIsOneLineNamingThePackagesAndTheSettings(@TempDir Path empty) {
        BrowserUnavailableException e = assertThrows(BrowserUnavailableException.class,
                () -> new BrowserLocator(List.of(empty)).locate(BrowserSettings.DEFAULTS));
        assertTrue(e.getMessage().contains("apt-get install -y chromium)"), e.getMessage());
        assertTrue(e.getMessage().contains("beelms.smoke.browser.chromium"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void aConfiguredPathMustBeAnExecutableAndIsNamed(@TempDir Path bin) throws IOException {
        Path notExecutable = Files.writeString(bin.resolve("my-chrome"), "x");
        BrowserSettings settings = new BrowserSettings(Optional.of(notExecutable), 
                BrowserSettings.DEFAULT_TIMEOUT, 1280, 800, "/login", Optional.empty());
        BrowserUnavailableException e = assertThrows(BrowserUnavailableException.class,
                () -> new BrowserLocator(List.of(bin)).locate(settings));
        assertTrue(e.getMessage().contains(notExecutable.toString()) && e.getMessage().contains(
                "beelms.smoke.browser.chromium"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install -y chromium"), e.getMessage());
    }

    @Test
    void aConfiguredPathWinsOverTheSearchPath(@TempDir Path bin, @TempDir Path other) throws IOException {
        executable(bin, "chromium");
        Path mine = executable(other, "chrome-for-ci");
        BrowserSettings settings = new BrowserSettings(Optional.of(mine), 
                BrowserSettings.DEFAULT_TIMEOUT, 1280, 800, "/login", Optional.empty());
        assertEquals(mine, new BrowserLocator(List.of(bin)).locate(settings).chromium());
    }
}
