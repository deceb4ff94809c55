package org.beelms.smoke.regression;

import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.testing.FakeBeelms;
import org.beelms.smoke.testing.SingleCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * REG-JWT-1 against a real HTTP server whose protected routes answer as NestJS does for a route it does not know
 * (404 "Cannot GET /api/..."): a guard that was never reached must not count as a guard that works.
 */
class JwtGuardAbsentRoutesTest {

    /** Runs REG-JWT-1 alone through the JUnit Platform, as the runner does; returns its result. */
    private static TestExecutionResult runJwtGuardCheck(FakeBeelms server) {
        return SingleCheck.run(server, SecurityRegression.class, "jwtGuardOnEveryProtectedEndpoint",
                BeelmsApi.class.getName());
    }

    private static String describe(TestExecutionResult result) {
        return result.getStatus() + result.getThrowable().map(t -> ": " + t.getMessage()).orElse("");
    }

    @Test
    @DisplayName("REG-JWT-1 with no protected route implemented is skipped, not passed: nothing was tested")
    void withNoProtectedRouteImplementedTheJwtCheckIsSkippedNotPassed() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.protectedRoutesAbsent = true;
            TestExecutionResult result = runJwtGuardCheck(server);
            assertEquals(TestExecutionResult.Status.ABORTED, result.getStatus(),
                    () -> "every probe answered 404 \"Cannot ...\": the check must be skipped, got " + describe(result));
            String reason = result.getThrowable().orElseThrow().getMessage();
            assertTrue(reason.contains("no protected route is implemented") && reason.contains("not tested"), reason);
            assertTrue(reason.contains("GET /users/me") && reason.contains("GET /admin/users"),
                    () -> "the reason lists the absent routes: " + reason);
            assertTrue(server.log().contains("GET /api/users/me"), () -> "the routes were probed: " + server.log());
        }
    }

    @Test
    @DisplayName("REG-JWT-1 with one protected route implemented evaluates it: its guard answering 401 passes")
    void withOneProtectedRouteImplementedTheJwtCheckJudgesIt() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.protectedRoutesAbsent = true;
            server.protectedRoutesKept.add("GET /users/me");
            TestExecutionResult result = runJwtGuardCheck(server);
            assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(), () -> describe(result));
            long probes = server.log().stream().filter("GET /api/users/me"::equals).count();
            // no token + each forged kind, on the one implemented route (plus the smoke user's own look-up)
            assertTrue(probes >= 1 + ForgedTokens.Kind.values().length, () -> "GET /api/users/me sent " + probes
                    + " times: " + server.log());
        }
    }

    @Test
    @DisplayName("REG-JWT-1 probes a route whose handler answers 404 \"Cannot find user\": only the framework's own"
            + " \"Cannot <METHOD> <path>\" means absent")
    void aHandlersOwnCannotMessageIsProbedNotTakenForAnAbsentRoute() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.protectedRoutesNotFoundMessage = "Cannot find user";
            TestExecutionResult result = runJwtGuardCheck(server);
            assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(),
                    () -> "a route answering without a token is no absent route: " + describe(result));
            String message = result.getThrowable().orElseThrow().getMessage();
            assertTrue(message.contains("GET /users/me with no token answered 404"), message);
        }
    }
}
