package org.beelms.smoke.client;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The bounded wait for a target to be ready: polls {@code GET /health} until it answers, at most {@code readyTimeout}
 * and {@code retryBudget} retries. Only transport errors and 502/503 are retried; each retry is recorded in the
 * journal. Then it tells whether the target is a beelms core API at all (JSON, not an HTML page).
 */
public final class TargetReadiness {

    /** What the wait found. */
    public enum Verdict {
        /** Health answered JSON (any status other than 404); the suites can run. */
        READY,
        /** Nothing answered within the timeout or retry budget. */
        UNREACHABLE,
        /** Something answered, but not a beelms core API (HTML page, no health endpoint). */
        NOT_BEELMS
    }

    public record Result(Verdict verdict, int lastStatus, int attempts, Duration waited, String message) {
        public boolean ready() {
            return verdict == Verdict.READY;
        }
    }

    private final BeelmsClient client;
    private final Clock clock;

    public TargetReadiness(BeelmsClient client) {
        this(client, Clock.systemUTC());
    }

    TargetReadiness(BeelmsClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public Result await() {
        Duration timeout = client.config().readyTimeout();
        int budget = client.config().retryBudget();
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        String healthUrl = client.config().apiBaseUri() + "/health";
        Duration backoff = Duration.ofMillis(250);
        int attempt = 0;
        String lastOutcome;
        int lastStatus;
        while (true) {
            attempt++;
            ApiResponse response = null;
            try {
                response = client.http().given().get("/health");
                lastStatus = response.statusCode();
                lastOutcome = String.valueOf(lastStatus);
            } catch (Exception e) { // includes undeclared checked I/O exceptions
                lastStatus = -1;
                lastOutcome = "transport error: " + RecordingFilter.describe(e);
            }
            boolean retryable = lastStatus < 0 || lastStatus == 502 || lastStatus == 503;
            if (!retryable) {
                return judge(response, healthUrl, attempt, Duration.between(start, clock.instant()));
            }
            Instant now = clock.instant();
            Duration remaining = Duration.between(now, deadline);
            if (attempt > budget || remaining.isNegative() || remaining.isZero()) {
                Duration waited = Duration.between(start, now);
                if (lastStatus > 0 && response != null && Catalogue.isJson(response)) {
                    // a JSON 503 is a beelms API reporting a problem (e.g. its database): the checks will say which
                    return new Result(Verdict.READY, lastStatus, attempt, waited,
                            "GET " + healthUrl + " still answers " + lastStatus + " after " + attempt + " attempts");
                }
                String why = attempt > budget ? "the retry budget (" + budget + " retries, beelms.smoke.retryBudget) ran out"
                        : "the ready timeout (" + timeout + ", beelms.smoke.readyTimeout) passed";
                return new Result(lastStatus > 0 && response != null && looksHtml(response) ? Verdict.NOT_BEELMS
                        : Verdict.UNREACHABLE, lastStatus, attempt, waited,
                        "Target not reachable: GET " + healthUrl + " did not answer successfully within " + waited.toMillis()
                                + " ms (" + attempt + " attempts; last: " + lastOutcome + "); " + why
                                + ". Check the target URL (--url / beelms.smoke.url), that the API is running and "
                                + "reachable from this machine, or raise beelms.smoke.readyTimeout.");
            }
            Duration wait = backoff.compareTo(remaining) < 0 ? backoff : remaining;
            client.journal().retry(new RetryRecord(attempt, "GET " + healthUrl, lastOutcome, wait));
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(Verdict.UNREACHABLE, lastStatus, attempt, Duration.between(start, clock.instant()),
                        "Interrupted while waiting for " + healthUrl);
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : backoff.multipliedBy(2);
        }
    }

    private Result judge(ApiResponse response, String healthUrl, int attempts, Duration waited) {
        int status = response.statusCode();
        if (looksHtml(response)) {
            return new Result(Verdict.NOT_BEELMS, status, attempts, waited,
                    "Not a beelms core API: GET " + healthUrl + " answered " + status + " with an HTML page ("
                            + response.getContentType() + ") instead of JSON. Point --url / beelms.smoke.url at the API "
                            + "(e.g. http://host:3000/api; the prefix comes from beelms.smoke.apiPrefix, default /api) "
                            + "— the web front end belongs in beelms.smoke.webUrl.");
        }
        if (status == 404) {
            return new Result(Verdict.NOT_BEELMS, status, attempts, waited,
                    "Not a beelms core API: GET " + healthUrl + " answered 404. Check the target URL and the API prefix "
                            + "(beelms.smoke.apiPrefix, default /api).");
        }
        if (!Catalogue.isJson(response) && status >= 200 && status < 300) {
            return new Result(Verdict.NOT_BEELMS, status, attempts, waited,
                    "Not a beelms core API: GET " + healthUrl + " answered " + status + " with "
                            + (response.getContentType() == null || response.getContentType().isBlank() ? "no content type"
                            : response.getContentType()) + " instead of JSON. Check the target URL and the API prefix.");
        }
        return new Result(Verdict.READY, status, attempts, waited, "GET " + healthUrl + " answered " + status);
    }

    private static boolean looksHtml(ApiResponse response) {
        String ct = response.getContentType() == null ? "" : response.getContentType().toLowerCase(Locale.ROOT);
        if (ct.contains("html")) {
            return true;
        }
        if (ct.contains("json")) {
            return false;
        }
        String body = response.getBody().asString();
        String start = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype html") || start.startsWith("<html");
    }
}
