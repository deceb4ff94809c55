package org.beelms.plugin.migrations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.beelms.plugin.gate.Finding;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Asks a deployed database (e.g. staging) what this release will do there: the pending
 * migrations (Flyway info), and every failed, missing or checksum-mismatched one (Flyway
 * validate), each with Flyway's own words and the next step. It only reads; it never migrates.
 */
final class TargetDatabaseCheck {

  /** What the target said. */
  record Outcome(List<PendingMigration> pending, List<Finding> findings) {}

  private final JdbcTarget target;
  private final Path location;
  private final UnaryOperator<String> where;

  TargetDatabaseCheck(JdbcTarget target, Path location, UnaryOperator<String> where) {
    this.target = target;
    this.location = location;
    this.where = where;
  }

  Outcome run() {
    List<PendingMigration> pending = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    String targetName = target.setting() + " (" + target.safeUrl() + ")";
    try {
      Flyway flyway =
          FlywayRunner.configure(target, location).ignoreMigrationPatterns("*:pending").load();
      for (MigrationInfo info : flyway.info().pending()) {
        PendingMigration p =
            new PendingMigration(
                info.getVersion() == null ? "" : info.getVersion().getVersion(),
                info.getDescription(),
                info.getScript());
        pending.add(p);
        findings.add(
            Finding.info(
                "Pending on the target " + targetName + ": " + p.file() + " will be applied",
                where.apply(p.file())));
      }
      ValidateResult result = flyway.validateWithResult();
      if (!result.validationSuccessful) {
        if (result.invalidMigrations == null || result.invalidMigrations.isEmpty()) {
          findings.add(
              Finding.error(
                  "Flyway validate on the target " + targetName + " failed: "
                      + (result.errorDetails == null ? result.getAllErrorMessages() : result.errorDetails.errorMessage),
                  target.setting(),
                  MigrationSuggestions.targetOther()));
        }
        for (ValidateOutput invalid : result.invalidMigrations) {
          findings.add(invalidFinding(invalid, targetName));
        }
      }
    } catch (FlywayException e) {
      findings.add(
          Finding.error(
              "Cannot read the target database " + targetName + ": " + FlywayRunner.message(e),
              target.setting(),
              MigrationSuggestions.targetUnreachable(target.setting())));
    }
    return new Outcome(pending, findings);
  }

  private Finding invalidFinding(ValidateOutput invalid, String targetName) {
    String code = invalid.errorDetails == null ? "" : String.valueOf(invalid.errorDetails.errorCode);
    String flywaySays = invalid.errorDetails == null ? "invalid migration" : invalid.errorDetails.errorMessage;
    String file = invalid.filepath == null || invalid.filepath.isEmpty() ? "" : fileName(invalid.filepath);
    String label = file.isEmpty() ? "version " + invalid.version : file;
    String upper = code.toUpperCase(Locale.ROOT);
    String fix;
    if (upper.contains("CHECKSUM")) {
      fix = MigrationSuggestions.targetChecksum(file);
    } else if (upper.contains("FAILED")) {
      fix = MigrationSuggestions.targetFailed();
    } else if (upper.contains("NOT_RESOLVED")) {
      fix = MigrationSuggestions.targetMissing(file);
    } else {
      fix = MigrationSuggestions.targetOther();
    }
    return Finding.error(
        "Target " + targetName + ", " + label + ": " + oneLine(flywaySays) + " [" + code + "]",
        file.isEmpty() ? target.setting() : where.apply(file),
        fix);
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  private static String fileName(String path) {
    String s = path.replace('\\', '/');
    return s.substring(s.lastIndexOf('/') + 1);
  }
}
