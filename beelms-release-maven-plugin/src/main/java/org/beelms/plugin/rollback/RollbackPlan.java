package org.beelms.plugin.rollback;

import java.util.ArrayList;
import java.util.List;
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
 */
public record RollbackPlan(
    String environment,
    String environmentTag,
    ReleaseRecord current,
    ReleaseRecord target,
    String targetChosenBy,
    List<PlannedMigration> migrations,
    RollbackDecision decision,
    List<String> reproducibility) {

  public RollbackPlan {
    migrations = List.copyOf(migrations);
    reproducibility = reproducibility == null ? List.of() : List.copyOf(reproducibility);
  }

  /** The same plan with the target's reason said otherwise. */
  public RollbackPlan withTargetChosenBy(String chosenBy) {
    return new RollbackPlan(environment, environmentTag, current, target, chosenBy, migrations,
        decision, reproducibility);
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
        lines.add("    V" + m.version() + " " + m.file() + " [" + m.safetyClass() + "] from " + m.release());
      }
    }
    for (String r : reproducibility) {
      lines.add("  reproducibility of migrations " + r);
    }
    lines.add("  decision: " + decision.kind().label() + " - " + decision.reason());
    return lines;
  }
}
