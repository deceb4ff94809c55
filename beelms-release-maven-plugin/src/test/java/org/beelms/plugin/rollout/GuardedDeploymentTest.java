package org.beelms.plugin.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dbeelms.deploy.onFailure=rollback} on the real registry, git notes, shell hooks and an
 * HTTP health endpoint (see {@link DeployWorld}); smoke fails for the versions the test names.
 */
@ExtendWith(LoopbackRegistry.Extension.class)
class GuardedDeploymentTest {

  @TempDir Path work;

  private final List<String> progress = new ArrayList<>();

  private GateResult deploy(DeployWorld world, Environment env, String version, OnFailure onFailure,
      String notifyCommand, boolean dryRun, String force) throws Exception {
    return new GuardedDeployment(
            world.deploySettings(env, version, force), new OnFailureSettings(onFailure, notifyCommand, dryRun),
            world.records(), world.rollout(Duration.ofSeconds(5)))
        .check(new ReleaseListener() {
          @Override
          public void progress(String gate, String message) {
            progress.add(message);
          }
        });
  }

  private GateResult deploy(DeployWorld world, Environment env, String version, OnFailure onFailure)
      throws Exception {
    return deploy(world, env, version, onFailure, "", false, null);
  }

  private static String messages(GateResult result) {
    return result.findings().stream().map(f -> f.severity() + " " + f.message() + " | fix: " + f.fix())
        .collect(Collectors.joining("\n"));
  }

  private static List<DeploymentEntry> entries(DeployWorld world, String tag, String action) {
    return ReleaseRecords.deployments(world.note(tag)).stream().filter(e -> e.action().equals(action)).toList();
  }

  /** The notify hook's BEELMS_* variables, as it wrote them. */
  private static Map<String, String> notified(Path file) throws Exception {
    return Files.readAllLines(file).stream()
        .filter(l -> l.startsWith("BEELMS_"))
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
  }

  @Test
  void aSmokeFailureIsRolledBackToTheReleaseThatRanBeforeAndTheRecordTellsTheStory(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0", "4:V4__add_course_tags.sql:expand");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.failingSmoke.add("0.2.0");
      Path notice = work.resolve("notice.env");

      GateResult result =
          deploy(world, staging, "v0.2.0", OnFailure.ROLLBACK, "env | sort > '" + notice + "'", false, null);

      assertEquals(GateStatus.FAILED, result.status(), "the release did not go out: " + messages(result));
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"), "the tag is at v0.1.0's digest");
      assertEquals("0.1.0", Files.readString(work.resolve("running-version")));
      assertEquals(3, world.smokeRuns.get(), "smoke after the v1 deploy, the v2 deploy and the rollback");
      String text = messages(result);
      assertTrue(text.contains("v0.2.0 did not go out: the deploy smoke-failed and staging was rolled back"
          + " automatically to v0.1.0 (image-rollback, post-rollback smoke PASSED)"), text);
      assertTrue(text.contains("points at " + v1.image().digest() + " (v0.1.0)"), text);
      assertTrue(String.join("\n", progress).contains("decision: image-rollback"), progress.toString());

      DeploymentEntry failed = entries(world, "v0.2.0", "deploy").get(0);
      assertEquals("smoke-failed", failed.outcome());
      assertTrue(failed.rolledBack(), "the failed deployment says rolledBack: true");
      assertEquals(true, world.note("v0.2.0").smoke().get("staging").get("deployments").get(0).get("rolledBack").asBoolean());
      DeploymentEntry back = entries(world, "v0.1.0", "rollback").get(0);
      assertEquals("automatic", back.trigger());
      assertEquals("v0.2.0", back.from());
      assertEquals("image-rollback", back.decision());
      assertEquals("PASSED", back.smoke());
      assertTrue(back.at().isAfter(failed.at()), "the rollback comes after the deploy");

      Map<String, String> vars = notified(notice);
      assertEquals("deploy", vars.get("BEELMS_ACTION"));
      assertEquals("smoke-failed", vars.get("BEELMS_OUTCOME"));
      assertEquals("staging", vars.get("BEELMS_ENVIRONMENT"));
      assertEquals("0.2.0", vars.get("BEELMS_VERSION"));
      assertEquals(v2.image().digest(), vars.get("BEELMS_DIGEST"));
      assertEquals("v0.1.0", vars.get("BEELMS_PREVIOUS_TAG"));
      assertEquals(v1.image().digest(), vars.get("BEELMS_PREVIOUS_DIGEST"));
      assertEquals("rollback", vars.get("BEELMS_ON_FAILURE"));
      assertEquals("rolled-back", vars.get("BEELMS_ROLLBACK"));
      assertEquals("image-rollback", vars.get("BEELMS_DECISION"));
      assertEquals("deployed", vars.get("BEELMS_ROLLBACK_OUTCOME"));
      assertEquals(v1.image().digest(), vars.get("BEELMS_CURRENT_DIGEST"));
      assertEquals("v0.1.0", vars.get("BEELMS_CURRENT_TAG"));
      assertTrue(Files.readString(Path.of(vars.get("BEELMS_REPORT"))).contains("did not go out"),
          "the report exists when the hook runs: " + vars.get("BEELMS_REPORT"));
      assertTrue(messages(result).contains("notify hook staging-notify-hook finished"), messages(result));
    }
  }

  @Test
  void aPromotionWhoseCheckFailsAfterTheRegistryAcceptedThePutIsRecordedUnverifiedAndRolledBack(
      LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry);
        org.beelms.plugin.image.FaultyRegistryProxy proxy = new org.beelms.plugin.image.FaultyRegistryProxy(registry)) {
      world.registryVia(proxy.hostPort());
      ReleaseRecord v1 = world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      proxy.failTheCheckAfterTheNextManifestPut();

      GateResult result = deploy(world, staging, "v0.2.0", OnFailure.ROLLBACK);

      assertEquals(1, proxy.faults(), "the check after the PUT got the injected 500");
      String text = messages(result);
      assertEquals(GateStatus.FAILED, result.status(), text);
      assertTrue(text.contains(world.repository() + ":staging was moved to v0.2.0 (" + v2.image().digest()
          + ") but the move is unverified: the registry accepted the PUT (HTTP 201)"), text);
      assertFalse(text.contains("nothing was moved"), text);
      DeploymentEntry unverified = entries(world, "v0.2.0", "deploy").get(0);
      assertEquals(DeploymentEntry.PROMOTION_UNVERIFIED, unverified.outcome());
      assertEquals("SKIPPED", unverified.smoke());
      assertTrue(unverified.rolledBack(), "the automatic rollback acted on the unverified move");
      DeploymentEntry back = entries(world, "v0.1.0", "rollback").get(0);
      assertEquals("automatic", back.trigger());
      assertEquals("v0.2.0", back.from());
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"), "the tag is back at v0.1.0");
      assertEquals("0.1.0", Files.readString(work.resolve("running-version")));
      assertTrue(text.contains("staging was rolled back automatically to v0.1.0"), text);
      assertFalse(org.beelms.plugin.deploy.StagingPass.decide(world.note("v0.2.0")).allowed(),
          "an unverified move is no staging pass");
    }
  }

  @Test
  void aContractMigrationIsNotRolledBackAndTheRunSaysWhyAndWhatToDo(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0", "4:V4__drop_legacy_slug.sql:contract");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.failingSmoke.add("0.2.0");

      GateResult result = deploy(world, staging, "v0.2.0", OnFailure.ROLLBACK);

      assertEquals(GateStatus.FAILED, result.status());
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"), "nothing moved back");
      String text = messages(result);
      assertTrue(text.contains("not rolled back: refused: contract migration(s) V4 V4__drop_legacy_slug.sql"), text);
      assertTrue(text.contains("ship a forward fix"), text);
      assertTrue(text.contains("-Dbeelms.rollback.backupId=<backup id>"), text);
      assertTrue(text.contains("points at " + v2.image().digest() + " (v0.2.0)"), text);
      assertFalse(entries(world, "v0.2.0", "deploy").get(0).rolledBack());
      assertFalse(world.note("v0.2.0").smoke().get("staging").get("deployments").get(0).has("rolledBack"),
          "rolledBack is written only when true (additive)");
      assertTrue(entries(world, "v0.1.0", "rollback").isEmpty(), "no rollback recorded");
      assertEquals(2, world.smokeRuns.get());
    }
  }

  @Test
  void aFirstDeployHasNothingToGoBackToLeavesTheTagAndFails(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.failingSmoke.add("0.1.0");

      GateResult result = deploy(world, staging, "v0.1.0", OnFailure.ROLLBACK);

      assertEquals(GateStatus.FAILED, result.status());
      assertTrue(messages(result).contains("nothing to go back to"), messages(result));
      assertTrue(messages(result).contains("the first deploy to staging"), messages(result));
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"), "the tag stays");
      assertEquals(1, world.smokeRuns.get());
      assertFalse(entries(world, "v0.1.0", "deploy").get(0).rolledBack());
    }
  }

  @Test
  void aPreviousImageGoneFromTheRegistryStopsTheRollbackWithTheTagOnTheFailedRelease(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.failingSmoke.add("0.2.0");
      // The copy of v0.1.0's digest under "staging" survives; the release's own manifest is deleted.
      world.deleteManifest(v1.image().digest());

      GateResult result = deploy(world, staging, "v0.2.0", OnFailure.ROLLBACK);

      assertEquals(GateStatus.FAILED, result.status());
      String text = messages(result);
      assertTrue(text.contains("is no longer in the registry; nothing was moved"), text);
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
      assertFalse(entries(world, "v0.2.0", "deploy").get(0).rolledBack());
    }
  }

  @Test
  void aFailingPostRollbackSmokeStopsReportsBothFailuresAndWhereTheTagIsAndNeverLoops(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.smokeStatus = GateStatus.FAILED; // the environment itself is broken now
      Path notice = work.resolve("notice.env");

      GateResult result =
          deploy(world, staging, "v0.2.0", OnFailure.ROLLBACK, "env > '" + notice + "'", false, null);

      assertEquals(GateStatus.FAILED, result.status());
      assertEquals(3, world.smokeRuns.get(), "one deploy smoke, one rollback smoke: no second rollback");
      String text = messages(result);
      assertTrue(text.contains("post-deploy smoke FAILED on staging running v0.2.0"), text);
      assertTrue(text.contains("automatic rollback: post-rollback smoke FAILED on staging running v0.1.0"), text);
      assertTrue(text.contains("the automatic rollback to v0.1.0 failed as well (smoke-failed, smoke FAILED) after the"
          + " deploy of v0.2.0 smoke-failed; stopped, no further rollback"), text);
      assertTrue(text.contains("points at " + v1.image().digest() + " (v0.1.0)"), text);
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"));
      assertTrue(entries(world, "v0.2.0", "deploy").get(0).rolledBack(), "the tag did go back");
      DeploymentEntry back = entries(world, "v0.1.0", "rollback").get(0);
      assertEquals("smoke-failed", back.outcome());
      assertEquals("automatic", back.trigger());
      Map<String, String> vars = notified(notice);
      assertEquals("failed", vars.get("BEELMS_ROLLBACK"));
      assertEquals("smoke-failed", vars.get("BEELMS_ROLLBACK_OUTCOME"));
    }
  }

  @Test
  void aForcedProductionDeployThatFailsIsRolledBackToTheProductionRelease(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      Environment production = world.environment("production", "production", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(production, "v0.1.0");
      world.failingSmoke.add("0.2.0");

      GateResult result =
          deploy(world, production, "v0.2.0", OnFailure.ROLLBACK, "", false, "INC-42: staging is down");

      assertEquals(GateStatus.FAILED, result.status());
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("production"));
      DeploymentEntry failed = entries(world, "v0.2.0", "deploy").get(0);
      assertEquals("INC-42: staging is down", failed.forced());
      assertTrue(failed.rolledBack());
      DeploymentEntry back = entries(world, "v0.1.0", "rollback").get(0);
      assertEquals("production", back.environment());
      assertEquals("automatic", back.trigger());
      assertEquals("", back.forced(), "the deploy's force reason does not force the rollback");
    }
  }

  @Test
  void aDryRunPrintsWhatItWouldDoOnFailureAndMovesNothing(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.release("0.2.0", "4:V4__add_course_tags.sql:expand");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      int hooks = world.hookCalls().size();

      GateResult result = deploy(world, staging, "v0.2.0", OnFailure.ROLLBACK, "true", true, null);

      assertEquals(GateStatus.PASSED, result.status(), messages(result));
      String printed = String.join("\n", progress);
      assertTrue(printed.contains("dry run: would point"), printed);
      assertTrue(printed.contains("on failure (onFailure=rollback): roll back to v0.1.0"), printed);
      assertTrue(printed.contains("V4 V4__add_course_tags.sql [expand] from v0.2.0"), printed);
      assertTrue(printed.contains("decision: image-rollback"), printed);
      assertTrue(printed.contains("on failure: run the <notifyCommand> of staging"), printed);
      assertFalse(printed.contains("'true'"), "the command text is not printed");
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"), "nothing moved");
      assertEquals(hooks, world.hookCalls().size(), "no hook ran");
      assertEquals(1, world.smokeRuns.get());
    }
  }

  @Test
  void aDryRunOfAFirstDeploySaysThereIsNothingToGoBackTo(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");

      GateResult result = deploy(world, staging, "v0.1.0", OnFailure.ROLLBACK, "", true, null);

      assertEquals(GateStatus.PASSED, result.status());
      assertTrue(String.join("\n", progress).contains("nothing to go back to (first deploy to staging)"),
          progress.toString());
      assertEquals(Optional.empty(), world.tagDigest("staging"));
    }
  }

  @Test
  void onFailureStopLeavesTheTagOnTheFailedReleaseAndStillNotifies(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.failingSmoke.add("0.2.0");
      Path notice = work.resolve("notice.env");

      GateResult result = deploy(world, staging, "v0.2.0", OnFailure.STOP, "env > '" + notice + "'", false, null);

      assertEquals(GateStatus.FAILED, result.status());
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
      assertTrue(messages(result).contains("mvn beelms:rollback -Dtarget=staging"), messages(result));
      assertEquals(2, world.smokeRuns.get());
      Map<String, String> vars = notified(notice);
      assertEquals("none", vars.get("BEELMS_ROLLBACK"));
      assertEquals("stop", vars.get("BEELMS_ON_FAILURE"));
      assertEquals("v0.2.0", vars.get("BEELMS_CURRENT_TAG"));
    }
  }

  @Test
  void aFailingNotifyHookIsReportedAndDoesNotMaskTheDeploysFailure(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.failingSmoke.add("0.1.0");

      GateResult result =
          deploy(world, staging, "v0.1.0", OnFailure.STOP, "echo 'webhook said 500'; exit 7", false, null);

      assertEquals(GateStatus.FAILED, result.status());
      List<Finding> errors = result.findingsAtLeast(Severity.ERROR);
      assertTrue(errors.stream().anyMatch(f -> f.message().contains("post-deploy smoke FAILED on staging")),
          messages(result));
      Finding notify = result.findings().get(result.findings().size() - 1);
      assertEquals(Severity.WARNING, notify.severity());
      assertTrue(notify.message().contains("the notify hook staging-notify-hook exited with 7"), notify.message());
      assertTrue(notify.message().contains("webhook said 500"), notify.message());
      assertTrue(notify.message().contains("the outcome above stands"), notify.message());
    }
  }

  @Test
  void aSuccessfulDeployRunsNoNotifyHook(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      Path notice = work.resolve("notice.env");

      GateResult result = deploy(world, staging, "v0.1.0", OnFailure.ROLLBACK, "env > '" + notice + "'", false, null);

      assertEquals(GateStatus.PASSED, result.status(), messages(result));
      assertFalse(Files.exists(notice));
    }
  }
}
