package org.beelms.plugin.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;
import org.beelms.plugin.smoke.SmokeTiers;
import org.beelms.plugin.gate.Severity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LoopbackRegistry.Extension.class)
class DeploymentTest {

  @TempDir Path work;

  private static String errors(GateResult result) {
    return String.join("\n", result.findings().stream().map(Finding::message).toList());
  }

  @Test
  void stagingDeployMovesTheTagRunsTheHookAwaitsHealthAndRecordsTheOutcome(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");

      GateResult result = world.deploy(staging, "v0.1.0");

      assertEquals(GateStatus.PASSED, result.status(), errors(result));
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"));
      assertEquals(List.of("staging v0.1.0 " + v1.image().reference() + " v0.1.0"), world.hookCalls());
      assertEquals(1, world.smokeRuns.get());
      List<DeploymentEntry> entries = ReleaseRecords.deployments(world.note("v0.1.0"));
      assertEquals(1, entries.size());
      DeploymentEntry entry = entries.get(0);
      assertEquals("deployed", entry.outcome());
      assertEquals("PASSED", entry.smoke());
      assertEquals("tester", entry.by());
      assertEquals(v1.image().digest(), entry.digest());
      assertEquals("PASSED", world.note("v0.1.0").smoke().get("staging").get("status").asText());
      assertEquals(DeployWorld.BOTH_PASSED, entry.tiers());
      assertEquals("{\"smoke\":\"PASSED\",\"regression\":\"PASSED\"}",
          world.note("v0.1.0").smoke().get("staging").get("deployments").get(0).get("tiers").toString());
      assertTrue(errors(result).contains("recorded: deploy deployed, smoke PASSED (smoke PASSED, regression PASSED), by tester"),
          errors(result));
    }
  }

  @Test
  void aCoreWithoutVersionInHealthIsProvenByTheIdentityCommandAndTheProofIsRecordedAndHandedToSmoke(
      LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHookWithoutVersion(), "");
      org.beelms.plugin.identity.IdentitySettings command = org.beelms.plugin.identity.IdentitySettings.declared(
          "<environments>/<environment> 'staging'", staging.url(), "command", null, null, null,
          "cat '" + world.runningImage() + "'");

      GateResult result =
          new Deployment(world.deploySettings(staging, "v0.1.0", null), world.records(),
                  world.rollout(Duration.ofSeconds(5), command))
              .check(ReleaseListener.NONE);

      assertEquals(GateStatus.PASSED, result.status(), errors(result));
      String proof = "running image " + v1.image().digest() + " = v0.1.0";
      DeploymentEntry entry = ReleaseRecords.deployments(world.note("v0.1.0")).get(0);
      assertTrue(entry.identity().proven(), entry.toString());
      assertEquals(proof, entry.identity().detail());
      assertEquals("command", entry.toJson().get("identity").get("mode").asText());
      assertTrue(entry.toJson().get("identity").get("verified").asBoolean());
      assertEquals(proof, world.smokeIdentities.get(0).detail());
      assertTrue(errors(result).contains("; identity: " + proof), errors(result));

      // the default (health) cannot prove it: the deploy fails at the wait, naming what to declare
      GateResult unproven = world.deploy(staging, "v0.1.0");
      assertEquals(GateStatus.FAILED, unproven.status());
      assertTrue(errors(unproven).contains("/health answers without a version"), errors(unproven));
      assertEquals("unhealthy", ReleaseRecords.deployments(world.note("v0.1.0")).get(1).outcome());
    }
  }

  @Test
  void identityNoneIsRecordedAsNotVerified(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHookWithoutVersion(), "");
      org.beelms.plugin.identity.IdentitySettings none = org.beelms.plugin.identity.IdentitySettings.declared(
          "<environments>/<environment> 'staging'", staging.url(), "health", "none", null, null, null);

      GateResult result =
          new Deployment(world.deploySettings(staging, "v0.1.0", null), world.records(),
                  world.rollout(Duration.ofSeconds(5), none))
              .check(ReleaseListener.NONE);

      assertEquals(GateStatus.PASSED, result.status(), errors(result));
      DeploymentEntry entry = ReleaseRecords.deployments(world.note("v0.1.0")).get(0);
      assertEquals(org.beelms.plugin.identity.IdentityProof.Outcome.NOT_VERIFIED, entry.identity().outcome());
      assertEquals("identity not verified", entry.toJson().get("identity").get("detail").asText());
      assertTrue(result.findings().stream().anyMatch(f -> f.severity() == Severity.WARNING
          && f.message().contains("identity: identity not verified")), result.toString());
      assertEquals(org.beelms.plugin.identity.IdentityMode.NONE, world.smokeIdentities.get(0).mode());
    }
  }

  @Test
  void productionRefusesAStagingPassRecordedBeforeTiersUnlessForced(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      Environment production = world.environment("production", "production", world.startingHook(), "");
      // An entry as written before tiers were recorded: smoke PASSED, no "tiers" object.
      world.smokeTiers = SmokeTiers.NONE;
      world.deploy(world.environment("staging", "staging", world.startingHook(), ""), "v0.1.0");
      assertTrue(world.note("v0.1.0").smoke().get("staging").get("deployments").get(0).path("tiers").isMissingNode());
      world.smokeTiers = DeployWorld.BOTH_PASSED;

      GateResult refused = world.deploy(production, "v0.1.0");

      assertEquals(GateStatus.FAILED, refused.status());
      assertTrue(errors(refused).contains("refused: v0.1.0 (" + v1.image().digest() + ") has no staging pass of"
          + " the smoke and regression tier"), errors(refused));
      assertTrue(errors(refused).contains("nothing was moved"), errors(refused));
      assertTrue(refused.findings().stream().anyMatch(f -> f.fix().contains("-Dbeelms.deploy.version=v0.1.0")
          && f.fix().contains("-Dbeelms.deploy.force")), refused.toString());
      assertEquals(Optional.empty(), world.tagDigest("production"));

      GateResult forced =
          new Deployment(world.deploySettings(production, "v0.1.0", "INC-7 regression env down"), world.records(),
                  world.rollout(Duration.ofSeconds(5)))
              .check(ReleaseListener.NONE);

      assertEquals(GateStatus.PASSED, forced.status(), errors(forced));
      assertTrue(errors(forced).contains("without a staging pass of the smoke and regression tier"), errors(forced));
      DeploymentEntry last = ReleaseRecords.deployments(world.note("v0.1.0")).stream()
          .filter(e -> e.environment().equals("production")).findFirst().orElseThrow();
      assertEquals("INC-7 regression env down", last.forced());
    }
  }

  @Test
  void aStagingDeployWhoseRegressionTierSkippedWarnsThatProductionWillRefuse(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      world.smokeTiers =
          new SmokeTiers(Map.of(SmokeTiers.Tier.SMOKE, GateStatus.PASSED, SmokeTiers.Tier.REGRESSION, GateStatus.SKIPPED),
              java.util.List.of(), Map.of(SmokeTiers.Tier.SMOKE, StagingPassTest.SMOKE_PROVEN));

      GateResult staged = world.deploy(world.environment("staging", "staging", world.startingHook(), ""), "v0.1.0");

      assertEquals(GateStatus.PASSED, staged.status(), errors(staged));
      assertTrue(staged.findings().stream().anyMatch(f -> f.severity() == Severity.WARNING
          && f.message().startsWith("production will refuse v0.1.0")), staged.toString());
      GateResult refused =
          world.deploy(world.environment("production", "production", world.startingHook(), ""), "v0.1.0");
      assertEquals(GateStatus.FAILED, refused.status());
      assertTrue(errors(refused).contains("recorded smoke PASSED, regression SKIPPED"), errors(refused));
    }
  }

  @Test
  void productionRefusesADigestThatNeverPassedStagingAndMovesNothing(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment production = world.environment("production", "production", world.startingHook(), "");
      // Deployed to staging, but smoke failed there: no pass to rely on.
      world.smokeStatus = GateStatus.FAILED;
      world.deploy(world.environment("staging", "staging", world.startingHook(), ""), "v0.1.0");
      world.smokeStatus = GateStatus.PASSED;

      GateResult result = world.deploy(production, "v0.1.0");

      assertEquals(GateStatus.FAILED, result.status());
      assertTrue(errors(result).contains("never passed post-deploy smoke on a staging environment"), errors(result));
      assertTrue(errors(result).contains("nothing was moved"), errors(result));
      assertEquals(Optional.empty(), world.tagDigest("production"));
    }
  }

  @Test
  void productionTakesTheDigestStagingPassed(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.deploy(world.environment("staging", "staging", world.startingHook(), ""), "v0.1.0");

      GateResult result =
          world.deploy(world.environment("production", "production", world.startingHook(), ""), "v0.1.0");

      assertEquals(GateStatus.PASSED, result.status(), errors(result));
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("production"));
    }
  }

  @Test
  void aForcedProductionDeployRecordsItsReason(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment production = world.environment("production", "production", world.startingHook(), "");

      GateResult result =
          new Deployment(world.deploySettings(production, "v0.1.0", "INC-42 staging down"), world.records(),
                  world.rollout(Duration.ofSeconds(5)))
              .check(ReleaseListener.NONE);

      assertEquals(GateStatus.PASSED, result.status(), errors(result));
      assertEquals("INC-42 staging down", ReleaseRecords.deployments(world.note("v0.1.0")).get(0).forced());
    }
  }

  @Test
  void healthThatNeverAnswersFailsWithinTheTimeoutNamingUrlAndState(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      // The hook "starts" nothing: health keeps answering 503.
      Environment staging = world.environment("staging", "staging", "true", "");
      long start = System.nanoTime();

      GateResult result =
          new Deployment(world.deploySettings(staging, "v0.1.0", null), world.records(),
                  world.rollout(Duration.ofSeconds(1)))
              .check(ReleaseListener.NONE);

      assertEquals(GateStatus.FAILED, result.status());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 15, "bounded");
      String errors = errors(result);
      assertTrue(errors.contains(world.apiUrl() + "/health"), errors);
      assertTrue(errors.contains("reporting version 0.1.0"), errors);
      assertTrue(errors.contains("points at " + v1.image().digest()), errors);
      assertEquals(0, world.smokeRuns.get(), "no smoke on an unhealthy environment");
      assertEquals("unhealthy", ReleaseRecords.deployments(world.note("v0.1.0")).get(0).outcome());
    }
  }

  @Test
  void aFailingHookFailsTheDeployAndSaysWhereTheTagIs(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", "echo cluster unreachable; exit 7", "");

      GateResult result = world.deploy(staging, "v0.1.0");

      assertEquals(GateStatus.FAILED, result.status());
      assertTrue(errors(result).contains("exited with 7"), errors(result));
      assertTrue(errors(result).contains("cluster unreachable"), errors(result));
      assertTrue(result.findings().stream().anyMatch(f -> f.fix().contains("mvn beelms:rollback -Dtarget=staging")));
    }
  }

  @Test
  void withoutAVersionTheReleaseJustBuiltIsDeployedAndItsFileKeptInStep(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0");
      Path records = work.resolve("target/beelms-release");
      v2.writeTo(records);
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");

      GateResult result = world.deploy(staging, null);

      assertEquals(GateStatus.PASSED, result.status(), errors(result));
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
      ReleaseRecord file = ReleaseRecord.read(records.resolve(ReleaseRecord.FILE));
      assertEquals("PASSED", file.smoke().get("staging").get("status").asText(), "release.json has the outcome");
    }
  }

  @Test
  void withoutAVersionOrAReleaseFileTheErrorNamesTheProperty(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");

      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> world.deploy(staging, null));

      assertTrue(e.getMessage().contains("-Dbeelms.deploy.version is not set"), e.getMessage());
      assertTrue(e.getMessage().contains("(v0.1.0)"), e.getMessage());
    }
  }

  @Test
  void anUnknownReleaseNamesTheKnownOnes(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");

      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> world.deploy(staging, "v9.9.9"));

      assertTrue(e.getMessage().contains("-Dbeelms.deploy.version names v9.9.9"), e.getMessage());
      assertTrue(e.getMessage().contains("known releases: v0.1.0"), e.getMessage());
    }
  }
}
