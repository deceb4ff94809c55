package org.beelms.smoke.regression;

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
 * REG-EXPOSE-3 against a real HTTP server whose GETs all answer 200 with a page: an answer below 400 is still read.
 * (Every probe answering the SPA fallback page: EvidenceChecksIT on the reference core's --spa-fallback.)
 */
class ErrorBodiesTest {

    private static TestExecutionResult runErrorBodiesCheck(FakeBeelms server) {
        return SingleCheck.run(server, InputRegression.class, "errorBodiesLeakNothing",
                BeelmsApi.class.getName() + "," + TestReporter.class.getName());
    }

    @Test
    @DisplayName("REG-EXPOSE-3 fails when a 200 page carries a stack trace")
    void aPageBelow400WithAStackTraceFails() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.everyGetAnswers200 = "<html><body><pre>TypeError: x is undefined\n    at Object.<anonymous>"
                    + " (/app/dist/main.js:12:5)</pre></body></html>";
            TestExecutionResult result = runErrorBodiesCheck(server);
            assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), result::toString);
            String message = result.getThrowable().orElseThrow().getMessage();
            assertTrue(message.contains("GET /courses/{courseId} for an unknown course answered 200 with a Node.js"
                    + " stack trace in the body"), message);
        }
    }
}
