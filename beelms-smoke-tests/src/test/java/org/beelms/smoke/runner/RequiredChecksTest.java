package org.beelms.smoke.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeConfigException;
import org.junit.jupiter.api.Test;

/** Issue 29, item 8: a tier needs its required checks PASSED or WAIVED, and a run needs a check executed. */
class RequiredChecksTest {

    private static CheckResult check(String id, CheckStatus status, String message, String... tags) {
        return new CheckResult(List.of(id), id + " check", "[engine]/" + id + "/" + status, "C", status, message,
                List.of(), Duration.ZERO, Set.of(tags));
    }

    private static SmokeRunResult run(Set<String> suites, List<CheckResult> checks) {
        SmokeRunResult result = new SmokeRunResult(URI.create("http://127.0.0.1:1/api"), "staging", "staging", suites,
                Instant.EPOCH, Duration.ZERO, checks, List.of(), List.of(), List.of(), List.of(), null, Path.of("r"));
        return result.requiring(RequiredChecks.forSuites(RequiredChecks.DEFAULTS, suites));
    }

    private static List<CheckResult> smokeTierPassing() {
        return List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, ""), check("OPS-DB-1", CheckStatus.PASSED, ""),
                check("WS1-API-1", CheckStatus.PASSED, ""), check("WS2-API-2", CheckStatus.PASSED, ""),
                check("WS3-API-1", CheckStatus.PASSED, ""));
    }

    @Test
    void aRegressionRunOfOnePassAndManySkipsFailsNamingTheRequiredIds() {
        List<CheckResult> checks = new java.util.ArrayList<>(smokeTierPassing());
        checks.add(check("REG-ADMIN-1", CheckStatus.PASSED, "", "regression"));
        checks.add(check("REG-JWT-1", CheckStatus.SKIPPED, "every protected route answered not found", "regression"));
        SmokeRunResult result = run(Set.of("smoke", "regression"), checks);

        assertEquals(SmokeRunResult.EXIT_FAILED, result.exitCode());
        assertEquals(List.of("REG-JWT-1", "REG-INPUT-1"), result.unmetRequiredIds());
        assertTrue(result.problems().get(0).startsWith("required checks not passed: REG-JWT-1 (skipped: every"
                + " protected route answered not found), REG-INPUT-1 (not run); each of OPS-HEALTH-1,"), result.problems()
                .toString());
    }

    @Test
    void theSmokeTierPassesWithItsRequiredChecksAndAPartRequiresOnlyItsOwn() {
        assertEquals(SmokeRunResult.EXIT_OK, run(Set.of("smoke"), smokeTierPassing()).exitCode());
        SmokeRunResult ops = run(Set.of("ops"), List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, ""),
                check("OPS-DB-1", CheckStatus.SKIPPED, "no db reported")));
        assertEquals(List.of("OPS-HEALTH-1", "OPS-DB-1"), ops.requiredChecks());
        assertEquals(List.of("OPS-DB-1 (skipped: no db reported)"), ops.unmetRequired());
        assertEquals(SmokeRunResult.EXIT_FAILED, ops.exitCode());
    }

    @Test
    void anIdWithTwoChecksIsMetByAPassWhenTheOtherIsSkippedButNotWhenOneFailed() {
        SmokeRunResult skippedVersion = run(Set.of("ops"), List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, ""),
                check("OPS-HEALTH-1", CheckStatus.SKIPPED, "identity none"), check("OPS-DB-1", CheckStatus.PASSED, "")));
        assertEquals(SmokeRunResult.EXIT_OK, skippedVersion.exitCode(), skippedVersion.problems()::toString);
        SmokeRunResult failedVersion = run(Set.of("ops"), List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, ""),
                check("OPS-HEALTH-1", CheckStatus.FAILED, "0.1.0 runs"), check("OPS-DB-1", CheckStatus.PASSED, "")));
        assertEquals(List.of("OPS-HEALTH-1 (failed)"), failedVersion.unmetRequired());
        assertEquals(List.of(), failedVersion.problems(), "a failure is reported as the failure it is");
        assertEquals(SmokeRunResult.EXIT_FAILED, failedVersion.exitCode());
    }

    @Test
    void zeroChecksExecutedIsAFailureEvenWithNothingRequired() {
        SmokeRunResult result = new SmokeRunResult(URI.create("http://127.0.0.1:1/api"), "staging", "staging",
                Set.of("pages"), Instant.EPOCH, Duration.ZERO, List.of(check("WS1-DEMO-1", CheckStatus.SKIPPED, "no"
                + " webUrl")), List.of(), List.of(), List.of(), List.of(), null, Path.of("r")).requiring(List.of());
        assertEquals(SmokeRunResult.EXIT_FAILED, result.exitCode());
        assertEquals(List.of("0 checks executed (0 passed, 0 failed, 1 skipped): a run that checked nothing is no"
                + " pass"), result.problems());
    }

    @Test
    void theListIsConfiguredByIdOrNoneAndAnUnknownIdIsNamed() {
        SmokeConfig none = SmokeConfig.builder().url(URI.create("http://127.0.0.1:1/api")).requiredChecks(List.of())
                .build();
        assertEquals(List.of(), none.requiredChecks());
        assertEquals(RequiredChecks.DEFAULTS,
                SmokeConfig.builder().url(URI.create("http://127.0.0.1:1/api")).build().requiredChecks());
        assertEquals(List.of("OPS-HEALTH-1", "REG-JWT-1"), RequiredChecks.parse("ops-health-1, REG-JWT-1", "test"));
        assertEquals(List.of(), RequiredChecks.parse("none", "test"));
        SmokeConfigException e = assertThrows(SmokeConfigException.class,
                () -> RequiredChecks.parse("OPS-HEALTH-1,WS9-X-1", "system property beelms.smoke.requiredChecks"));
        assertTrue(e.getMessage().contains("'WS9-X-1' is no checklist ID of the smoke or regression tier"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(from system property beelms.smoke.requiredChecks)"), e.getMessage());
    }
}
