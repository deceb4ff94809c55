package org.beelms.smoke.runner;

import org.beelms.smoke.testing.FakeBeelms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeMainTest {
    @TempDir
    Path reports;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(Map<String, String> env, String... args) {
        return SmokeMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parsesOptionsAndProperties() {
        CliArguments cli = CliArguments.parse("--url", "http://h:3000/api", "--mode=production", "--suites", "ops,WS1",
                "--report", "out/dir", "--config", "f.properties", "--env", "prod-eu",
                "-Dbeelms.smoke.user.email=smoke@example.com", "-Dbeelms.smoke.status.quizSubmit=200,201");
        assertEquals("http://h:3000/api", cli.values().get("url"));
        assertEquals("production", cli.values().get("mode"));
        assertEquals("prod-eu", cli.values().get("environment"));
        assertEquals("f.properties", cli.values().get("config"));
        assertEquals("smoke@example.com", cli.values().get("user.email"));
        assertEquals("200,201", cli.values().get("status.quizSubmit"));
        assertEquals(Set.of("ops", "ws1"), cli.suites());
        assertEquals(Path.of("out/dir"), cli.reportDirectory());
        assertFalse(cli.help());
        assertEquals(Set.of("smoke"), CliArguments.parse("--url", "http://h").suites());
    }

    @Test
    void rejectsBadCommandLines() {
        assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse("--url"));
        assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse("--bogus", "x"));
        assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse("--suites", "ws9"));
        assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse("-Dother.key=1"));
        assertThrows(CliArguments.UsageException.class, () -> CliArguments.parse("http://h"));
    }

    @Test
    void helpPrintsUsageAndExits0() {
        assertEquals(0, main(Map.of(), "--help"));
        assertTrue(out().contains("Usage: java -jar beelms-smoke-tests-<version>-standalone.jar"), out());
        assertTrue(out().contains("Exit codes: 0"), out());
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, main(Map.of(), "--suites", "ws9", "--url", "http://h"));
        assertTrue(err().contains("Unknown suite 'ws9'"), err());
    }

    @Test
    void missingUrlAndBadValuesExit2NamingTheKey() {
        assertEquals(2, main(Map.of()));
        assertTrue(err().contains("'url'") && err().contains("BEELMS_SMOKE_URL"), err());
        err.reset();
        assertEquals(2, main(Map.of("BEELMS_SMOKE_URL", "http://h"), "--mode", "prod"));
        assertTrue(err().contains("'mode' = 'prod'") && err().contains("command-line option"), err());
    }

    @Test
    void unreachableTargetExits2() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(2, main(Map.of(), "--url", "http://127.0.0.1:" + port, "-Dbeelms.smoke.readyTimeout=800",
                "--report", reports.toString()));
        assertTrue(err().contains("Target not reachable"), err());
    }

    @Test
    void passingRunExits0AndPrintsASummary() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            assertEquals(0, main(Map.of("BEELMS_SMOKE_ENVIRONMENT", "ci"), "--url", server.url() + "/api",
                    "--suites", "ops,ws1", "--report", reports.toString()), out() + err());
            assertTrue(out().contains("beelms smoke: ci at " + server.url() + "/api"), out());
            assertTrue(out().contains("Smoke: 10 passed, 0 failed, 4 skipped"), out());
            assertTrue(Files.exists(reports.resolve("checklist-report.md")));
        }
    }

    @Test
    void failingRunExits1AndNamesTheFailedItems() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.dbDown = true;
            assertEquals(1, main(Map.of(), "--url", server.url(), "--suites", "ops", "--report", reports.toString(),
                    "-Dbeelms.smoke.retryBudget=0"), out() + err());
            assertTrue(out().contains("FAILED  OPS-DB-1"), out());
        }
    }
}
