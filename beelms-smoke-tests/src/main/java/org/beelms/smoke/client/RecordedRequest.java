package org.beelms.smoke.client;

import java.time.Duration;
import java.time.Instant;

/**
 * One HTTP exchange a check made, already redacted: method, URL, status ({@code -1} for a transport error), duration,
 * a short body excerpt (kept for answers that are not 2xx) and the transport error, if any.
 */
public record RecordedRequest(Instant at, String method, String url, int status, Duration duration, String bodyExcerpt,
                              String error) {

    public boolean transportError() {
        return status < 0;
    }

    /** {@code GET http://host/api/health → 200 (12 ms)}. */
    public String summary() {
        String outcome = transportError() ? "transport error: " + error : String.valueOf(status);
        return method + " " + url + " → " + outcome + " (" + duration.toMillis() + " ms)";
    }
}
