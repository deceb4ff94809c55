package org.beelms.smoke.regression;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.BeelmsApi;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * REG-EXPOSE-3's evidence: each probe's answer sorted into what it shows. An error answer (400 and more) is examined: it
 * must be JSON without a stack trace, SQL or HTML. An answer below 400 is not an error body, so it proves nothing
 * about error bodies: it is still searched for stack traces and SQL (a 200 page carrying one leaks as much), then
 * compared with what the target answers for a path that cannot exist: the same page is a front end's catch-all (an
 * SPA fallback: nothing of the API's errors is exposed there, and nothing examined either). The check passes only when
 * at least one error body was examined and none leaked; a target whose every probe answers below 400 has shown no error
 * body at all, and that fails, naming what it answered.
 */
final class ErrorBodies {
    /** Where the target's catch-all is asked for, next to the probes. */
    static final String NO_SUCH_PATH = "/beelms-regression-fallback-";

    private final BeelmsApi api;
    final List<String> problems = new ArrayList<>();
    final List<String> examined = new ArrayList<>();
    final List<String> fallback = new ArrayList<>();
    final List<String> notErrors = new ArrayList<>();
    private String fallbackBody;
    private boolean fallbackAsked;

    ErrorBodies(BeelmsApi api) {
        this.api = api;
    }

    /** Sorts the answer {@code r} to the probe {@code what}. */
    void probe(String what, ApiResponse r) {
        int status = r.statusCode();
        String body = r.getBody().asString();
        if (status >= 400) {
            if (!Probes.isJson(r)) {
                problems.add(what + " answered " + status + " with content type " + r.getContentType()
                        + " instead of JSON: " + Probes.excerpt(api, r));
                return;
            }
            LeakPatterns.bodyLeak(body).ifPresentOrElse(leak -> problems.add(what + " answered " + status + " with "
                    + leak + " in the body: " + Probes.excerpt(api, r)), () -> examined.add(what + " (" + status + ")"));
            return;
        }
        var leak = LeakPatterns.traceOrSqlLeak(body);
        if (leak.isPresent()) {
            problems.add(what + " answered " + status + " with " + leak.get() + " in the body: " + Probes.excerpt(api, r));
        } else if (!body.isBlank() && body.equals(fallbackBody())) {
            fallback.add(what);
        } else {
            notErrors.add(what + " (" + status + (r.getContentType() == null || r.getContentType().isBlank() ? ""
                    : ", " + r.getContentType()) + ")");
        }
    }

    /** What the target answers below 400 for a path that cannot exist, or {@code null} (it answers an error there). */
    private String fallbackBody() {
        if (!fallbackAsked) {
            fallbackAsked = true;
            ApiResponse r = api.http().given().get(NO_SUCH_PATH + UUID.randomUUID());
            fallbackBody = r.statusCode() < 400 ? r.getBody().asString() : null;
        }
        return fallbackBody;
    }

    /** Why the check cannot pass, or {@code null}. */
    String failure() {
        if (!problems.isEmpty()) {
            return "Error bodies: " + String.join("; ", problems);
        }
        if (examined.isEmpty()) {
            return "no probe answered an error, so no error body was examined" + notExamined()
                    + (fallback.isEmpty() ? "" : ": beelms.smoke.url seems to reach a front end's catch-all, not the API;"
                    + " point it at the API (e.g. http://host:3000/api)");
        }
        return null;
    }

    /** The proof of a pass: what was examined and what was not. */
    String proof() {
        return examined.size() + " error answer(s) examined, JSON without stack traces, SQL or HTML: "
                + String.join(", ", examined) + notExamined();
    }

    private String notExamined() {
        StringBuilder text = new StringBuilder();
        if (!fallback.isEmpty()) {
            text.append("; answered the SPA fallback page (200, the same page as for ").append(NO_SUCH_PATH)
                    .append("<random>), so not exposed there and not examined: ").append(String.join(", ", fallback));
        }
        if (!notErrors.isEmpty()) {
            text.append("; answered below 400 (no error body to examine): ").append(String.join(", ", notErrors));
        }
        return text.toString();
    }
}
