package org.beelms.plugin.migrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.beelms.plugin.gate.Finding;

/**
 * Reads TypeORM's {@code migrations} table ({@code timestamp}, {@code name}) of a deployed
 * database: the migrations this release will apply there, the ones the database applied that this
 * release no longer has, and rows that do not match their file. It only reads.
 */
final class TypeOrmTargetCheck {

  static final String TABLE = "migrations";

  private final JdbcTarget target;
  private final TypeOrmMigrationSet local;
  private final UnaryOperator<String> where;

  TypeOrmTargetCheck(JdbcTarget target, TypeOrmMigrationSet local, UnaryOperator<String> where) {
    this.target = target;
    this.local = local;
    this.where = where;
  }

  TargetDatabaseCheck.Outcome run() {
    List<PendingMigration> pending = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    String targetName = target.setting() + " (" + target.safeUrl() + ")";
    Map<Long, String> applied = new LinkedHashMap<>();
    try (Connection c = ScratchDatabases.connect(target)) {
      if (!tableExists(c)) {
        findings.add(
            Finding.warning(
                "The target " + targetName + " has no TypeORM table '" + TABLE + "': every migration"
                    + " counts as pending there; TypeORM would run all " + local.migrations().size()
                    + " on a database that may already hold the schema",
                target.setting(),
                "check that " + target.setting() + " points at the deployed database (a"
                    + " custom migrationsTableName is not supported)"));
      } else {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(
                "SELECT \"timestamp\", \"name\" FROM " + TABLE + " ORDER BY \"timestamp\"")) {
          while (rs.next()) {
            applied.put(rs.getLong(1), rs.getString(2));
          }
        }
      }
    } catch (SQLException e) {
      findings.add(
          Finding.error(
              "Cannot read the target database " + targetName + ": " + target.redact(String.valueOf(e.getMessage())),
              target.setting(),
              MigrationSuggestions.targetUnreachable(target.setting())));
      return new TargetDatabaseCheck.Outcome(pending, findings);
    }
    long newestApplied = applied.keySet().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
    for (TypeOrmMigration m : local.migrations()) {
      String name = applied.get(m.timestamp());
      if (name == null) {
        pending.add(new PendingMigration(String.valueOf(m.timestamp()), m.name(), m.fileName()));
        findings.add(
            m.timestamp() < newestApplied
                ? Finding.warning(
                    "Pending on the target " + targetName + ": " + m.fileName() + " is older than "
                        + newestApplied + ", the newest migration applied there; TypeORM runs it"
                        + " after newer ones",
                    where.apply(m.relativePath()),
                    "check it does not depend on being applied before the newer migrations")
                : Finding.info(
                    "Pending on the target " + targetName + ": " + m.fileName() + " will be applied",
                    where.apply(m.relativePath())));
      } else if (!name.equals(m.className())) {
        findings.add(
            Finding.error(
                "The target " + targetName + " recorded " + name + " at " + m.timestamp()
                    + ", but " + m.fileName() + " declares " + m.className(),
                where.apply(m.relativePath()),
                "restore the class name " + name + " (the database applied that migration), or fix the"
                    + " row only after checking which version of the SQL the database really has"));
      }
    }
    applied.forEach(
        (ts, name) -> {
          if (local.migrations().stream().noneMatch(m -> m.timestamp() == ts)) {
            findings.add(
                Finding.error(
                    "The target " + targetName + " applied " + name + " (" + ts + "), which this"
                        + " release does not have: a deleted migration or a database ahead of this"
                        + " release",
                    target.setting(),
                    "restore the migration file from the release that applied it, or check that"
                        + " this release is not older than the one deployed there"));
          }
        });
    return new TargetDatabaseCheck.Outcome(pending, findings);
  }

  private static boolean tableExists(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
      return rs.next() && rs.getBoolean(1);
    }
  }
}
