package org.beelms.smoke.client;

import org.opentest4j.AssertionFailedError;

/**
 * What an answer must be: a status and, for {@link #json(int)}, a JSON content type. The REST Assured-free twin of
 * {@link BeelmsApi#json(int)}; failures name the request and status, never the body's secrets (the body is not quoted).
 */
public final class ApiExpectation {
    private final int status;
    private final boolean json;

    private ApiExpectation(int status, boolean json) {
        this.status = status;
        this.json = json;
    }

    /** Expects {@code status} and a JSON body. */
    public static ApiExpectation json(int status) {
        return new ApiExpectation(status, true);
    }

    /** Expects {@code status}, any content type. */
    public static ApiExpectation status(int status) {
        return new ApiExpectation(status, false);
    }

    void verify(ApiResponse r) {
        String request = r.method() + " " + ApiResponse.pathOf(r.url());
        if (r.statusCode() != status) {
            throw new AssertionFailedError(request + " answered " + r.statusCode() + ", expected " + status,
                    status, r.statusCode());
        }
        if (json && !r.isJson()) {
            throw new AssertionFailedError(request + " answered Content-Type '" + r.getContentType()
                    + "', expected JSON");
        }
    }
}
