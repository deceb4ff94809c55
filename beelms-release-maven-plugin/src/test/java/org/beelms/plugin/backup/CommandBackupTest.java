package org.beelms.plugin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.deploy.Rollout;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.Rollback;
import org.beelms.plugin.rollback.RollbackSettings;
import org.beelms.plugin.rollback.Trigger;
import org.beelms.plugin.rollout.GuardedDeployment;
import org.beelms.plugin.rollout.OnFailure;
import org.beelms.plugin.rollout.OnFailureSettings;
import org.beelms.plugin.smoke.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <backup>command</backup>} through deploy and rollback on the real registry, git notes and
 * shell hooks of {@link DeployWorld}: the backup is taken before the tag moves only over a contract
 * migration, recorded, restored by {@code rollback-with-restore} or {@code -Dbeelms.rollback.restore=true}
 * and never implicitly; a failing backup stops the deploy with nothing moved; a backup of another
 * environment is refused.
 */
@ExtendWith(LoopbackRegistry.Extension.class)
class CommandBackupTest {

  @TempDir Path work;

  private final List<String> progress = new ArrayList<>();
  private final ReleaseListener listener = new ReleaseListener() {
    @Override
    public void progress(String gate, String message) {
      progress.add(message);
    }
  };

  private Backups backups(DeployWorld world, Environment env, String backupCommand, BackupBefore before) {
    Rollout rollout = world.rollout(Duration.ofSeconds(5));
    return new Backups(env, new BackupSettings(BackupKind.COMMAND, before, backupCommand, Optional.empty(),
        Optional.empty(), Optional.empty(), Duration.ofSeconds(30), Duration.ofMillis(50)), rollout.hooks(), world.clock());
  }

  private GateResult deploy(DeployWorld world, Environment env, String version, OnFailure onFailure, Backups backups)
      throws Exception {
    return new GuardedDeployment(world.deploySettings(env, version, null), new OnFailureSettings(onFailure, "", false),
        world.records(), world.rollout(Duration.ofSeconds(5)), backups.beforeMove(world.records()), backups.restore())
        .check(listener);
  }

  private static String messages(GateResult result) {
    return result.findings().stream().map(f -> f.severity() + " " + f.message() + " | fix: " + f.fix())
        .collect(Collectors.joining("\n"));
  }

  private static List<DeploymentEntry> entries(DeployWorld world, String tag, String action) {
    return ReleaseRecords.deployments(world.note(tag)).stream().filter(e -> e.action().equals(action)).toList();
  }

  private Environment staging(DeployWorld world) {
    return world.environment("staging", "staging", world.startingHook(),
        "printf '%s' \"$BACKUP_ID\" > '" + work.resolve("restored") + "'");
  }

  @Test
  void rollbackWithRestoreRestoresTheBackupThisDeployTookAndSaysSo(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.release("0.2.0", "4:V4__drop_course_subtitle.sql:contract");
      Environment staging = staging(world);
      Backups backups = backups(world, staging, "echo dumping; echo bk-0042", BackupBefore.CONTRACT);
      assertEquals(GateStatus.PASSED, deploy(world, staging, "v0.1.0", OnFailure.STOP, backups).status());
      assertTrue(entries(world, "v0.1.0", "deploy").get(0).backup().isEmpty(), "no contract migration: no backup");

      world.failingSmoke.add("0.2.0");
      GateResult result = deploy(world, staging, "v0.2.0", OnFailure.ROLLBACK_WITH_RESTORE, backups);

      String text = messages(result);
      assertEquals(GateStatus.FAILED, result.status(), text);
      DeploymentEntry deployed = entries(world, "v0.2.0", "deploy").get(0);
      assertEquals("bk-0042", deployed.backup().orElseThrow().id());
      assertEquals("command", deployed.backup().get().kind());
      assertTrue(text.contains("took backup bk-0042 (command, taken at "), text);
      assertEquals("bk-0042", Files.readString(work.resolve("restored")), "the restore hook got this deploy's backup");
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"));
      DeploymentEntry back = entries(world, "v0.1.0", "rollback").get(0);
      assertEquals("restore-and-image-rollback", back.decision());
      assertEquals("bk-0042", back.backupId());
      assertEquals("bk-0042", back.backup().orElseThrow().id());
      assertTrue(text.contains("restored backup bk-0042 (command, taken at " + deployed.backup().get().createdAt()),
          text);
      assertTrue(String.join("\n", progress).contains("data-loss window: every write to staging's database after "
          + deployed.backup().get().createdAt()), progress.toString());
      assertTrue(text.contains("restore not verified: staging declares no <database>"), text);
    }
  }

  @Test
  void aFailingBackupStopsTheDeployWithNothingMoved(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.release("0.2.0", "4:V4__drop_course_subtitle.sql:contract");
      Environment staging = staging(world);
      world.deploy(staging, "v0.1.0");
      GateResult result = deploy(world, staging, "v0.2.0", OnFailure.STOP,
          backups(world, staging, "echo 'pg_dump: connection refused' >&2; exit 3", BackupBefore.CONTRACT));
      String text = messages(result);
      assertEquals(GateStatus.FAILED, result.status(), text);
      assertTrue(text.contains("the backup before the deploy failed: the <backupCommand> staging-backup-hook exited with 3"), text);
      assertTrue(text.contains("nothing was moved, staging still runs v0.1.0"), text);
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"));
      assertTrue(entries(world, "v0.2.0", "deploy").isEmpty(), "nothing recorded: nothing moved");
      assertEquals("0.1.0", Files.readString(work.resolve("running-version")), "the deploy hook did not run");
    }
  }

  @Test
  void aManualRollbackRestoresOnlyWhenAskedAndRefusesABackupOfAnotherEnvironment(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      world.release("0.2.0", "4:V4__drop_course_subtitle.sql:contract");
      Environment staging = staging(world);
      Environment qa = world.environment("qa", "staging", world.startingHook(), "true");
      world.deploy(staging, "v0.1.0");
      world.deploy(qa, "v0.1.0");
      assertEquals(GateStatus.PASSED, deploy(world, staging, "v0.2.0", OnFailure.STOP,
          backups(world, staging, "echo bk-staging", BackupBefore.ALWAYS)).status());
      assertEquals(GateStatus.PASSED, deploy(world, qa, "v0.2.0", OnFailure.STOP,
          backups(world, qa, "echo bk-qa", BackupBefore.ALWAYS)).status());
      Backups stagingBackups = backups(world, staging, "echo unused", BackupBefore.CONTRACT);

      Rollback.Outcome notAsked = new Rollback(new RollbackSettings(staging, Optional.empty(), Optional.empty(), false,
          "tester", Optional.empty(), Trigger.MANUAL, false), world.records(), world.rollout(Duration.ofSeconds(5)),
          stagingBackups.restore()).rollBack(listener);
      String refused = messages(notAsked.result());
      assertEquals(GateStatus.FAILED, notAsked.result().status());
      assertTrue(refused.contains("restore-and-image-rollback is offered with backup bk-staging"), refused);
      assertTrue(refused.contains("-Dbeelms.rollback.restore=true"), refused);
      assertFalse(Files.exists(work.resolve("restored")), "nothing restored implicitly");

      Rollback.Outcome otherEnvironment = new Rollback(new RollbackSettings(staging, Optional.empty(),
          Optional.of("bk-qa"), false, "tester", Optional.empty(), Trigger.MANUAL, false), world.records(),
          world.rollout(Duration.ofSeconds(5)), stagingBackups.restore()).rollBack(listener);
      String other = messages(otherEnvironment.result());
      assertTrue(other.contains("backup bk-qa was taken on environment 'qa'"), other);
      assertFalse(Files.exists(work.resolve("restored")));
      assertFalse(otherEnvironment.moved());

      Rollback.Outcome asked = new Rollback(new RollbackSettings(staging, Optional.empty(), Optional.empty(), false,
          "tester", Optional.empty(), Trigger.MANUAL, true), world.records(), world.rollout(Duration.ofSeconds(5)),
          stagingBackups.restore()).rollBack(listener);
      assertEquals(GateStatus.PASSED, asked.result().status(), messages(asked.result()));
      assertEquals("bk-staging", Files.readString(work.resolve("restored")));
      assertEquals(Optional.of(v1.image().digest()), world.tagDigest("staging"));
    }
  }
}
