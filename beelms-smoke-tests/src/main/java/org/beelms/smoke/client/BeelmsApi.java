package org.beelms.smoke.client;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.restassured.specification.ResponseSpecification;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.StatusKey;

/**
 * A deployed beelms core, as checks see it: preconfigured REST Assured specifications (base URI with the API prefix,
 * JSON, timeouts, the redacting recorder), the run's shared session and the test data discovered from the target.
 * Inject it with {@code @BeelmsTarget BeelmsApi api} in a {@code @BeelmsSmoke} class.
 */
public interface BeelmsApi {

    SmokeConfig config();

    /**
     * The same requests without REST Assured (the JDK's HTTP client): what the built-in checks use, and the faster
     * path for suites that read answers with {@link Json}.
     */
    BeelmsHttp http();

    /**
     * An anonymous REST Assured request against the API base, e.g. {@code api.given().get("/wiki/articles")}. REST
     * Assured is set up on the first call of this or another REST Assured method, so a run whose checks use only
     * {@link #http()} never pays for it.
     */
    RequestSpecification given();

    /**
     * A request as the smoke user, with the run's shared bearer token (one login per run). Aborts the calling check
     * (skipped, with the reason) when the session cannot be had, e.g. the login failed.
     */
    RequestSpecification asUser();

    /** A request as the admin account; aborts the calling check when no admin credentials are configured. */
    RequestSpecification asAdmin();

    /** A request with an explicit {@code Authorization: Bearer <token>} (e.g. a forged one). */
    RequestSpecification withBearer(String token);

    /** A request against the web front end ({@code webUrl}); aborts the calling check when none is configured. */
    RequestSpecification page();

    /** Expects {@code status} and a JSON body. */
    ResponseSpecification json(int status);

    /** The run's accounts and tokens, shared across all suites. */
    SmokeSession session();

    /** Test data discovered from the target: articles, courses, tasks, quizzes. */
    Catalogue catalogue();

    /** The run's record (deviations, residue, requests). */
    SmokeJournal journal();

    /**
     * Asserts that {@code response} has one of the success statuses accepted for {@code key}; one the checklist does
     * not name is recorded as a contract deviation.
     */
    Response expectSuccess(StatusKey key, String request, Response response);

    /** Aborts the calling check (skipped with the reason) in production mode, where {@code what} would leave residue. */
    void requireWrites(String what);
}
