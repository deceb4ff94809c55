package org.beelms.plugin.migrations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.git.ReleaseTag;

/**
 * migrations-check's reproducibility for Flyway SQL migrations: a fresh scratch migrated with
 * this release's files (on a helper thread) while a second one is migrated with the previous
 * release's files and then this release's; the two schemas handed to the comparison. Split from
 * {@link MigrationsCheck}, which decides when it runs and records what it found.
 */
final class FlywayReproduction {

  /** A finding for a failed Flyway run, naming the migration file and line. */
  @FunctionalInterface
  interface SqlFailure {
    Finding of(String what, FlywayRunner.MigrateFailure failure);
  }

  private final Path sqlLocations;
  private final MigrationSet previous;
  private final Optional<ReleaseTag> previousTag;
  private final Consumer<Finding> findings;
  private final Consumer<String> progress;
  private final SqlFailure sqlFailure;
  private final SchemaComparison.Step comparison;

  /**
   * @param previous the previous release's migrations; null when there is none to upgrade from
   */
  FlywayReproduction(Path sqlLocations, MigrationSet previous, Optional<ReleaseTag> previousTag,
      Consumer<Finding> findings, Consumer<String> progress, SqlFailure sqlFailure,
      SchemaComparison.Step comparison) {
    this.sqlLocations = sqlLocations;
    this.previous = previous;
    this.previousTag = previousTag;
    this.findings = findings;
    this.progress = progress;
    this.sqlFailure = sqlFailure;
    this.comparison = comparison;
  }

  /**
   * Migrates the fresh scratch (on a helper thread) while the upgrade path runs on this one:
   * both are independent until the schemas are compared. Returns the reproducibility to record
   * when it ends without comparing (no previous release); empty when the comparison recorded it
   * or a failure was reported.
   */
  Optional<String> run(ScratchDatabases scratch) throws IOException, SQLException {
    ScratchDatabase fresh = scratch.create("fresh");
    ScratchDatabase upgraded = previous == null ? null : scratch.create("upgrade");
    ExecutorService worker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "beelms-migrations-fresh");
              t.setDaemon(true);
              return t;
            });
    try {
      Future<Optional<FlywayRunner.MigrateFailure>> freshRun =
          worker.submit(() -> FlywayRunner.migrate(FlywayRunner.fresh(fresh, sqlLocations)));
      Optional<Finding> upgradeFailure =
          upgraded == null ? Optional.empty() : upgradeFromPrevious(upgraded);
      Optional<FlywayRunner.MigrateFailure> freshFailure = await(freshRun);
      if (freshFailure.isPresent()) {
        findings.accept(sqlFailure.of("Migrating a fresh database failed", freshFailure.get()));
        return Optional.empty();
      }
      progress.accept("fresh database migrated");
      if (upgraded == null) {
        return Optional.of(MigrationsCheckResult.skipped(MigrationsCheck.NO_PREVIOUS));
      }
      if (upgradeFailure.isPresent()) {
        findings.accept(upgradeFailure.get());
        return Optional.empty();
      }
      progress.accept("database upgraded from " + previousTag.get().name());
      comparison.compare(fresh, upgraded);
      return Optional.empty();
    } finally {
      worker.shutdownNow();
      if (upgraded != null) {
        scratch.drop(upgraded);
      }
      scratch.drop(fresh);
    }
  }

  private static Optional<FlywayRunner.MigrateFailure> await(
      Future<Optional<FlywayRunner.MigrateFailure>> run) throws IOException {
    try {
      return run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while migrating the fresh database", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("migrating the fresh database failed: " + e.getCause(), e.getCause());
    }
  }

  /** Migrates {@code upgraded} with the previous release, then this one; a finding if it fails. */
  private Optional<Finding> upgradeFromPrevious(ScratchDatabase upgraded) throws IOException {
    String tag = previousTag.get().name();
    Path released = Files.createTempDirectory("beelms-migrations-" + tag + "-");
    try {
      previous.writeTo(released);
      Optional<FlywayRunner.MigrateFailure> old =
          FlywayRunner.migrate(FlywayRunner.fresh(upgraded, released));
      if (old.isPresent()) {
        return Optional.of(
            sqlFailure.of("The migrations released in " + tag + " no longer run from scratch", old.get()));
      }
      Optional<FlywayRunner.MigrateFailure> up =
          FlywayRunner.migrate(FlywayRunner.upgrade(upgraded, sqlLocations));
      return up.map(
          f -> sqlFailure.of("Upgrading a database from " + tag + " to this release failed", f));
    } finally {
      MigrationsCheck.deleteTree(released);
    }
  }
}
