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
 * </table>
 *
 * @param kind what the rollback does
 * @param reason why, in one or two sentences
 */
public record RollbackDecision(Kind kind, String reason) {

  public enum Kind {
    /** Move the environment tag back; the schema stays, the previous code runs on it. */
    IMAGE_ROLLBACK("image-rollback"),
    /** Run the restore hook with the backup first, then move the tag back. */
    RESTORE_AND_IMAGE_ROLLBACK("restore-and-image-rollback"),
    /** Change nothing: the previous code cannot run on the current schema. */
    REFUSED("refused");

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
    return kind != Kind.REFUSED;
  }

  /** The decision for rolling back over {@code migrations}. */
  public static RollbackDecision decide(
      List<PlannedMigration> migrations, Optional<String> backupId, boolean restoreHook) {
    List<String> contract =
        migrations.stream().filter(PlannedMigration::contract)
            .map(m -> "V" + m.version() + " " + m.file() + " (" + m.release() + ")").toList();
    if (contract.isEmpty()) {
      return new RollbackDecision(
          Kind.IMAGE_ROLLBACK,
          migrations.isEmpty()
              ? "no migration since the target: the image rollback is safe"
              : "only expand migrations since the target (" + migrations.size() + "): the previous"
                  + " code still runs on the current schema, which stays as it is");
    }
    if (backupId.isPresent() && restoreHook) {
      return new RollbackDecision(
          Kind.RESTORE_AND_IMAGE_ROLLBACK,
          "contract migration(s) " + String.join(", ", contract) + ": the database is restored from"
              + " backup " + backupId.get() + " by the <restoreCommand> first, then the image is rolled"
              + " back");
    }
    String missing =
        backupId.isEmpty() && !restoreHook
            ? "no -Dbeelms.rollback.backupId was given and the environment has no <restoreCommand>"
            : backupId.isEmpty()
                ? "no -Dbeelms.rollback.backupId was given"
                : "the environment has no <restoreCommand>";
    return new RollbackDecision(
        Kind.REFUSED,
        "refused: contract migration(s) " + String.join(", ", contract) + " changed the schema in a"
            + " way the previous code cannot run on, so an image rollback would break it; a forward"
            + " fix (a new release with a new migration) is preferred. A database rollback needs a"
            + " planned backup: " + missing);
  }
}
