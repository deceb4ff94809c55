package org.beelms.smoke.waiver;

import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;

import java.net.URI;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One known failure accepted explicitly: a failing check of the smoke or regression tier that may fail without
 * failing the run, until a date, with a reason and an owner.
 *
 * @param check the checklist ID the failing check cites, e.g. {@code REG-INPUT-1}
 * @param endpoint empty, or a request the failing check sent: {@code [METHOD ]/path}, with
 *     {@code {param}} for one path segment, with or without the API prefix (e.g. {@code GET /courses/{courseId}})
 * @param detail empty, or text the failure message contains (any case), e.g. {@code 500}
 * @param reason why the release may ship with the failure
 * @param owner who will fix it
 * @param expires the last day the waiver holds
 * @param position {@code <file>:<line>} where the waiver is written
 */
public record SmokeWaiver(String check, String endpoint, String detail, String reason, String owner,
                          LocalDate expires, String position) {

    public SmokeWaiver {
        Objects.requireNonNull(check, "check");
        endpoint = endpoint == null ? "" : endpoint.strip();
        detail = detail == null ? "" : detail.strip();
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(position, "position");
    }

    /** True when {@code result} failed and is the failure this waiver describes. */
    public boolean matches(CheckResult result) {
        return result.status() == CheckStatus.FAILED && cites(result) && endpointMatches(result) && detailMatches(result);
    }

    /** True when {@code result} cites this waiver's checklist ID, whatever its outcome. */
    public boolean cites(CheckResult result) {
        return result.checklistIds().stream().anyMatch(check::equalsIgnoreCase);
    }

    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    /** {@code REG-INPUT-1 (GET /courses/{courseId}, "500")}: what the waiver accepts, for messages. */
    public String describe() {
        String scope = endpoint.isEmpty() ? "" : endpoint;
        if (!detail.isEmpty()) {
            scope += (scope.isEmpty() ? "" : ", ") + "\"" + detail + "\"";
        }
        return check + (scope.isEmpty() ? "" : " (" + scope + ")");
    }

    /** {@code until 2026-12-31 (core team): malformed UUIDs reach the database}. */
    public String terms() {
        return "until " + expires + " (" + owner + "): " + reason;
    }

    private boolean detailMatches(CheckResult result) {
        return detail.isEmpty() || (result.message() != null
                && result.message().toLowerCase(Locale.ROOT).contains(detail.toLowerCase(Locale.ROOT)));
    }

    private boolean endpointMatches(CheckResult result) {
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
