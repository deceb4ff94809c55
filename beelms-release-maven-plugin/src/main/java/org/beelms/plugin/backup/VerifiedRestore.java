package org.beelms.plugin.backup;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.DatabaseRestore;

/**
 * A restore followed by its check: the database's migration history (through the environment's
 * {@code <database>}) must end at the target release's newest migration. A mismatch stops the
 * rollback before the image moves. Without {@code <database>}, or when the database or the
 * target's newest migration cannot be read, it says "not verified" and why; it never claims it.
 */
final class VerifiedRestore implements DatabaseRestore {

  private final DatabaseRestore restore;
  private final Optional<DatabaseAccess> database;
  private final String environment;

  VerifiedRestore(DatabaseRestore restore, Optional<DatabaseAccess> database, String environment) {
    this.restore = restore;
    this.database = database;
    this.environment = environment;
  }

  @Override
  public Optional<String> via() {
    return restore.via();
  }

  @Override
  public Optional<String> refusal(String backupId) throws Exception {
    return restore.refusal(backupId);
  }

  @Override
  public Result restore(String backupId, ReleaseRecord target, Map<String, String> variables, ReleaseListener listener)
      throws Exception {
    Result restored = restore.restore(backupId, target, variables, listener);
    if (!restored.succeeded()) {
      return restored;
    }
    List<Finding> findings = new ArrayList<>(restored.findings());
    String where = "<environments>/<environment> '" + environment + "' <database>";
    Optional<String> expected = Optional.ofNullable(target.flyway()).map(ReleaseRecord.Flyway::targetVersion)
        .filter(v -> v != null && !v.isBlank());
    if (database.isEmpty()) {
      findings.add(Finding.warning("restore not verified: " + environment + " declares no <database>, so its"
          + " migration history was not read", where, "add <database>jdbc:postgresql://…</database> and"
          + " <databaseServerId> (a settings.xml server with a read-only account) to verify restores"));
      return new Result(true, findings);
    }
    if (expected.isEmpty()) {
      findings.add(Finding.warning("restore not verified: the release record of " + target.tag() + " does not say"
          + " its newest migration", "release record of " + target.tag(), ""));
      return new Result(true, findings);
    }
    MigrationHistory.Newest newest;
    try {
      newest = MigrationHistory.read(database.get());
    } catch (SQLException e) {
      findings.add(Finding.warning("restore not verified: cannot read the migration history of "
          + database.get().shown() + ": " + e.getMessage(), where, "check <database> and the account of"
          + " <databaseServerId>"));
      return new Result(true, findings);
    }
    String applied = newest.newest().orElse("(none)");
    if (newest.newest().isPresent() && MigrationHistory.same(applied, expected.get())) {
      findings.add(Finding.info("restore verified: " + newest.table() + " of " + database.get().shown()
          + " ends at " + applied + ", the newest migration of " + target.tag(), where));
      return new Result(true, findings);
    }
    findings.add(Finding.error("the restored database's " + newest.table() + " ends at " + applied + ", not at "
        + expected.get() + " (the newest migration of " + target.tag() + "): backup " + backupId + " is not of the"
        + " schema " + target.tag() + " runs on; the image was not moved", where,
        "check which backup this is (GET /api/admin/backups) and restore one taken while " + target.tag()
            + " ran, or fix forward"));
    return new Result(false, findings);
  }
}
