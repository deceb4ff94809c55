package org.beelms.plugin.rollback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.deploy.DeploymentBackup;
import org.beelms.plugin.release.ReleaseRecord;

/**
 * What a rollback will do, printed before anything moves.
 *
 * @param environment the environment's name
 * @param environmentTag the tag that moves, e.g. {@code 127.0.0.1:5000/beelms/core:production}
 * @param current the release running there now
 * @param target the release to return to
 * @param targetChosenBy how the target was chosen ({@code -Dbeelms.rollback.to}, the deploy
 *     history, or the previous {@code v*} tag)
 * @param migrations the migrations applied after the target, oldest first
 * @param decision what the migrations allow
 * @param reproducibility one line per release after the target whose migrations' reproducibility
 *     was not checked ({@code v0.2.0: skipped (<why>)}): shown, never read as checked
 * @param restore the backup a restore uses (or that is offered), as chosen for this plan
 */
public record RollbackPlan(
    String environment,
    String environmentTag,
    ReleaseRecord current,
    ReleaseRecord target,
    String targetChosenBy,
    List<PlannedMigration> migrations,
    RollbackDecision decision,
    List<String> reproducibility,
    RestoreChoice.Resolved restore) {

  public RollbackPlan {
    migrations = List.copyOf(migrations);
    reproducibility = reproducibility == null ? List.of() : List.copyOf(reproducibility);
    restore = restore == null
        ? new RestoreChoice.Resolved(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty())
        : restore;
  }

  /** A plan without a backup chosen. */
  public RollbackPlan(String environment, String environmentTag, ReleaseRecord current, ReleaseRecord target,
      String targetChosenBy, List<PlannedMigration> migrations, RollbackDecision decision,
      List<String> reproducibility) {
    this(environment, environmentTag, current, target, targetChosenBy, migrations, decision, reproducibility, null);
  }

  /** The same plan with the target's reason said otherwise. */
  public RollbackPlan withTargetChosenBy(String chosenBy) {
    return new RollbackPlan(environment, environmentTag, current, target, chosenBy, migrations,
        decision, reproducibility, restore);
  }

  /** The plan as printed, one line each. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("rollback plan for " + environment + " (" + environmentTag + ")");
    lines.add("  current: " + current.tag() + " " + current.image().digest());
    lines.add("  target:  " + target.tag() + " " + target.image().digest() + " (" + targetChosenBy + ")");
    boolean unknown =
        decision.kind() == RollbackDecision.Kind.MIGRATIONS_UNKNOWN || !decision.forced().isEmpty();
    if (migrations.isEmpty() && unknown) {
      lines.add("  migrations since " + target.tag() + ": not known (see the decision)");
    } else if (migrations.isEmpty()) {
      lines.add("  migrations since " + target.tag() + ": none");
    } else {
      lines.add("  migrations since " + target.tag() + " (they stay applied):");
      for (PlannedMigration m : migrations) {
        lines.add("    " + m.label() + " [" + m.safetyClass() + "] from " + m.release());
      }
    }
    for (String r : reproducibility) {
      lines.add("  reproducibility of migrations " + r);
    }
    lines.add("  decision: " + decision.kind().label() + " - " + decision.reason());
    if (decision.kind() == RollbackDecision.Kind.RESTORE_AND_IMAGE_ROLLBACK) {
      String id = restore.backupId().orElse("?");
      lines.add("  restore: " + restore.backup().map(DeploymentBackup::describe).orElse("backup " + id
          + " (not in the release records: its time is not known)") + " through " + restore.via().orElse("?"));
      lines.add("  data-loss window: every write to " + environment + "'s database after "
          + restore.backup().map(DeploymentBackup::createdAt).filter(t -> !t.isEmpty())
              .orElse("backup " + id + " was taken") + " until the restore is lost");
    }
    return lines;
  }
}
