package org.beelms.plugin.rollback;

import java.util.List;
import java.util.Optional;

/**
 * The migration-aware decision of a rollback (release plan 3.2):
 *
 * <table>
 *   <caption>decision table</caption>
 *   <tr><th>migrations since the target</th><th>backup id and restore hook</th><th>decision</th></tr>
 *   <tr><td>none, or only expand</td><td>not needed</td><td>{@link Kind#IMAGE_ROLLBACK}</td></tr>
 *   <tr><td>any contract</td><td>both given</td><td>{@link Kind#RESTORE_AND_IMAGE_ROLLBACK}</td></tr>
 *   <tr><td>any contract</td><td>either missing</td><td>{@link Kind#REFUSED}</td></tr>
 *   <tr><td>not known (a release in between was not checked, predates the status, or has no
 *   record)</td><td>-</td><td>{@link Kind#MIGRATIONS_UNKNOWN}, unless forced</td></tr>
 * </table>
 *
 * <p>"Not known" is never read as "none": with {@code -Dbeelms.rollback.force=<reason>} the
 * known migrations decide as above and the reason is kept in {@link #forced()} (and recorded).
 *
 * @param kind what the rollback does
 * @param reason why, in one or two sentences
 * @param forced the reason given with {@code -Dbeelms.rollback.force}; empty when not forced
 */
public record RollbackDecision(Kind kind, String reason, String forced) {

  /** The property that overrides a {@link Kind#MIGRATIONS_UNKNOWN} refusal. */
  public static final String FORCE = "-Dbeelms.rollback.force";

  public RollbackDecision {
    forced = forced == null ? "" : forced;
  }

  public RollbackDecision(Kind kind, String reason) {
    this(kind, reason, "");
  }

  public enum Kind {
    /** Move the environment tag back; the schema stays, the previous code runs on it. */
    IMAGE_ROLLBACK("image-rollback"),
    /** Run the restore hook with the backup first, then move the tag back. */
    RESTORE_AND_IMAGE_ROLLBACK("restore-and-image-rollback"),
    /** Change nothing: the previous code cannot run on the current schema. */
    REFUSED("refused"),
    /** Change nothing: what the migrations since the target did is not known. */
    MIGRATIONS_UNKNOWN("refused-migrations-unknown");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** As recorded and printed, e.g. {@code image-rollback}. */
    public String label() {
      return label;
    }
  }

  public boolean allowed() {
    return kind != Kind.REFUSED && kind != Kind.MIGRATIONS_UNKNOWN;
  }

  /**
   * The decision when the migrations of some releases since the target are not known.
   *
   * @param unknown one line per release whose migrations are not known, with why
   * @param force the reason given with {@value #FORCE}; empty when not given
   */
  public static RollbackDecision decide(
      List<PlannedMigration> migrations,
      List<String> unknown,
      Optional<String> backupId,
      boolean restoreHook,
      Optional<String> force) {
    return decide(migrations, unknown, restoreHook(backupId, restoreHook), force);
  }

  /**
   * The decision when the migrations of some releases since the target are not known, with the
   * backup a restore would use.
   *
   * @param unknown one line per release whose migrations are not known, with why
   * @param force the reason given with {@value #FORCE}; empty when not given
   */
  public static RollbackDecision decide(
      List<PlannedMigration> migrations,
      List<String> unknown,
      RestoreChoice.Resolved restore,
      Optional<String> force) {
    RollbackDecision known = decide(migrations, restore);
    if (unknown.isEmpty()) {
      return known;
    }
    String what = String.join("; ", unknown);
    if (force.isEmpty()) {
      return new RollbackDecision(
          Kind.MIGRATIONS_UNKNOWN,
          "refused: the database changes since the target are not known (" + what + "), so the"
              + " image rollback cannot be called safe. Check that release's migrations (mvn"
              + " beelms:migrations-check on its tag, then record it again with"
              + " beelms:release-candidate), or roll back anyway with " + FORCE + "=<reason>, which"
              + " is recorded in the rollback entry");
    }
    return new RollbackDecision(
        known.kind(),
        "forced with " + FORCE + "=\"" + force.get() + "\" over migrations not known (" + what
            + "); " + known.reason(),
        force.get());
  }

  private static RestoreChoice.Resolved restoreHook(Optional<String> backupId, boolean restoreHook) {
    return new RestoreChoice.Resolved(backupId, Optional.empty(), Optional.empty(), Optional.empty(),
        RestoreChoice.hook(backupId, restoreHook).via());
  }

  /** The decision for rolling back over {@code migrations}. */
  public static RollbackDecision decide(
      List<PlannedMigration> migrations, Optional<String> backupId, boolean restoreHook) {
    return decide(migrations, restoreHook(backupId, restoreHook));
  }

  /** The decision for rolling back over {@code migrations}, restoring {@code restore} if needed and allowed. */
  public static RollbackDecision decide(List<PlannedMigration> migrations, RestoreChoice.Resolved restore) {
    Optional<String> backupId = restore.backupId();
    boolean restoreHook = restore.via().isPresent();
    List<String> contract =
        migrations.stream().filter(PlannedMigration::contract)
            .map(m -> m.label() + " (" + m.release() + ")").toList();
    if (contract.isEmpty()) {
      return new RollbackDecision(
          Kind.IMAGE_ROLLBACK,
          migrations.isEmpty()
              ? "no migration since the target: the image rollback is safe"
              : "only expand migrations since the target (" + migrations.size() + "): the previous"
                  + " code still runs on the current schema, which stays as it is");
    }
    if (restore.refusal().isPresent()) {
      return new RollbackDecision(
          Kind.REFUSED,
          "refused: contract migration(s) " + String.join(", ", contract) + " need a restore, and "
              + restore.refusal().get() + "; give a backup of this environment (-Dbeelms.rollback.backupId)"
              + " or -Dbeelms.rollback.restore=true for the one its last deploy took");
    }
    if (backupId.isPresent() && restoreHook) {
      return new RollbackDecision(
          Kind.RESTORE_AND_IMAGE_ROLLBACK,
          "contract migration(s) " + String.join(", ", contract) + ": the database is restored from"
              + " backup " + backupId.get() + " by " + restore.via().get() + " first, then the image is rolled"
              + " back");
    }
    String offer = restore.offered().filter(b -> restoreHook && backupId.isEmpty())
        .map(b -> ". restore-and-image-rollback is offered with " + b.describe() + ", which the deploy being"
            + " undone took: run again with -Dbeelms.rollback.restore=true (data-loss window: writes to the"
            + " database after " + (b.createdAt().isEmpty() ? "that backup" : b.createdAt()) + " are lost)")
        .orElse("");
    String missing =
        backupId.isEmpty() && !restoreHook
            ? "no -Dbeelms.rollback.backupId was given and the environment has no <restoreCommand> (nor"
                + " <backup>api</backup>)"
            : backupId.isEmpty()
                ? "no -Dbeelms.rollback.backupId was given" + (restore.offered().isPresent()
                    ? " and -Dbeelms.rollback.restore=true was not set" : "")
                : "the environment has no <restoreCommand> (nor <backup>api</backup>)";
    return new RollbackDecision(
        Kind.REFUSED,
        "refused: contract migration(s) " + String.join(", ", contract) + " changed the schema in a"
            + " way the previous code cannot run on, so an image rollback would break it; a forward"
            + " fix (a new release with a new migration) is preferred. A database rollback needs a"
            + " planned backup: " + missing + offer);
  }
}
