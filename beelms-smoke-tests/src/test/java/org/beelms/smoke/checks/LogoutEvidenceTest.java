package org.beelms.smoke.checks;

import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.testing.FakeBeelms;
import org.beelms.smoke.testing.SingleCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WS2-DEMO-3 against a real HTTP server without a server-side logout, as beelms core is (its pass with the token's
 * lifetime as proof: SmokeRunnerTest, and EvidenceChecksIT on the reference core).
 */
class LogoutEvidenceTest {

    private static TestExecutionResult runLogoutCheck(FakeBeelms server) {
        return SingleCheck.run(server, Ws2AuthSmoke.class, "logsOut",
                BeelmsApi.class.getName() + "," + TestReporter.class.getName());
    }

    @Test
    @DisplayName("WS2-DEMO-3 fails when the token has no expiry: with a client-side logout it would stay valid for ever")
    void aTokenWithoutExpiryFailsTheLogout() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.tokensWithoutExpiry = true;
            TestExecutionResult result = runLogoutCheck(server);
            assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), result::toString);
            String message = result.getThrowable().orElseThrow().getMessage();
            assertTrue(message.contains("the API has no server-side logout (POST /auth/logout answered 404)"), message);
            assertTrue(message.contains("carries no expiry (exp claim)"), message);
        }
    }

    @Test
    @DisplayName("expiryOf reads a JWT's exp claim and nothing from what is not a JWT")
    void expiryOfReadsTheExpClaim() {
        assertEquals(1700000000L, Ws2AuthSmoke.expiryOf("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2ln"));
        assertEquals(null, Ws2AuthSmoke.expiryOf("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"));
        assertEquals(null, Ws2AuthSmoke.expiryOf("not-a-jwt"));
    }
}
