package org.beelms.plugin.migrations;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/** Builds the Flyway instances migrations-check uses and turns their failures into facts. */
final class FlywayRunner {

  /**
   * Why a migrate failed, in Flyway's (and PostgreSQL's) words.
   *
   * @param file the migration's file name; empty when Flyway did not say
   * @param line the line in the file where the failing statement starts; 0 when unknown
   * @param message the database's or Flyway's message
   */
  record MigrateFailure(String file, int line, String message) {}

  private FlywayRunner() {}

  static FluentConfiguration configure(JdbcTarget db, Path location) {
    return Flyway.configure(FlywayRunner.class.getClassLoader())
        .dataSource(JdbcTimeouts.DEFAULT.applyTo(db.url()), db.user(), db.password())
        .locations("filesystem:" + location.toAbsolutePath())
        .loggers(SilentFlywayLog.class.getName())
        .validateMigrationNaming(false)
        .cleanDisabled(true)
        .connectRetries(0);
  }

  /** A Flyway that migrates {@code location} into a scratch from scratch. */
  static Flyway fresh(ScratchDatabase db, Path location) {
    return configure(db.connection(), location)
        .schemas(db.schema())
        .defaultSchema(db.schema())
        .createSchemas(true)
        .load();
  }

  /**
   * A Flyway that upgrades a scratch already migrated with the previous release: it applies
   * whatever is new, in order or not, and does not stop at checksums (those are reported by the
   * immutability check), so the resulting schema is what a real upgrade would produce.
   */
  static Flyway upgrade(ScratchDatabase db, Path location) {
    return configure(db.connection(), location)
        .schemas(db.schema())
        .defaultSchema(db.schema())
        .createSchemas(true)
        .outOfOrder(true)
        .validateOnMigrate(false)
        .ignoreMigrationPatterns("*:*")
        .load();
  }

  /** Migrates; empty when it worked. */
  static Optional<MigrateFailure> migrate(Flyway flyway) {
    try {
      flyway.migrate();
      return Optional.empty();
    } catch (FlywayException e) {
      return Optional.of(failure(e));
    }
  }

  static MigrateFailure failure(FlywayException e) {
    String file = "";
    int line = 0;
    if (e instanceof FlywayMigrateException fme) {
      if (fme.getMigration() != null && fme.getMigration().getScript() != null) {
        file = fileName(fme.getMigration().getScript());
      }
      line = Math.max(0, fme.getLineNumber());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FlywaySqlScriptException script) {
        line = line > 0 ? line : Math.max(0, script.getLineNumber());
        if (file.isEmpty() && script.getResource() != null) {
          file = fileName(script.getResource().getFilename());
        }
      }
    }
    return new MigrateFailure(file, line, message(e));
  }

  /** The most precise message: the SQL error when there is one, else Flyway's first lines. */
  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getMessage() != null) {
        return oneLine(sql.getMessage());
      }
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return oneLine(m);
  }

  private static String oneLine(String m) {
    return m.replaceAll("-{3,}", " ").replaceAll("\\s+", " ").trim();
  }

  private static String fileName(String script) {
    String s = script.replace('\\', '/');
    return s.substring(s.lastIndexOf('/') + 1);
  }
}
