package org.beelms.smoke.waiver;

import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a {@link SmokeWaiver} accepts a check's outcome. Kept apart from the waiver record so that a check result
 * (which carries the waiver that accepted it) and the waiver do not depend on each other.
 */
final class WaiverMatch {

    private WaiverMatch() {
    }

    /** True when {@code result} failed and is the failure {@code waiver} describes. */
    static boolean matches(SmokeWaiver waiver, CheckResult result) {
        return result.status() == CheckStatus.FAILED && cites(waiver, result)
                && endpointMatches(waiver, result) && detailMatches(waiver, result);
    }

    /** True when {@code result} cites the waiver's checklist ID, whatever its outcome. */
    static boolean cites(SmokeWaiver waiver, CheckResult result) {
        return result.checklistIds().stream().anyMatch(waiver.check()::equalsIgnoreCase);
    }

    private static boolean detailMatches(SmokeWaiver waiver, CheckResult result) {
        String detail = waiver.detail();
        return detail.isEmpty() || (result.message() != null
                && result.message().toLowerCase(Locale.ROOT).contains(detail.toLowerCase(Locale.ROOT)));
    }

    private static boolean endpointMatches(SmokeWaiver waiver, CheckResult result) {
        String endpoint = waiver.endpoint();
        if (endpoint.isEmpty()) {
            return true;
        }
        String[] parts = endpoint.split("\\s+", 2);
        String method = parts.length == 2 ? parts[0] : "";
        Pattern path = template(parts.length == 2 ? parts[1] : parts[0]);
        for (RecordedRequest request : result.requests()) {
            if ((method.isEmpty() || method.equalsIgnoreCase(request.method()))
                    && path.matcher(pathOf(request.url())).matches()) {
                return true;
            }
        }
        return false;
    }

    /** {@code /courses/{id}} → any path ending in {@code /courses/<one segment>}, so the API prefix is optional. */
    static Pattern template(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        StringBuilder regex = new StringBuilder("(?i)(.*)?");
        int from = 0;
        java.util.regex.Matcher param = Pattern.compile("\\{[^}/]*}").matcher(trimmed);
        while (param.find()) {
            regex.append(Pattern.quote(trimmed.substring(from, param.start()))).append("[^/]+");
            from = param.end();
        }
        regex.append(Pattern.quote(trimmed.substring(from))).append("/?");
        return Pattern.compile(regex.toString());
    }

    private static String pathOf(String url) {
        try {
            String raw = URI.create(url).getRawPath();
            return raw == null ? url : raw;
        } catch (IllegalArgumentException e) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
    }
}
