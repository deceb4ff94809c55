package org.beelms.plugin.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.SmokeTiers;
import org.beelms.plugin.smoke.SmokeTiers.Tier;
import org.beelms.smoke.waiver.SmokeWaiver;
import org.junit.jupiter.api.Test;

/** The production gate's decision from a release record's deployment entries alone. */
class StagingPassTest {

  private static final String DIGEST = "sha256:" + "a".repeat(64);
  private static final String OTHER = "sha256:" + "b".repeat(64);
  private static final SmokeTiers BOTH = tiers(GateStatus.PASSED, GateStatus.PASSED);

  private static SmokeTiers tiers(GateStatus smoke, GateStatus regression) {
    return regression == null
        ? new SmokeTiers(Map.of(Tier.SMOKE, smoke))
        : new SmokeTiers(Map.of(Tier.SMOKE, smoke, Tier.REGRESSION, regression));
  }

  private static int minute;

  private static DeploymentEntry entry(String environment, String mode, String digest, String outcome,
      String smoke, SmokeTiers tiers) {
    return new DeploymentEntry("deploy", environment, mode, "0.2.0", "v0.2.0", digest, "ci",
        Instant.parse("2026-12-01T10:00:00Z").plusSeconds(60L * minute++), outcome, smoke, "", "", "", "").withTiers(tiers);
  }

  private static DeploymentEntry healthy(String environment, SmokeTiers tiers) {
    return entry(environment, "staging", DIGEST, "deployed", "PASSED", tiers);
  }

  /** A record of v0.2.0 whose git note holds {@code entries} (as deploy writes them, through JSON). */
  private static ReleaseRecord record(DeploymentEntry... entries) {
    ObjectNode smoke = JsonNodeFactory.instance.objectNode();
    for (DeploymentEntry e : entries) {
      ObjectNode env = smoke.has(e.environment()) ? (ObjectNode) smoke.get(e.environment()) : smoke.putObject(e.environment());
      ArrayNode list = env.has("deployments") ? (ArrayNode) env.get("deployments") : env.putArray("deployments");
      list.add(e.toJson());
    }
    return new ReleaseRecord(null, "0.2.0", "v0.2.0", "c0ffee", "2026-12-01T09:00:00Z", false,
        new ReleaseRecord.Image("registry.example.org/beelms/core", DIGEST, List.of("v0.2.0"), "registry",
            "registry.example.org/beelms/core:v0.2.0"),
        null, "", null, smoke, null);
  }

  private static String refusal(StagingPass.Decision decision) {
    return DeploySuggestions.tierMissingOnStaging("production", "v0.2.0", DIGEST, decision);
  }

  @Test
  void anUnverifiedPromotionIsNeverAPassEvenWithPassedTiersRecorded() {
    // Whatever else such an entry carries, a tag move nobody verified proves nothing about the digest.
    DeploymentEntry unverified =
        entry("staging", "staging", DIGEST, DeploymentEntry.PROMOTION_UNVERIFIED, "PASSED", BOTH);

    StagingPass.Decision decision = StagingPass.decide(record(unverified));

    assertFalse(decision.allowed());
    assertEquals(List.of(Tier.SMOKE, Tier.REGRESSION), decision.missing());
  }

  @Test
  void bothTiersPassedOnAStagingModeEnvironmentLetProductionTakeTheDigest() {
    DeploymentEntry pass = healthy("staging", BOTH);

    StagingPass.Decision decision = StagingPass.decide(record(healthy("qa", tiers(GateStatus.PASSED, null)), pass));

    assertTrue(decision.allowed());
    assertEquals(pass.at(), decision.pass().get().at());
    assertEquals(List.of(), decision.missing());
  }

  @Test
  void aRecordFromBeforeTiersIsRefusedNamingVersionDigestTheMissingTierAndWhatToDo() {
    // Written before tiers: overall smoke PASSED, no "tiers" object (staging ran the smoke tier only).
    StagingPass.Decision decision =
        StagingPass.decide(record(entry("staging", "staging", DIGEST, "deployed", "PASSED", SmokeTiers.NONE)));

    assertFalse(decision.allowed());
    assertEquals(List.of(Tier.SMOKE, Tier.REGRESSION), decision.missing());
    String message = refusal(decision);
    assertTrue(message.contains("v0.2.0 (" + DIGEST + ") has no staging pass of the smoke and regression tier"), message);
    assertTrue(message.contains("a record written before tiers were: staging ran the smoke tier only"), message);
    assertTrue(message.contains("nothing was moved"), message);
    String fix = DeploySuggestions.tierMissingFix("v0.2.0");
    assertTrue(fix.contains("mvn beelms:deploy -Dtarget=staging -Dbeelms.deploy.version=v0.2.0"), fix);
    assertTrue(fix.contains("-Dbeelms.deploy.force=\"<reason>\""), fix);
  }

  @Test
  void aStagingRunWithoutTheRegressionTierIsNoPass() {
    StagingPass.Decision decision = StagingPass.decide(record(healthy("qa", tiers(GateStatus.PASSED, null))));

    assertFalse(decision.allowed());
    assertEquals(List.of(Tier.REGRESSION), decision.missing());
    String message = refusal(decision);
    assertTrue(message.contains("has no staging pass of the regression tier"), message);
    assertTrue(message.contains("on 'qa'"), message);
    assertTrue(message.contains("regression not run (that environment's <smokeTiers> leaves it out)"), message);
  }

  @Test
  void aSkippedRegressionTierIsNoPass() {
    StagingPass.Decision decision =
        StagingPass.decide(record(healthy("staging", tiers(GateStatus.PASSED, GateStatus.SKIPPED))));

    assertFalse(decision.allowed());
    assertEquals(List.of(Tier.REGRESSION), decision.missing());
    assertTrue(refusal(decision).contains("recorded smoke PASSED, regression SKIPPED"), refusal(decision));
  }

  @Test
  void passesOfAnotherDigestOfAProductionEnvironmentOrOfAFailedDeployDoNotCount() {
    StagingPass.Decision decision =
        StagingPass.decide(record(
            entry("staging", "staging", OTHER, "deployed", "PASSED", BOTH),
            entry("production", "production", DIGEST, "deployed", "PASSED", BOTH),
            entry("staging", "staging", DIGEST, "smoke-failed", "FAILED", tiers(GateStatus.PASSED, GateStatus.FAILED)),
            entry("staging", "staging", DIGEST, "unhealthy", "SKIPPED", tiers(GateStatus.SKIPPED, GateStatus.SKIPPED))));

    assertFalse(decision.allowed());
    assertTrue(decision.closest().isEmpty(), "no staging smoke pass at all");
    assertEquals(List.of(Tier.SMOKE, Tier.REGRESSION), decision.missing());
  }

  @Test
  void aRegressionTierWhoseOnlyFailuresAreWaivedCountsAsPassedAndTheEntryKeepsTheWaivers() {
    SmokeWaiver waiver = new SmokeWaiver("REG-INPUT-1", "GET /courses/{courseId}", "500",
        "malformed UUIDs reach the database", "core team", LocalDate.parse("2026-12-31"), "smoke-waivers.yaml:2");
    SmokeTiers waived = new SmokeTiers(Map.of(Tier.SMOKE, GateStatus.PASSED, Tier.REGRESSION, GateStatus.WAIVED),
        List.of(waiver));
    DeploymentEntry pass = healthy("staging", waived);

    StagingPass.Decision decision = StagingPass.decide(record(pass));

    assertTrue(decision.allowed(), () -> refusal(decision));
    DeploymentEntry read = decision.pass().orElseThrow();
    assertEquals(List.of(waiver), read.tiers().waivers(), "the record keeps check, scope, reason, owner, expiry");
    assertEquals("REG-INPUT-1", pass.toJson().get("waivers").get(0).get("check").asText());
    assertEquals("core team", pass.toJson().get("waivers").get(0).get("owner").asText());
    assertEquals("2026-12-31", pass.toJson().get("waivers").get(0).get("expires").asText());
    assertEquals("WAIVED", pass.toJson().get("tiers").get("regression").asText(), "never recorded as PASSED");

    assertFalse(StagingPass.decide(record(healthy("staging",
        new SmokeTiers(Map.of(Tier.SMOKE, GateStatus.PASSED, Tier.REGRESSION, GateStatus.FAILED), List.of(waiver)))))
        .allowed(), "a waiver on the entry does not make a failed tier pass");
  }

  @Test
  void anUnreadableTierStatusReadsAsFailed() {
    ObjectNode json = healthy("staging", BOTH).toJson();
    ((ObjectNode) json.get("tiers")).put("regression", "GREEN");

    DeploymentEntry read = DeploymentEntry.fromJson(json);

    assertEquals(GateStatus.FAILED, read.tiers().status(Tier.REGRESSION).orElseThrow());
    assertEquals("{\"smoke\":\"PASSED\",\"regression\":\"PASSED\"}", healthy("s", BOTH).toJson().get("tiers").toString());
    assertFalse(entry("s", "staging", DIGEST, "deployed", "PASSED", SmokeTiers.NONE).toJson().has("tiers"),
        "no tiers recorded, no tiers field");
  }
}
