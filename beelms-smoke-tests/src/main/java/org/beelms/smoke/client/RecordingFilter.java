package org.beelms.smoke.client;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.time.Duration;
import java.time.Instant;

/**
 * Records every exchange into the {@link SmokeJournal}: method, URL, status, duration and, for answers that are not
 * 2xx, a short body excerpt. Never records headers; URL and body pass through the {@link Redactor}.
 */
public final class RecordingFilter implements Filter {
    static final int EXCERPT_CHARS = 300;

    private final SmokeJournal journal;

    public RecordingFilter(SmokeJournal journal) {
        this.journal = journal;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext ctx) {
        Instant start = Instant.now();
        String method = request.getMethod();
        String url = journal.redactor().redact(request.getURI());
        try {
            Response response = ctx.next(request, responseSpec);
            Duration took = Duration.between(start, Instant.now());
            int status = response.getStatusCode();
            String excerpt = null;
            if (status < 200 || status >= 300) {
                excerpt = excerpt(journal.redactor(), response.getBody().asString());
            }
            journal.record(new RecordedRequest(start, method, url, status, took, excerpt, null));
            return response;
        } catch (Exception e) { // REST Assured (Groovy) throws checked exceptions such as ConnectException undeclared
            Duration took = Duration.between(start, Instant.now());
            journal.record(new RecordedRequest(start, method, url, -1, took, null,
                    journal.redactor().redact(describe(e))));
            throw RecordingFilter.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> T sneaky(Exception e) throws T {
        throw (T) e;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    /** The first {@value #EXCERPT_CHARS} characters of a redacted body, on one line. */
    public static String excerpt(Redactor redactor, String body) {
        if (body == null || body.isEmpty()) {
            return "";
        }
        String oneLine = redactor.redact(body).replaceAll("\\s+", " ").trim();
        return oneLine.length() <= EXCERPT_CHARS ? oneLine : oneLine.substring(0, EXCERPT_CHARS) + "…";
    }
}
