package org.beelms.plugin.migrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseTag;

/**
 * migrations-check's reproducibility through the project's own migration command (TypeORM's
 * {@code migration:run}, or any tool that reads the database from the environment): a fresh
 * scratch migrated at HEAD, a second one migrated in an export of the previous tag and then at
 * HEAD, the two schemas handed to the comparison. Split from {@link MigrationsCheck}, which
 * decides when it runs and records what it found.
 */
final class CommandReproduction {

  private final MigrationsSettings settings;
  private final Optional<ReleaseTag> previousTag;
  private final Consumer<Finding> findings;
  private final Consumer<String> progress;
  private final SchemaComparison.Step comparison;

  CommandReproduction(MigrationsSettings settings, Optional<ReleaseTag> previousTag, Consumer<Finding> findings,
      Consumer<String> progress, SchemaComparison.Step comparison) {
    this.settings = settings;
    this.previousTag = previousTag;
    this.findings = findings;
    this.progress = progress;
    this.comparison = comparison;
  }

  /**
   * The project's command on a fresh scratch at HEAD, and on a second one at the previous tag
   * (an export of its tree) then at HEAD; the two schemas compared. Returns the reproducibility
   * to record when it ends without comparing (no previous release); empty when the comparison
   * recorded it or a failure was reported.
   */
  Optional<String> run(MigrationCommand command, ScratchDatabases scratch)
      throws IOException, SQLException {
    Path log =
        settings.reportDirectory().orElse(Path.of(System.getProperty("java.io.tmpdir")))
            .resolve("migration-command.log");
    Files.deleteIfExists(log);
    ScratchDatabase fresh = scratch.create("fresh");
    ScratchDatabase upgraded = previousTag.isEmpty() ? null : scratch.create("upgrade");
    try {
      Optional<String> failed = command.run(command.directory(), fresh, log);
      if (failed.isPresent()) {
        findings.accept(commandFailure(command, command.directory(), "on a fresh database at HEAD", failed.get(), log));
        return Optional.empty();
      }
      progress.accept("fresh database migrated by `" + command.command() + "`");
      if (upgraded == null) {
        return Optional.of(MigrationsCheckResult.skipped(MigrationsCheck.NO_PREVIOUS));
      }
      String tag = previousTag.get().name();
      Path export = Files.createTempDirectory("beelms-release-" + tag + "-");
      try {
        Path dirAtTag;
        try (ReleaseHistory history = ReleaseHistory.open(settings.locations())) {
          history.exportAt(previousTag.get(), export);
          dirAtTag = export.resolve(history.workTree().relativize(command.directory()).toString());
          if (!linkShared(command, history.workTree(), export, tag)) {
            return Optional.empty();
          }
        }
        failed = command.run(dirAtTag, upgraded, log);
        if (failed.isPresent()) {
          findings.accept(commandFailure(command, dirAtTag, "at " + tag + " (in a temporary export of " + tag
              + ", deleted after the run" + (command.shared().isEmpty() ? "; gitignored folders such as"
              + " node_modules are not in it: name them in <migrationCommandShared>" : "") + ")",
              failed.get(), log));
          return Optional.empty();
        }
        failed = command.run(command.directory(), upgraded, log);
        if (failed.isPresent()) {
          findings.accept(commandFailure(command, command.directory(), "at HEAD on a database migrated at " + tag,
              failed.get(), log));
          return Optional.empty();
        }
      } finally {
        MigrationsCheck.deleteTree(export);
      }
      progress.accept("database upgraded from " + tag + " by `" + command.command() + "`");
      comparison.compare(fresh, upgraded);
      return Optional.empty();
    } finally {
      if (upgraded != null) {
        scratch.drop(upgraded);
      }
      scratch.drop(fresh);
    }
  }

  /**
   * Links each of the command's shared working-tree paths into the export of the previous tag
   * (symbolic links: nothing is copied). False, with an error finding, when one does not exist.
   */
  private boolean linkShared(MigrationCommand command, Path workTree, Path export, String tag)
      throws IOException {
    for (Path shared : command.shared()) {
      String relative = workTree.relativize(shared).toString().replace('\\', '/');
      if (!Files.exists(shared)) {
        findings.accept(Finding.error(
            "<migrationCommandShared> names " + relative + ", which is not in the working tree",
            "<migrationCommandShared> / -Dbeelms.migrations.migrationCommandShared",
            "create it first (e.g. npm ci in its package's folder), or remove it from the list"));
        return false;
      }
      Path link = export.resolve(relative);
      if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        progress.accept(relative + " is in " + tag + "'s tree itself; not linked");
        continue;
      }
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, shared);
      progress.accept("linked " + relative + " of the working tree into the export of " + tag
          + " (symbolic link, not a copy)");
    }
    return true;
  }

  private Finding commandFailure(MigrationCommand command, Path ranIn, String when, String why, Path log) {
    return Finding.error(
        "The migration command `" + command.command() + "` failed " + when + ": " + why
            + " (it ran in " + ranIn + ")",
        "<migrationCommand> / -Dbeelms.migrations.migrationCommand",
        "run it by hand in " + ranIn + " against an empty database (DB_HOST,"
            + " DB_PORT, DB_USER, DB_PASSWORD, DB_NAME, DATABASE_URL); full output in " + log);
  }
}
