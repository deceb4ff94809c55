package org.beelms.plugin.mojo;

import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.plugin.MojoExecutionException;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.image.TargetKind;
import org.beelms.plugin.rollback.Rollback;
import org.beelms.plugin.rollback.RollbackSettings;
import org.beelms.plugin.rollback.Trigger;
import org.beelms.plugin.rollout.NotifyingRollback;

/**
 * Rolls one environment back to an earlier release ({@code -Dtarget=<name>}), release plan 3.2 and
 * 3.3: prints the plan (current and target release and digest, the migrations in between with
 * their safety class, the decision), then moves the environment tag back by manifest copy, runs
 * the deploy hook, awaits health and runs post-rollback smoke. Contract migrations refuse it
 * unless a backup id is given and the environment has a restore hook. See docs/goals/rollback.md.
 */
@Mojo(name = "rollback", threadSafe = true, aggregator = true)
public class RollbackMojo extends AbstractRolloutMojo {

  /** The release to return to, e.g. {@code v0.1.0}; empty = the one deployed there before the current one. */
  @Parameter(property = "beelms.rollback.to")
  private String rollbackTo;

  /**
   * Deprecated: the old name of {@code rollbackTo}, read for one more release. {@code <to>} is the
   * image's target ({@code tar}, {@code registry}, {@code docker}), so such a value, set in the
   * plugin-level configuration for the image, is never taken as a release.
   */
  @Deprecated
  @Parameter
  private String to;

  /** The backup the environment's restore hook restores, needed past a contract migration. */
  @Parameter(property = "beelms.rollback.backupId")
  private String backupId;

  /**
   * Over a contract migration, restore the database from the backup the deploy being undone took
   * (recorded on its deployment entry), then roll the image back. Never implied.
   */
  @Parameter(property = "beelms.rollback.restore", defaultValue = "false")
  private boolean restore;

  /**
   * Roll back although the migrations of a release since the target are not known (not checked,
   * or no record): the reason, recorded in the rollback entry.
   */
  @Parameter(property = "beelms.rollback.force")
  private String force;

  /** Print the plan only; nothing moves. */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Skips this goal. */
  @Parameter(property = "beelms.skip.rollback", defaultValue = "false")
  private boolean skip;

  @Override
  protected String goal() {
    return Rollback.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  /** {@code rollbackTo}, else the deprecated {@code <to>} unless it is the image's target. */
  String releaseToReturnTo() {
    String old = to == null || isImageTarget(to) ? null : to;
    return renamed(rollbackTo, old, "to", "rollbackTo");
  }

  private static boolean isImageTarget(String value) {
    try {
      TargetKind.parse(value, "to");
      return true;
    } catch (IllegalArgumentException notATarget) {
      return false;
    }
  }

  @Override
  protected List<Gate> gates() {
    DeployMojo.Wiring wiring = wiring();
    RollbackSettings rollback =
        new RollbackSettings(
            wiring.environment, Optional.ofNullable(releaseToReturnTo()), Optional.ofNullable(backupId), dryRun,
            wiring.actor, Optional.ofNullable(force), Trigger.MANUAL, restore);
    return List.of(locked(new NotifyingRollback(
        new Rollback(rollback, wiring.records(), wiring.rollout(), wiring.backups().restore()), rollback,
        wiring.notifyCommand, wiring.hooks(), wiring.outputDirectory), rollback.to().orElse(null), dryRun));
  }
}
