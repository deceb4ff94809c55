package org.beelms.smoke.client;

import org.beelms.smoke.config.StatusKey;

/**
 * The run's requests without REST Assured: the same bases, headers, timeouts, session, recorder and OpenAPI
 * conformance check as {@link BeelmsApi#given()} and friends, sent by the JDK's HTTP client ({@link HttpTransport}).
 * The built-in checks use it (REST Assured's Groovy runtime cost a short run seconds, see docs/benchmarks.md); suites
 * may too: {@code api.http().asUser().get("/users/me").expect(api.http().json(200))}.
 */
public interface BeelmsHttp {

    /** An anonymous request against the API base. */
    ApiRequest given();

    /** A request as the smoke user (one login per run); aborts the calling check when the session cannot be had. */
    ApiRequest asUser();

    /** A request as the admin account; aborts the calling check when no admin credentials are configured. */
    ApiRequest asAdmin();

    /** A request with an explicit {@code Authorization: Bearer <token>} (e.g. a forged one). */
    ApiRequest withBearer(String token);

    /** A request against the web front end ({@code webUrl}); aborts the calling check when none is configured. */
    ApiRequest page();

    /** Expects {@code status} and a JSON body. */
    default ApiExpectation json(int status) {
        return ApiExpectation.json(status);
    }

    /**
     * Asserts that {@code response} has one of the success statuses accepted for {@code key}; one the checklist does
     * not name is recorded as a contract deviation.
     */
    ApiResponse expectSuccess(StatusKey key, String request, ApiResponse response);
}
