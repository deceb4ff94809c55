package org.beelms.smoke.browser;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureTextTest {

    /** What chromedriver answered on the real front end's login (issue 25), shortened in the middle. */
    private static final String INTERCEPTED = "element click intercepted: Element <button type=\"submit\" "
            + "class=\"w-full\">...</button> is not clickable at point (640, 769). Other element would receive the "
            + "click: <p class=\"text-xs text-gray-700\">...</p>\n  (Session info: chrome=143.0.7499.40)\n"
            + "Build info: version: '4.38.0', revision: 'abc'\nSystem info: os.name: 'Linux'\n"
            + "Driver info: org.openqa.selenium.chrome.ChromeDriver\nCapabilities {acceptInsecureCerts: false, "
            + "browserName: chrome, " + "x".repeat(1500) + "}\nSession ID: 0123456789abcdef";

    @Test
    void theDriversTextIsCutToWhatCoveredTheButton() {
        assertEquals("element click intercepted by <p class=\"text-xs text-gray-700\">",
                FailureText.driverSaid(INTERCEPTED));
        assertEquals("unknown error: net::ERR_CONNECTION_REFUSED", FailureText.driverSaid(
                "unknown error: net::ERR_CONNECTION_REFUSED\n  (Session info: chrome=143.0)\nBuild info: x"));
    }

    @Test
    void aReasonIsOneLineOfAtMost300CharactersWithTheMainPartFirst() {
        String reason = FailureText.reason("expected \"Курсове\" on http://fe/courses within PT15S; the page shows "
                + "\"Loading…\"", List.of("console errors: " + INTERCEPTED, "failed requests: " + INTERCEPTED));
        assertTrue(reason.length() <= FailureText.MAX, reason.length() + ": " + reason);
        assertFalse(reason.contains("\n"), reason);
        assertTrue(reason.startsWith("expected \"Курсове\" on http://fe/courses within PT15S"), reason);
        assertTrue(reason.contains("; console errors: element click intercepted"), reason);
        assertEquals(FailureText.MAX, FailureText.oneLine("y".repeat(1000), FailureText.MAX).length());
    }

    @Test
    void aHydrationErrorIsFoundAndCutToItsFirstLine() {
        assertEquals(Optional.of("Uncaught Error: Hydration failed because the server rendered text didn't match "
                + "the client."), FailureText.hydrationError(List.of("http://fe/_next/static/chunks/main.js 1:2 "
                + "Uncaught Error: Hydration failed because the server rendered text didn\\'t match the client.\n"
                + "    at throwOnHydrationMismatch (main.js:1:2)")));
        assertTrue(FailureText.hydrationError(List.of("http://fe/x.js 1:2 Uncaught Error: Minified React error "
                + "#418; visit https://react.dev/errors/418")).isPresent());
        assertEquals(Optional.empty(), FailureText.hydrationError(List.of("Uncaught TypeError: x is undefined")));
    }
}
