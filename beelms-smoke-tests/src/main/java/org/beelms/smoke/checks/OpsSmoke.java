package org.beelms.smoke.checks;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Json;
import org.beelms.smoke.client.RecordingFilter;
import org.beelms.smoke.config.RunningIdentity;
import org.beelms.smoke.runner.ResultProof;
import org.beelms.smoke.junit.BeelmsSmoke;
import org.beelms.smoke.junit.BeelmsTarget;
import org.beelms.smoke.junit.ChecklistItem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Post-deploy extras of the release plan: the API is up and reaches its database; the expected release runs. */
@BeelmsSmoke
@Tag("ops")
@DisplayName("OPS – health and database")
public class OpsSmoke {

    @Test
    @ChecklistItem("OPS-HEALTH-1")
    @DisplayName("OPS-HEALTH-1 The API is up (GET /api/health answers 200)")
    void healthAnswers200(@BeelmsTarget BeelmsApi api) {
        ApiResponse r = api.http().given().get("/health");
        assertEquals(200, r.statusCode(), () -> "GET /health answered " + r.statusCode() + ": " + excerpt(api, r));
        assertTrue(String.valueOf(r.getContentType()).toLowerCase(Locale.ROOT).contains("json"),
                () -> "GET /health answered " + r.getContentType() + ", not JSON");
    }

    @Test
    @ChecklistItem("OPS-DB-1")
    @DisplayName("OPS-DB-1 The API's database connection works (health status ok, db up when reported)")
    void databaseConnectionWorks(@BeelmsTarget BeelmsApi api) {
        ApiResponse r = api.http().given().get("/health");
        if (r.statusCode() >= 500) {
            fail("the API reports a problem (database unreachable?): GET /health answered " + r.statusCode() + ": "
                    + excerpt(api, r));
        }
        assertEquals(200, r.statusCode(), () -> "GET /health answered " + r.statusCode() + ": " + excerpt(api, r));
        Map<String, Object> health = Json.object(r, "GET /health");
        assertEquals("ok", String.valueOf(health.get("status")).toLowerCase(Locale.ROOT),
                () -> "GET /health reports status '" + health.get("status") + "', expected 'ok': " + excerpt(api, r));
        Object db = health.get("db");
        if (db != null) {
            String state = db instanceof Map<?, ?> m ? String.valueOf(m.get("status")) : String.valueOf(db);
            assertTrue(state.equalsIgnoreCase("up") || state.equalsIgnoreCase("ok") || state.equalsIgnoreCase("connected"),
                    () -> "GET /health reports db '" + state + "': the API cannot reach its database");
        }
    }

    @Test
    @ChecklistItem("OPS-HEALTH-1")
    @DisplayName("OPS-HEALTH-1 The running version is the expected release (health version or the deploy's identity proof)")
    void runningVersionIsExpected(@BeelmsTarget BeelmsApi api, TestReporter reporter) {
        RunningIdentity identity = api.config().identity();
        Assumptions.assumeFalse(identity.notVerified(),
                "identity not verified: the environment declares <identity>none</identity>"
                        + " (beelms.smoke.identity.mode=none), so which release runs is not checked");
        String expected = api.config().expectedVersion().orElse(null);
        Assumptions.assumeTrue(expected != null,
                "no expected version configured (beelms.smoke.expectedVersion): the running version is not compared");
        ApiResponse r = api.http().given().get("/health");
        assertEquals(200, r.statusCode(), () -> "GET /health answered " + r.statusCode());
        Object version = Json.objectOrEmpty(r).get("version");
        if (version == null && identity.proof().isPresent()) {
            // the real core's health has no version: the deploy proved what runs another way
            reporter.publishEntry(ResultProof.KEY, identity.proof().get() + " (" + identity.mode() + ")");
            return;
        }
        if (version == null) {
            fail("GET /health does not report a version, so the running release cannot be compared with "
                    + expected + ": " + excerpt(api, r) + "; declare how the release is proven"
                    + " (<identity>command</identity> or <identity>endpoint</identity> on the environment)");
        }
        assertEquals(expected, String.valueOf(version),
                () -> "GET /health reports version " + version + ", expected " + expected
                        + " (beelms.smoke.expectedVersion): another release answers; the deployment did not roll"
                        + " out the release");
        identity.proof().ifPresent(proof -> reporter.publishEntry(ResultProof.KEY, proof + " (" + identity.mode() + ")"));
    }

    private static String excerpt(BeelmsApi api, ApiResponse r) {
        return RecordingFilter.excerpt(api.journal().redactor(), r.getBody().asString());
    }
}
