package org.beelms.smoke.browser;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The browser tier's failure reasons: one line of at most {@value #MAX} characters saying what was expected, where
 * (URL, selector) and what was seen instead. The browser driver's own text (session id, capabilities, build info,
 * often 2,000 characters) never goes into a reason; it goes to the log file beside the screenshot.
 */
final class FailureText {
    static final int MAX = 300;

    private FailureText() {
    }

    /** {@code text} on one line (whitespace runs collapsed), cut to {@code max} characters with an ellipsis. */
    static String oneLine(String text, int max) {
        String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }

    /** The reason: {@code main}, then as many of {@code extras} (each "; "-joined) as fit in {@value #MAX}. */
    static String reason(String main, List<String> extras) {
        StringBuilder s = new StringBuilder(oneLine(main, MAX));
        for (String extra : extras) {
            String e = oneLine(extra, MAX);
            if (e.isEmpty()) {
                continue;
            }
            int room = MAX - s.length() - 2;
            if (room < 24) {
                break;
            }
            s.append("; ").append(e.length() <= room ? e : e.substring(0, room - 1) + "…");
        }
        return oneLine(s.toString(), MAX);
    }

    /**
     * What the driver said, without its session, capability and build lines: the first line, and for an intercepted
     * click only what would have received it ("element click intercepted by {@code <p class="...">}").
     */
    static String driverSaid(String message) {
        String first = firstLine(message);
        int other = first.indexOf("Other element would receive the click:");
        if (other >= 0) {
            String by = first.substring(other + "Other element would receive the click:".length()).trim();
            int end = by.indexOf('>');
            return "element click intercepted by " + (end > 0 ? by.substring(0, end + 1) : by);
        }
        int session = first.indexOf("(Session info");
        return (session > 0 ? first.substring(0, session) : first).trim();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * A hydration error among the console errors (React's "Hydration failed because ...", "There was an error while
     * hydrating", or the minified errors #418, #423, #425), its first line from "Error"/"Uncaught" on.
     */
    static Optional<String> hydrationError(List<String> consoleErrors) {
        for (String error : consoleErrors) {
            String lower = error.toLowerCase(Locale.ROOT);
            if (lower.contains("hydrat") || lower.matches("(?s).*minified react error #4(18|23|25)\\b.*")) {
                String line = firstLine(error);
                int from = line.indexOf("Uncaught");
                if (from < 0) {
                    from = Math.max(0, line.indexOf("Error"));
                }
                // chromedriver's console text quotes the thrown message ("...") and escapes its quotes
                return Optional.of(line.substring(from).replace("\\\"", "\"").replace("\\'", "'"));
            }
        }
        return Optional.empty();
    }
}
