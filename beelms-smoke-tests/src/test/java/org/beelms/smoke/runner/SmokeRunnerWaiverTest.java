package org.beelms.smoke.runner;

import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.report.ChecklistReport;
import org.beelms.smoke.testing.FakeBeelms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A waiver file in a real run against the fake beelms core on 127.0.0.1, whose quiz submit answers 201 (WS3-API-7
 * fails without configuration): waived in the result, the progress events, the JUnit XML and the checklist report;
 * expired and unused waivers fail the run.
 */
class SmokeRunnerWaiverTest {

    @TempDir
    Path dir;

    /** WS3-API-7 (then WS3-DEMO-6 and WS3-DB-3, which submit the quiz too) accepted until {@code expires}. */
    private Path waivers(String expires, String detail) throws IOException {
        Path file = dir.resolve("smoke-waivers.yaml");
        Files.writeString(file, """
                - check: WS3-API-7
                  endpoint: POST /courses/{courseId}/quizzes/{quizId}/submit
                  detail: "%s"
                  reason: quiz submit answers 201 until the API is fixed
                  owner: delivery lead
                  expires: %s
                - check: WS3-DEMO-6
                  detail: answered 201
                  reason: the same
                  owner: delivery lead
                  expires: %s
                - check: WS3-DB-3
                  detail: answered 201
                  reason: the same
                  owner: delivery lead
                  expires: %s
                """.formatted(detail, expires, expires, expires));
        return file;
    }

    private SmokeRunResult run(FakeBeelms server, Path waivers, SmokeRunListener listener) {
        SmokeConfig config = SmokeConfig.builder().url(server.url()).readyTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(60)).parallelism(1).waivers(waivers)
                .build();
        return SmokeRunner.run(SmokeRunRequest.builder(config).suites("ws3").reportDirectory(dir.resolve("report"))
                .listener(listener).build());
    }

    private static String nextYear() {
        return LocalDate.now().plusYears(1).toString();
    }

    @Test
    void aWaivedFailureDoesNotFailTheRunAndIsWaivedInEveryReport() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.quizSubmitStatus = 201;
            List<String> progress = new CopyOnWriteArrayList<>();
            SmokeRunResult result = run(server, waivers(nextYear(), "quizSubmit"), new SmokeRunListener() {
                @Override
                public void checkFinished(CheckResult check) {
                    progress.add(check.status() + " " + check.displayName());
                }
            });
            assertEquals(0, result.exitCode(), () -> result + " " + result.problems() + " "
                    + result.failedChecks().stream().map(c -> c.displayName() + ": " + c.message()).toList());
            assertEquals(CheckStatus.WAIVED, result.statusOf("WS3-API-7"));
            assertEquals(3, result.waived());
            assertTrue(result.summaryLine().contains("0 failed") && result.summaryLine().contains("3 waived"),
                    result.summaryLine());
            assertTrue(progress.stream().anyMatch(p -> p.startsWith("WAIVED WS3-API-7")), progress.toString());
            assertFalse(progress.stream().anyMatch(p -> p.startsWith("FAILED")), progress.toString());

            String md = Files.readString(dir.resolve("report").resolve(ChecklistReport.MARKDOWN_FILE));
            assertTrue(md.contains("| WS3-API-7 |") && md.contains("| ⚠️ WAIVED | waived: WS3-API-7 (POST"), md);
            assertTrue(md.contains("## Waivers") && md.contains("| delivery lead | quiz submit answers 201"), md);
            String html = Files.readString(dir.resolve("report").resolve(ChecklistReport.HTML_FILE));
            assertTrue(html.contains("<td class=\"WAIVED\">WAIVED</td>"), "the checklist row says WAIVED");

            String xml;
            try (Stream<Path> files = Files.list(dir.resolve("report"))) {
                xml = files.filter(p -> p.toString().endsWith(".xml")).map(SmokeRunnerWaiverTest::read)
                        .collect(Collectors.joining());
            }
            assertTrue(xml.contains("<skipped message=\"WAIVED WS3-API-7"), xml);
            assertTrue(xml.contains("name=\"beelms.status\" value=\"WAIVED\""), xml);
            assertFalse(xml.contains("<failure"), "no failure left: " + xml);
            assertTrue(xml.contains("failures=\"0\""), "the suite counts follow");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SmokeMain.printSummary(result, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            String summary = out.toString(StandardCharsets.UTF_8);
            assertTrue(summary.contains("WAIVED  WS3-API-7") && summary.contains("Exit code 0"), summary);
        }
    }

    @Test
    void anExpiredWaiverFailsTheRunAndNamesTheFileAndLine() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.quizSubmitStatus = 201;
            Path file = waivers(LocalDate.now().minusDays(1).toString(), "quizSubmit");
            SmokeRunResult result = run(server, file, SmokeRunListener.NONE);
            assertEquals(1, result.exitCode());
            assertEquals(CheckStatus.FAILED, result.statusOf("WS3-API-7"));
            assertTrue(result.problems().stream().anyMatch(p -> p.startsWith(file + ":1: the waiver of WS3-API-7")
                    && p.contains("expired on")), result.problems().toString());
        }
    }

    @Test
    void aWaiverThatMatchesNothingFailsTheRun() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            Path file = waivers(nextYear(), "quizSubmit");
            SmokeRunResult result = run(server, file, SmokeRunListener.NONE);
            assertEquals(CheckStatus.PASSED, result.statusOf("WS3-API-7"));
            assertEquals(1, result.exitCode(), "the waived failure is fixed: the waiver must go");
            assertTrue(result.problems().stream().anyMatch(p -> p.contains("matches nothing in this run")),
                    result.problems().toString());
            String md = Files.readString(dir.resolve("report").resolve(ChecklistReport.MARKDOWN_FILE));
            assertTrue(md.contains("Errors (each fails the run)"), md);
        }
    }

    @Test
    void aBrokenWaiverFileStopsTheRunBeforeAnyCheck() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            Path file = dir.resolve("w.yaml");
            Files.writeString(file, "- check: WS3-API-7\n  reason: r\n");
            SmokeRunResult result = run(server, file, SmokeRunListener.NONE);
            assertEquals(2, result.exitCode());
            assertTrue(result.checks().isEmpty());
            assertTrue(result.error().orElseThrow().contains(file + ":1: the waiver has no 'owner'"),
                    result.error().orElseThrow());
        }
    }

    @Test
    void theStandaloneRunnerTakesWaiversFromTheCommandLine() throws IOException {
        CliArguments cli = CliArguments.parse("--url", "http://h/api", "--waivers", "known.yaml");
        assertEquals("known.yaml", cli.values().get("waivers"));
        SmokeConfig config = SmokeConfig.resolve(List.of(org.beelms.smoke.config.ConfigSource.map("cli",
                Map.of("url", "http://h", "waivers", "known.yaml"))));
        assertEquals(Path.of("known.yaml"), config.waivers().orElseThrow());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
