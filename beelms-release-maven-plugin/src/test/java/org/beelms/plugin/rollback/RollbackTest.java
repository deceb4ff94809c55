package org.beelms.plugin.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Rollback on a real registry, git notes, shell hooks and an HTTP health endpoint. */
@ExtendWith(LoopbackRegistry.Extension.class)
class RollbackTest {

  @TempDir Path work;

  private static String messages(GateResult result) {
    return String.join("\n", result.findings().stream().map(Finding::message).toList());
  }

  private static GateResult rollback(DeployWorld world, Environment env, String to, String backupId, boolean dryRun,
      List<String> progress) throws Exception {
    return rollback(world, env, to, backupId, dryRun, null, progress);
  }

  private static GateResult rollback(DeployWorld world, Environment env, String to, String backupId, boolean dryRun,
      String force, List<String> progress) throws Exception {
    RollbackSettings settings =
        new RollbackSettings(env, Optional.ofNullable(to), Optional.ofNullable(backupId), dryRun, "tester",
            Optional.ofNullable(force));
    return new Rollback(settings, world.records(), world.rollout(Duration.ofSeconds(5)))
        .check(new ReleaseListener() {
          @Override
          public void progress(String gate, String message) {
            progress.add(message);
          }
        });
  }

  /** Deletes a manifest through the registry API, as a retention policy would. */
  private static void deleteManifest(LoopbackRegistry registry, String repository, String digest) throws Exception {
    java.net.http.HttpResponse<Void> response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://" + registry.hostPort() + "/v2/" + repository + "/manifests/" + digest))
            .timeout(Duration.ofSeconds(10)).DELETE().build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    assertEquals(202, response.statusCode(), "DELETE of " + repository + "@" + digest);
  }

  @Test
  void rollsBackOverAnExpandMigrationToTheImageDeployedBefore(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0", "4:V4__add_course_tags.sql:expand");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
      List<String> progress = new ArrayList<>();

      GateResult result = rollback(world, staging, null, null, false, progress);

      assertEquals(GateStatus.PASSED, result.status(), messages(result));
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"));
      String plan = String.join("\n", progress);
      assertTrue(plan.contains("current: v0.2.0 " + v2.image().digest()), plan);
      assertTrue(plan.contains("target:  v0.1.0 " + v1.image().digest()), plan);
      assertTrue(plan.contains("V4 V4__add_course_tags.sql [expand] from v0.2.0"), plan);
      assertTrue(plan.contains("decision: image-rollback"), plan);
      assertEquals("0.1.0", Files.readString(work.resolve("running-version")));
      DeploymentEntry last = ReleaseRecords.deployments(world.note("v0.1.0")).stream()
          .filter(e -> e.action().equals("rollback")).findFirst().orElseThrow();
      assertEquals("v0.2.0", last.from());
      assertEquals("image-rollback", last.decision());
      assertEquals("manual", last.trigger(), "beelms:rollback records trigger: manual");
      assertFalse(last.rolledBack());
      assertEquals("PASSED", last.smoke());
      assertEquals(3, world.smokeRuns.get(), "smoke after each deploy and after the rollback");
    }
  }

  @Test
  void aContractMigrationRefusesTheRollbackAndMovesNothing(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0", "4:V4__drop_legacy_slug.sql:contract");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "restore.sh");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");
      int hooks = world.hookCalls().size();

      GateResult result = rollback(world, staging, null, null, false, new ArrayList<>());

      assertEquals(GateStatus.FAILED, result.status());
      assertTrue(messages(result).contains("previous code cannot run on"), messages(result));
      assertTrue(messages(result).contains("forward fix"), messages(result));
      assertTrue(messages(result).contains("nothing was moved"), messages(result));
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
      assertEquals(hooks, world.hookCalls().size(), "no hook ran");
    }
  }

  @Test
  void aSkippedMigrationsGateMakesRollbackRefuseAndSayHowToProceed(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      ReleaseRecord v2 = world.releaseWithMigrationsStatus("0.2.0",
          "the migrations-check gate was skipped (-Dbeelms.skip.migrations-check=true)");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");
      int hooks = world.hookCalls().size();
      List<String> progress = new ArrayList<>();

      GateResult result = rollback(world, staging, null, null, false, progress);

      assertEquals(GateStatus.FAILED, result.status(), messages(result));
      assertTrue(messages(result).contains("v0.2.0: its migrations were not checked: the migrations-check"
          + " gate was skipped"), messages(result));
      assertFalse(String.join("\n", progress).contains("is safe"), String.join("\n", progress));
      assertTrue(String.join("\n", progress).contains("decision: refused-migrations-unknown"), progress.toString());
      assertTrue(result.findings().stream().anyMatch(f -> f.fix().contains("-Dbeelms.rollback.force=<reason>")),
          result.findings().toString());
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
      assertEquals(hooks, world.hookCalls().size(), "no hook ran");
    }
  }

  @Test
  void aForcedRollbackOverUnknownMigrationsRecordsTheReasonInTheRollbackEntry(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.releaseWithMigrationsStatus("0.2.0", "the migrations-check gate was skipped");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");

      GateResult result = rollback(world, staging, null, null, false, "INC-42: schema unchanged, checked by hand",
          new ArrayList<>());

      assertEquals(GateStatus.PASSED, result.status(), messages(result));
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"));
      DeploymentEntry last = ReleaseRecords.deployments(world.note("v0.1.0")).stream()
          .filter(e -> e.action().equals("rollback")).findFirst().orElseThrow();
      assertEquals("INC-42: schema unchanged, checked by hand", last.forced());
      assertEquals("image-rollback", last.decision());
    }
  }

  @Test
  void aReleaseTagWithoutARecordInBetweenMakesRollbackRefuse(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      world.tagWithoutRecord("0.2.0");
      ReleaseRecord v3 = world.release("0.3.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.3.0");

      GateResult result = rollback(world, staging, "v0.1.0", null, false, new ArrayList<>());

      assertEquals(GateStatus.FAILED, result.status(), messages(result));
      assertTrue(messages(result).contains("v0.2.0: no release record"), messages(result));
      assertEquals(Optional.of(v3.image().digest()), world.tagDigest("staging"));
    }
  }

  @Test
  void aContractMigrationWithABackupRunsTheRestoreHookFirst(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.release("0.2.0", "4:V4__drop_legacy_slug.sql:contract");
      Path restored = work.resolve("restored");
      String restore = "printf '%s %s %s' \"$BACKUP_ID\" \"$TAG\" \"$ROLLBACK_FROM_TAG\" > '" + restored
          + "' && test ! -e '" + work.resolve("running-version") + "' -o -s '" + work.resolve("running-version") + "'";
      Environment staging = world.environment("staging", "staging", world.startingHook(), restore);
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");

      GateResult result = rollback(world, staging, "v0.1.0", "bk-2026-01-01", false, new ArrayList<>());

      assertEquals(GateStatus.PASSED, result.status(), messages(result));
      assertEquals("bk-2026-01-01 v0.1.0 v0.2.0", Files.readString(restored));
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"));
      DeploymentEntry last = ReleaseRecords.deployments(world.note("v0.1.0")).stream()
          .filter(e -> e.action().equals("rollback")).findFirst().orElseThrow();
      assertEquals("restore-and-image-rollback", last.decision());
      assertEquals("bk-2026-01-01", last.backupId());
    }
  }

  @Test
  void aTargetMissingFromTheRegistryStopsBeforeAnythingMoves(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.2.0");
      // v0.1.0's image was garbage-collected from the registry.
      deleteManifest(registry, world.repository().substring(registry.hostPort().length() + 1),
          world.note("v0.1.0").image().digest());

      GateResult result = rollback(world, staging, "v0.1.0", null, false, new ArrayList<>());

      assertEquals(GateStatus.FAILED, result.status());
      assertTrue(messages(result).contains("is no longer in the registry; nothing was moved"), messages(result));
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
    }
  }

  @Test
  void aDryRunPrintsThePlanAndMovesNothing(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");
      List<String> progress = new ArrayList<>();

      GateResult result = rollback(world, staging, null, null, true, progress);

      assertEquals(GateStatus.PASSED, result.status(), messages(result));
      assertTrue(String.join("\n", progress).contains("decision: image-rollback"));
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
      assertFalse(ReleaseRecords.deployments(world.note("v0.1.0")).stream().anyMatch(e -> e.action().equals("rollback")));
    }
  }

  @Test
  void aFailingPostRollbackSmokeFailsAndReportsTheState(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");
      world.smokeStatus = GateStatus.FAILED;

      GateResult result = rollback(world, staging, null, null, false, new ArrayList<>());

      assertEquals(GateStatus.FAILED, result.status());
      assertTrue(messages(result).contains("post-rollback smoke FAILED on staging running v0.1.0"), messages(result));
      assertTrue(messages(result).contains("points at " + v1.image().digest() + " (v0.1.0)"), messages(result));
    }
  }
}
