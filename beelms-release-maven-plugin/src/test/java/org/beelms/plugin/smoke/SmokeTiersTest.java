package org.beelms.plugin.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.smoke.SmokeTiers.Tier;
import org.beelms.smoke.regression.SecurityRegression;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.beelms.smoke.waiver.SmokeWaivers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which tiers an environment runs after a deploy, and each tier's outcome in a run's result. */
class SmokeTiersTest {

  private static Environment declared(String mode, String smokeTiers) {
    return Environment.declared("qa", "http://127.0.0.1:1/api", null, mode, "qa", "", "", "", Map.of(), "", "",
        smokeTiers);
  }

  private static CheckResult check(String id, CheckStatus status, String... tags) {
    return new CheckResult(List.of(id), id, "[test:" + id + "]", "x.Check", status, null, List.of(), Duration.ZERO,
        Set.of(tags));
  }

  private static SmokeRunResult run(Set<String> suites, List<CheckResult> checks, List<String> problems) {
    return new SmokeRunResult(URI.create("http://127.0.0.1:1/api"), "qa", "staging", suites, Instant.EPOCH,
        Duration.ZERO, checks, List.of(), List.of(), List.of(), problems, null, Path.of("target"));
  }

  @Test
  void stagingRunsBothTiersAndProductionTheSmokeTierByDefault() {
    assertEquals(EnumSet.allOf(Tier.class), declared("staging", null).smokeTiers());
    assertEquals(EnumSet.of(Tier.SMOKE), declared("production", " ").smokeTiers());
    assertEquals(EnumSet.of(Tier.SMOKE), declared("staging", "smoke").smokeTiers());
    assertEquals(EnumSet.allOf(Tier.class), declared("production", "smoke, regression").smokeTiers());
    assertEquals(EnumSet.allOf(Tier.class), declared("production", "ALL").smokeTiers());
    assertEquals("smoke,regression", SmokeTiers.suites("smoke", declared("staging", "").smokeTiers()));
    assertEquals("ops,ws1", SmokeTiers.suites("ops,ws1", declared("production", "").smokeTiers()));
  }

  @Test
  void aDeclarationWithoutTheSmokeTierOrWithAnUnknownTierNamesTheElement() {
    IllegalArgumentException noSmoke =
        assertThrows(IllegalArgumentException.class, () -> declared("staging", "regression"));
    assertTrue(noSmoke.getMessage().startsWith("<environments>/<environment> 'qa' <smokeTiers> is 'regression'"),
        noSmoke.getMessage());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> declared("staging", "smoke,load"));
    assertTrue(unknown.getMessage().contains("'load' is not a tier; write smoke, smoke,regression or all"),
        unknown.getMessage());
  }

  @Test
  void eachTierHasTheOutcomeOfItsOwnChecks() {
    SmokeTiers tiers = SmokeTiers.of(run(Set.of("smoke", "regression"), List.of(
        check("OPS-HEALTH-1", CheckStatus.PASSED, "smoke", "ops"),
        check("WS2-AUTH-1", CheckStatus.SKIPPED, "smoke", "ws2"),
        check("REG-SEC-1", CheckStatus.FAILED, "regression")), List.of()));

    assertEquals("smoke PASSED, regression FAILED", tiers.describe());
    assertEquals("{\"smoke\":\"PASSED\",\"regression\":\"FAILED\"}", tiers.toJson().toString());
    assertEquals(tiers.statuses(), SmokeTiers.fromJson(tiers.toJson()).statuses());
  }

  @Test
  void aTierWhoseChecksAllSkippedIsSkippedAndARunWideProblemFailsBoth() {
    CheckResult regressionSkipped =
        new CheckResult(List.of(), "a class-level skip", "[c]", SecurityRegression.class.getName(),
            CheckStatus.SKIPPED, "no admin account", List.of(), Duration.ZERO, Set.of());
    List<CheckResult> checks = List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, "ops"), regressionSkipped);

    assertEquals("smoke PASSED, regression SKIPPED",
        SmokeTiers.of(run(Set.of("smoke", "regression"), checks, List.of())).describe());
    assertEquals("smoke FAILED, regression FAILED",
        SmokeTiers.of(run(Set.of("smoke", "regression"), checks, List.of("residue left on the target"))).describe());
    assertEquals(Map.of(Tier.SMOKE, GateStatus.PASSED),
        SmokeTiers.of(run(Set.of("ops", "ws1", "ws2", "ws3"), checks, List.of())).statuses(),
        "a tier not selected is absent; the four suites are the whole smoke tier");
  }

  @Test
  void aTierWhoseOnlyFailuresAreWaivedIsWaivedAndCarriesItsWaivers(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("smoke-waivers.yaml");
    Files.writeString(file, """
        - check: REG-INPUT-1
          detail: "500"
          reason: malformed UUIDs reach the database
          owner: core team
          expires: 2026-12-31
        """);
    CheckResult malformed = new CheckResult(List.of("REG-INPUT-1"), "REG-INPUT-1 malformed ids", "[m]",
        "x.Check", CheckStatus.FAILED, "GET /courses/not-a-uuid answered 500", List.of(), Duration.ZERO,
        Set.of("regression"));
    SmokeRunResult result = run(Set.of("smoke", "regression"),
        List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, "smoke", "ops"), malformed), List.of())
        .waive(SmokeWaivers.read(file), LocalDate.parse("2026-12-05"));

    SmokeTiers tiers = SmokeTiers.of(result);

    assertEquals(Map.of(Tier.SMOKE, GateStatus.PASSED, Tier.REGRESSION, GateStatus.WAIVED), tiers.statuses());
    assertEquals("smoke PASSED, regression WAIVED (waived: REG-INPUT-1 (\"500\"))", tiers.describe());
    assertTrue(tiers.passedOrWaived(Tier.REGRESSION) && !tiers.passed(Tier.REGRESSION));
    assertEquals("[{\"check\":\"REG-INPUT-1\",\"detail\":\"500\",\"reason\":\"malformed UUIDs reach the"
        + " database\",\"owner\":\"core team\",\"expires\":\"2026-12-31\",\"waiver\":\"" + file + ":1\"}]",
        tiers.waiversJson().toString());
    assertEquals(tiers, SmokeTiers.fromJson(tiers.toJson()).withWaivers(tiers.waiversJson())
        .withChecks(tiers.checksJson()), "read back alike");

    SmokeRunResult alsoFailing = run(Set.of("smoke", "regression"), List.of(malformed,
        check("REG-INPUT-2", CheckStatus.FAILED, "regression")), List.of())
        .waive(SmokeWaivers.read(file), LocalDate.parse("2026-12-05"));
    assertEquals(GateStatus.FAILED, SmokeTiers.of(alsoFailing).status(Tier.REGRESSION).orElseThrow(),
        "one unwaived failure fails the tier");
    SmokeRunResult expired = run(Set.of("smoke", "regression"), List.of(malformed), List.of())
        .waive(SmokeWaivers.read(file), LocalDate.parse("2027-01-01"));
    assertEquals("smoke FAILED, regression FAILED", SmokeTiers.of(expired).describe(),
        "an expired waiver is a run-wide error: fail closed");
  }

  @Test
  void aPartOfTheSmokeTierIsNoPassOfIt() {
    assertEquals("smoke SKIPPED", SmokeTiers.of(run(Set.of("ops", "ws1"),
        List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, "ops")), List.of())).describe());
    assertEquals("smoke FAILED", SmokeTiers.of(run(Set.of("ops"),
        List.of(check("OPS-HEALTH-1", CheckStatus.FAILED, "ops")), List.of())).describe());
  }
}
