package org.beelms.plugin.migrations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What this release's migration does to a running database, for the release notes and for
 * rollback decisions: one per migration that is new in the release (or, for a repeatable
 * migration, changed since the previous release).
 *
 * @param version the Flyway version ({@code 1.2}); empty for a repeatable migration
 * @param description the description from the file name
 * @param file the file's path relative to the migrations location
 * @param checksum Flyway's CRC32 checksum, as {@code flyway_schema_history} records it
 * @param safetyClass {@link SafetyClass#CONTRACT} when any statement is a contract one, else
 *     {@link SafetyClass#UNKNOWN} when any statement was not read, else expand
 * @param reasons one per statement: its class and the rule behind it
 * @param lockWarnings statements that lock or rewrite tables that existed before the release
 * @param tool the migration tool that applies it: {@code flyway} or {@code typeorm}
 * @param down for a TypeORM migration, whether its {@code down()} undoes {@code up()} (e.g.
 *     "undoes up()", "empty: cannot be reverted", "does not undo: ..."); empty for Flyway. A
 *     contract migration stays one with a real {@code down}: the dropped data is gone.
 */
public record MigrationReport(
    String version,
    String description,
    String file,
    int checksum,
    SafetyClass safetyClass,
    List<SafetyReason> reasons,
    List<LockWarning> lockWarnings,
    String tool,
    String down) {

  /** A Flyway migration's report. */
  public MigrationReport(
      String version,
      String description,
      String file,
      int checksum,
      SafetyClass safetyClass,
      List<SafetyReason> reasons,
      List<LockWarning> lockWarnings) {
    this(version, description, file, checksum, safetyClass, reasons, lockWarnings,
        MigrationTool.FLYWAY.id(), "");
  }

  public MigrationReport {
    version = version == null ? "" : version;
    tool = tool == null || tool.isBlank() ? MigrationTool.FLYWAY.id() : tool;
    down = down == null ? "" : down;
    reasons = List.copyOf(reasons);
    lockWarnings = List.copyOf(lockWarnings);
  }

  @JsonIgnore
  public boolean isContract() {
    return safetyClass == SafetyClass.CONTRACT;
  }

  /** The reasons that make this migration a contract one; empty for an expand migration. */
  public List<SafetyReason> contractReasons() {
    return reasons(SafetyClass.CONTRACT);
  }

  /** The statements, calls or blocks not read ("review by hand"), each with its line. */
  public List<SafetyReason> unknownReasons() {
    return reasons(SafetyClass.UNKNOWN);
  }

  private List<SafetyReason> reasons(SafetyClass of) {
    return reasons.stream().filter(r -> r.safetyClass() == of).toList();
  }
}
