package org.beelms.plugin.rollback;

import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.smoke.Environment;

/**
 * Everything one {@code beelms:rollback} needs, resolved once by the Mojo.
 *
 * @param environment the environment to roll back
 * @param to {@code -Dbeelms.rollback.to}: the release to return to; empty = the one deployed
 *     there before the current one
 * @param backupId {@code -Dbeelms.rollback.backupId}: the backup the restore hook restores;
 *     empty when none
 * @param dryRun {@code -Dbeelms.dryRun}: print the plan only
 * @param actor who rolls back, recorded
 * @param force {@code -Dbeelms.rollback.force}: why to roll back although the migrations since the
 *     target are not known; recorded in the rollback entry; empty when not given
 * @param trigger {@link Trigger#MANUAL} for {@code beelms:rollback}, {@link Trigger#AUTOMATIC} after
 *     a failed deploy; recorded
 * @param restore {@code -Dbeelms.rollback.restore=true}: restore the backup the deploy being undone
 *     took (the only way, besides a given backup id, that a rollback restores the database)
 */
public record RollbackSettings(
    Environment environment,
    Optional<String> to,
    Optional<String> backupId,
    boolean dryRun,
    String actor,
    Optional<String> force,
    Trigger trigger,
    boolean restore) {

  /** Without {@code -Dbeelms.rollback.restore}. */
  public RollbackSettings(
      Environment environment, Optional<String> to, Optional<String> backupId, boolean dryRun, String actor,
      Optional<String> force, Trigger trigger) {
    this(environment, to, backupId, dryRun, actor, force, trigger, false);
  }

  public RollbackSettings(
      Environment environment, Optional<String> to, Optional<String> backupId, boolean dryRun, String actor) {
    this(environment, to, backupId, dryRun, actor, Optional.empty());
  }

  /** A manual rollback ({@code beelms:rollback}). */
  public RollbackSettings(
      Environment environment, Optional<String> to, Optional<String> backupId, boolean dryRun, String actor,
      Optional<String> force) {
    this(environment, to, backupId, dryRun, actor, force, Trigger.MANUAL);
  }

  public RollbackSettings {
    force = force == null ? Optional.empty() : force.map(String::trim).filter(v -> !v.isEmpty());
    Objects.requireNonNull(environment, "environment");
    to = to.map(String::trim).filter(v -> !v.isEmpty());
    backupId = backupId.map(String::trim).filter(v -> !v.isEmpty());
    actor = actor == null || actor.isBlank() ? "unknown" : actor.trim();
    trigger = trigger == null ? Trigger.MANUAL : trigger;
  }
}
