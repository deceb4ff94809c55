package org.beelms.plugin.migrations;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.SemanticVersion;

/**
 * Everything migrations-check needs, resolved once and validated here; the Mojo builds it from
 * its parameters, tests build it directly. Passwords live only inside {@link JdbcTarget}, whose
 * {@code toString()} hides them.
 *
 * @param locations the folder Flyway reads migrations from
 * @param scratch where to migrate: empty for an embedded PostgreSQL, else a database whose
 *     throwaway schemas are used and dropped
 * @param target a database (e.g. staging) to report pending, failed, missing and
 *     checksum-mismatched migrations for; empty to skip that part
 * @param releaseVersion the version being released: the previous release is the newest {@code v*}
 *     tag below it (any tag when empty)
 * @param compareWithPrevious whether to check immutability and the upgrade path against the
 *     previous release's tag
 * @param contractSeverity the severity of a finding for a contract migration
 * @param failOn the lowest severity that fails the gate
 * @param reportDirectory where {@code migrations.json} is written; empty to write nothing
 * @param migrationTool whose files {@code locations} holds; {@link MigrationTool#AUTO} recognises
 *     them
 * @param migrationCommand the project's own command that applies the migrations (TypeORM), run
 *     on scratch databases for reproducibility; empty to apply extracted SQL only
 */
public record MigrationsSettings(
    Path locations,
    Optional<JdbcTarget> scratch,
    Optional<JdbcTarget> target,
    Optional<SemanticVersion> releaseVersion,
    boolean compareWithPrevious,
    Severity contractSeverity,
    Severity failOn,
    Optional<Path> reportDirectory,
    MigrationTool migrationTool,
    Optional<MigrationCommand> migrationCommand) {

  public MigrationsSettings {
    Objects.requireNonNull(locations, "locations");
    scratch = scratch == null ? Optional.empty() : scratch;
    target = target == null ? Optional.empty() : target;
    releaseVersion = releaseVersion == null ? Optional.empty() : releaseVersion;
    contractSeverity = contractSeverity == null ? Severity.WARNING : contractSeverity;
    failOn = failOn == null ? Severity.ERROR : failOn;
    reportDirectory = reportDirectory == null ? Optional.empty() : reportDirectory;
    migrationTool = migrationTool == null ? MigrationTool.AUTO : migrationTool;
    migrationCommand = migrationCommand == null ? Optional.empty() : migrationCommand;
    locations = locations.toAbsolutePath().normalize();
  }

  /** The defaults: embedded PostgreSQL, compare with the previous tag, contract = warning. */
  public static MigrationsSettings of(Path locations) {
    return new MigrationsSettings(
        locations, Optional.empty(), Optional.empty(), Optional.empty(), true,
        Severity.WARNING, Severity.ERROR, Optional.empty(), MigrationTool.AUTO, Optional.empty());
  }

  public MigrationsSettings withScratch(JdbcTarget jdbc) {
    return new MigrationsSettings(locations, Optional.of(jdbc), target, releaseVersion,
        compareWithPrevious, contractSeverity, failOn, reportDirectory, migrationTool, migrationCommand);
  }

  public MigrationsSettings withTarget(JdbcTarget jdbc) {
    return new MigrationsSettings(locations, scratch, Optional.of(jdbc), releaseVersion,
        compareWithPrevious, contractSeverity, failOn, reportDirectory, migrationTool, migrationCommand);
  }

  public MigrationsSettings withReleaseVersion(SemanticVersion version) {
    return new MigrationsSettings(locations, scratch, target, Optional.of(version),
        compareWithPrevious, contractSeverity, failOn, reportDirectory, migrationTool, migrationCommand);
  }

  public MigrationsSettings withCompareWithPrevious(boolean compare) {
    return new MigrationsSettings(locations, scratch, target, releaseVersion, compare,
        contractSeverity, failOn, reportDirectory, migrationTool, migrationCommand);
  }

  public MigrationsSettings withSeverities(Severity contract, Severity fail) {
    return new MigrationsSettings(locations, scratch, target, releaseVersion,
        compareWithPrevious, contract, fail, reportDirectory, migrationTool, migrationCommand);
  }

  public MigrationsSettings withReportDirectory(Path directory) {
    return new MigrationsSettings(locations, scratch, target, releaseVersion,
        compareWithPrevious, contractSeverity, failOn, Optional.of(directory), migrationTool, migrationCommand);
  }

  public MigrationsSettings withMigrationTool(MigrationTool tool) {
    return new MigrationsSettings(locations, scratch, target, releaseVersion,
        compareWithPrevious, contractSeverity, failOn, reportDirectory, tool, migrationCommand);
  }

  public MigrationsSettings withMigrationCommand(MigrationCommand command) {
    return new MigrationsSettings(locations, scratch, target, releaseVersion,
        compareWithPrevious, contractSeverity, failOn, reportDirectory, migrationTool,
        Optional.of(command));
  }

  /** {@code text} with every configured password hidden. */
  public String redact(String text) {
    String result = text == null ? "" : text;
    if (scratch.isPresent()) {
      result = scratch.get().redact(result);
    }
    if (target.isPresent()) {
      result = target.get().redact(result);
    }
    return result;
  }
}
