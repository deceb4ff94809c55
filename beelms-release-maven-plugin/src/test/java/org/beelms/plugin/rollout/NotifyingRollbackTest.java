package org.beelms.plugin.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.HookRunner;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.Rollback;
import org.beelms.plugin.rollback.RollbackSettings;
import org.beelms.plugin.smoke.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A manual {@code beelms:rollback} that fails runs the notify hook; one that passes does not. */
@ExtendWith(LoopbackRegistry.Extension.class)
class NotifyingRollbackTest {

  @TempDir Path work;

  private GateResult rollback(DeployWorld world, Environment env, String notifyCommand) throws Exception {
    RollbackSettings settings =
        new RollbackSettings(env, Optional.empty(), Optional.empty(), false, "tester", Optional.empty());
    Path reports = work.resolve("target/beelms-release");
    return new NotifyingRollback(
            new Rollback(settings, world.records(), world.rollout(Duration.ofSeconds(5))), settings, notifyCommand,
            new HookRunner(work, reports.resolve("hooks"), Duration.ofSeconds(20)), reports)
        .check(ReleaseListener.NONE);
  }

  @Test
  void aRefusedManualRollbackTellsTheNotifyHook(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0", "4:V4__drop_legacy_slug.sql:contract");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");
      Path notice = work.resolve("notice.env");

      GateResult result = rollback(world, staging, "env > '" + notice + "'");

      assertEquals(GateStatus.FAILED, result.status());
      List<String> vars = Files.readAllLines(notice);
      assertTrue(vars.contains("BEELMS_ACTION=rollback"), vars.toString());
      assertTrue(vars.contains("BEELMS_OUTCOME=refused"), vars.toString());
      assertTrue(vars.contains("BEELMS_ROLLBACK=refused"), vars.toString());
      assertTrue(vars.contains("BEELMS_DECISION=refused"), vars.toString());
      assertTrue(vars.contains("BEELMS_TAG=v0.1.0"), "the target: " + vars);
      assertTrue(vars.contains("BEELMS_PREVIOUS_DIGEST=" + v2.image().digest()), vars.toString());
      assertTrue(vars.contains("BEELMS_CURRENT_DIGEST=" + v2.image().digest()), "nothing moved: " + vars);
      assertFalse(vars.contains("BEELMS_DIGEST=" + v2.image().digest()));
      assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
    }
  }

  @Test
  void aSuccessfulManualRollbackNotifiesNobody(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work, registry)) {
      world.release("0.1.0");
      world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      world.deploy(staging, "v0.1.0");
      world.deploy(staging, "v0.2.0");
      Path notice = work.resolve("notice.env");

      GateResult result = rollback(world, staging, "env > '" + notice + "'");

      assertEquals(GateStatus.PASSED, result.status());
      assertFalse(Files.exists(notice));
    }
  }

  @Test
  void onFailureIsStopOrRollbackAndABadValueNamesTheSetting() {
    assertEquals(OnFailure.STOP, OnFailure.parse(" ", "-Dbeelms.deploy.onFailure", OnFailure.STOP));
    assertEquals(OnFailure.ROLLBACK, OnFailure.parse("Rollback", "-Dbeelms.deploy.onFailure", OnFailure.STOP));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> OnFailure.parse("revert", "<environments>/<environment> 'prod' <onFailure>", OnFailure.STOP));
    assertTrue(e.getMessage().startsWith("<environments>/<environment> 'prod' <onFailure> is 'revert'; write stop"),
        e.getMessage());
    assertFalse(new OnFailureSettings(OnFailure.ROLLBACK, "curl https://hooks.example/T0/secret", false)
        .toString().contains("secret"));
  }
}
