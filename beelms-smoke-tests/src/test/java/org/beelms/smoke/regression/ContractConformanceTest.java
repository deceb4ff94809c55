package org.beelms.smoke.regression;

import org.beelms.smoke.client.BeelmsClient;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.testing.FakeBeelms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI check sees the answers of both request paths: the library's own and a suite's REST Assured one. */
class ContractConformanceTest {

    @TempDir
    Path dir;

    @Test
    void bothRequestPathsAreValidatedAgainstTheSpec() throws Exception {
        Path spec = dir.resolve("openapi.yaml");
        Files.writeString(spec, String.join("\n",
                "openapi: 3.0.3",
                "info: {title: beelms, version: '1'}",
                "servers: [{url: 'http://localhost:3000/api'}]",
                "paths:",
                "  /health:",
                "    get:",
                "      responses:",
                "        '200':",
                "          description: up",
                "          content:",
                "            application/json:",
                "              schema:",
                "                type: object",
                "                required: [status, uptime]",
                "                properties:",
                "                  status: {type: string}",
                "                  uptime: {type: integer}",
                "                  db: {type: string}",
                "                  version: {type: string}",
                ""));
        try (FakeBeelms server = new FakeBeelms()) {
            SmokeConfig config = SmokeConfig.builder().url(server.url()).webUrl(server.url()).spec(spec)
                    .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build();
            SmokeJournal journal = new SmokeJournal(config.secrets());
            BeelmsClient client = new BeelmsClient(config, journal);

            assertEquals(200, client.http().given().get("/health").statusCode());
            assertEquals(1, journal.regression().validatedResponses());
            List<ContractViolation> violations = journal.contractViolations();
            assertEquals(1, violations.size(), violations::toString);
            assertEquals("GET /health", violations.get(0).operation());
            assertTrue(violations.get(0).message().contains("uptime"), violations.get(0).message());

            client.given().get("/health").then().statusCode(200);
            assertEquals(2, journal.regression().validatedResponses(), "REST Assured's answer is checked too");
            assertEquals(2, journal.allRequests().size(), "and recorded once each");

            client.http().page().get("/courses");
            assertEquals(3, journal.allRequests().size(), "a page is recorded");
            assertEquals(2, journal.regression().validatedResponses(), "but it is no API answer to check");
        }
    }

    /** A spec documenting only {@code GET <path>}. */
    private Path specOf(String path) throws Exception {
        Path spec = dir.resolve("openapi.yaml");
        Files.writeString(spec, String.join("\n",
                "openapi: 3.0.3",
                "info: {title: beelms, version: '1'}",
                "paths:",
                "  " + path + ":",
                "    get:",
                "      responses:",
                "        '200': {description: up}",
                ""));
        return spec;
    }

    /** Sends GET {@code paths} to a fake beelms with contract conformance against {@code spec}; the journal after. */
    private static SmokeJournal exchanged(Path spec, String... paths) throws Exception {
        try (FakeBeelms server = new FakeBeelms()) {
            SmokeConfig config = SmokeConfig.builder().url(server.url()).spec(spec)
                    .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build();
            SmokeJournal journal = new SmokeJournal(config.secrets());
            BeelmsClient client = new BeelmsClient(config, journal);
            for (String path : paths) {
                client.http().given().get(path);
            }
            return journal;
        }
    }

    @Test
    void responsesMatchingNoOperationAreNotCountedAndMostlyUnmatchedIsARunWideFailure() throws Exception {
        // the spec writes its paths with a /v1 prefix the API base path does not have
        Path spec = specOf("/v1/health");

        SmokeJournal journal = exchanged(spec, "/health", "/courses");

        assertEquals(0, journal.regression().validatedResponses(), "nothing matched, nothing was validated");
        assertEquals(2, journal.regression().unmatchedResponses());
        assertTrue(journal.contractViolations().isEmpty());
        String mismatch = journal.contractMismatch().orElseThrow();
        assertTrue(mismatch.contains("2 of 2 response(s) matched no operation of " + spec), mismatch);
        assertTrue(mismatch.contains("GET /health"), mismatch);
        assertTrue(mismatch.contains("API base path /api"), mismatch);
    }

    @Test
    void aFewUnmatchedProbesAmongMatchedResponsesAreNoFailure() throws Exception {
        SmokeJournal journal = exchanged(specOf("/health"), "/health", "/health", "/no-such-route");

        assertEquals(2, journal.regression().validatedResponses());
        assertEquals(1, journal.regression().unmatchedResponses());
        assertTrue(journal.contractMismatch().isEmpty());
    }
}
