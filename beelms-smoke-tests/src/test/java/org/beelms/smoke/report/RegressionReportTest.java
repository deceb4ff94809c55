package org.beelms.smoke.report;

import org.beelms.smoke.regression.ContractViolation;
import org.beelms.smoke.regression.EndpointLoad;
import org.beelms.smoke.regression.LoadReport;
import org.beelms.smoke.regression.Observation;
import org.beelms.smoke.regression.RegressionItems;
import org.beelms.smoke.regression.RegressionRecord;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegressionReportTest {
    private static final Instant AT = Instant.parse("2026-11-25T20:00:00Z");

    private static SmokeRunResult result(Set<String> suites, RegressionRecord record) {
        CheckResult load = new CheckResult(List.of(RegressionItems.PARALLEL_USERS), "REG-LOAD-1 parallel users", "u1",
                "ParallelUsersRegression", CheckStatus.FAILED, "GET /courses/{courseId}: p95 1510 ms exceeds 1000 ms",
                List.of(), Duration.ofSeconds(3), Set.of("regression"));
        return new SmokeRunResult(URI.create("http://h/api"), "staging", "staging", suites, AT, Duration.ofSeconds(5),
                List.of(load), List.of(), List.of(), List.of(), List.of(), null, Path.of("target"), List.of(), record);
    }

    private static RegressionRecord record() {
        LoadReport load = new LoadReport(5, 4, Duration.ofMillis(3010), 120, 0, List.of(
                new EndpointLoad("GET /wiki/articles", 60, 0, Duration.ofMillis(12), Duration.ofMillis(30),
                        Duration.ofMillis(41), Duration.ofMillis(44)),
                new EndpointLoad("GET /courses/{courseId}", 60, 0, Duration.ofMillis(1502), Duration.ofMillis(1510),
                        Duration.ofMillis(1520), Duration.ofMillis(1525))),
                0.01, Duration.ofSeconds(1), List.of("GET /courses/{courseId}: p95 1510 ms exceeds 1000 ms (load.maxP95)"));
        return new RegressionRecord("docs/openapi.yaml", 42, List.of(new ContractViolation("GET /courses",
                "GET /api/courses", 200, "validation.response.body.schema.type",
                "[Path '/1/priceCents'] Instance type (string) does not match any allowed primitive type")),
                List.of(new Observation("Security headers", "GET /health", "present: X-Frame-Options: DENY")), load);
    }

    @Test
    void markdownShowsTheTierTheContractAndTheParallelUserFigures() {
        String md = ChecklistReport.markdown(result(Set.of("regression"), record()));
        assertTrue(md.contains("## Regression tier"), md);
        assertTrue(md.contains("| REG-LOAD-1 | Parallel users on the key paths stay within the error-rate and p95 "
                + "thresholds | ❌ FAILED | GET /courses/{courseId}: p95 1510 ms exceeds 1000 ms |"), md);
        assertTrue(md.contains("| REG-JWT-1 |"), md);
        assertTrue(md.contains("Spec `docs/openapi.yaml`: 42 response(s) validated, 1 deviation(s), 0 response(s) matched no operation (not compared)."), md);
        assertTrue(md.contains("| GET /courses | GET /api/courses | 200 | validation.response.body.schema.type |"), md);
        assertTrue(md.contains("| Security headers | GET /health | present: X-Frame-Options: DENY |"), md);
        assertTrue(md.contains("- 5 virtual users on 4 account(s) (one login each) for 3010 ms"), md);
        assertTrue(md.contains("| GET /courses/{courseId} | 60 | 0 | 1502 ms | 1510 ms | 1520 ms | 1525 ms |"), md);
        assertTrue(md.contains("❌ GET /courses/{courseId}: p95 1510 ms exceeds 1000 ms (load.maxP95)"), md);
    }

    @Test
    void htmlShowsTheSameFigures() {
        String html = ChecklistReport.html(result(Set.of("regression"), record()));
        assertTrue(html.contains("<h2>Regression tier</h2>"), html);
        assertTrue(html.contains("<h3>Parallel-user smoke</h3>"), html);
        assertTrue(html.contains("<td>GET /courses/{courseId}</td><td>60</td><td>0</td><td>1502 ms</td><td>1510 ms</td>"), html);
        assertTrue(html.contains("Instance type (string)"), html);
    }

    @Test
    void aSmokeOnlyRunHasNoRegressionSection() {
        String md = ChecklistReport.markdown(result(Set.of("smoke"), RegressionRecord.EMPTY));
        assertFalse(md.contains("Regression tier"), md);
    }

    @Test
    void aChecksThatOnlyObservesIsInformationNotAPass() {
        CheckResult headers = new CheckResult(List.of(RegressionItems.HEADERS), "REG-HDR-1 headers", "u2",
                "SecurityRegression", CheckStatus.INFO, "observations only (reported, not a passed check)",
                List.of(), Duration.ofMillis(20), Set.of("regression"));
        SmokeRunResult result = new SmokeRunResult(URI.create("http://h/api"), "staging", "staging",
                Set.of("regression"), AT, Duration.ofSeconds(1), List.of(headers), List.of(), List.of(), List.of(),
                List.of(), null, Path.of("target"), List.of(), record());

        assertEquals(CheckStatus.INFO, result.statusOf(RegressionItems.HEADERS));
        assertEquals(0, result.passed(), "information is not counted as passed");
        assertEquals(1, result.info());
        assertTrue(result.toString().contains("1 info"), result.toString());
        String md = ChecklistReport.markdown(result);
        assertTrue(md.contains("| REG-HDR-1 |") && md.contains("ℹ️ INFO"), md);
    }
}
