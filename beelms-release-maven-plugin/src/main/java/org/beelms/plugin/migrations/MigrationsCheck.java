package org.beelms.plugin.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseTag;

/**
 * The {@code migrations-check} gate: Flyway naming and order, immutability of the migrations
 * released at the previous {@code v*} tag, reproducibility on a real PostgreSQL (fresh database
 * vs one upgraded from the previous release, compared through the catalog), the expand/contract
 * class and lock warnings of every new migration, and, when a target database is configured,
 * what the release will apply there.
 *
 * <pre>{@code
 * MigrationsCheckResult result =
 *     new MigrationsCheck(MigrationsSettings.of(Path.of("src/main/resources/db/migration")))
 *         .run(ReleaseListener.NONE);
 * result.gate().failed();      // the verdict
 * result.migrations();         // MigrationReport per new migration: EXPAND or CONTRACT, reasons
 * }</pre>
 */
public final class MigrationsCheck implements Gate {

  public static final String NAME = "migrations-check";

  private static final String LOCATIONS = "<locations> / -Dbeelms.migrations.locations";

  private final MigrationsSettings settings;
  private final ScratchDatabases shared;

  /** A check that starts (and stops) its own embedded PostgreSQL, or uses the JDBC URL given. */
  public MigrationsCheck(MigrationsSettings settings) {
    this(settings, null);
  }

  /**
   * A check that migrates in {@code scratch}, owned by the caller (e.g. one embedded server for a
   * whole test class); the scratches it creates are still dropped when it finishes.
   */
  public MigrationsCheck(MigrationsSettings settings, ScratchDatabases scratch) {
    this.settings = settings;
    this.shared = scratch;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    MigrationsCheckResult result = run(listener);
    return result.gate();
  }

  /**
   * Runs every check and writes {@code migrations.json} when a report directory is set.
   *
   * @throws IOException when the embedded PostgreSQL cannot start or files cannot be read
   * @throws SQLException when a scratch database cannot be created or read
   */
  public MigrationsCheckResult run(ReleaseListener listener) throws IOException, SQLException {
    long start = System.nanoTime();
    try {
      Run run = new Run(listener);
      run.execute();
      GateResult gate =
          GateResult.of(
              NAME,
              Duration.ofNanos(System.nanoTime() - start),
              run.findings.stream().map(this::redacted).toList(),
              settings.failOn());
      MigrationsCheckResult result =
          new MigrationsCheckResult(
              gate,
              run.previousTag.map(ReleaseTag::name),
              run.reports,
              run.pending);
      MigrationsCheckResult.Provenance provenance =
          new MigrationsCheckResult.Provenance(
              MigrationsCheckResult.TOOL,
              settings.releaseVersion().map(Object::toString).orElse(""),
              headCommit(settings.locations()));
      settings.reportDirectory().ifPresent(dir -> result.writeJson(dir, provenance));
      return result;
    } catch (SQLException e) {
      throw new SQLException(
          "migrations-check could not use PostgreSQL: " + settings.redact(e.getMessage()),
          e.getSQLState(),
          safeCause(e));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "migrations-check could not run: " + settings.redact(String.valueOf(e.getMessage())),
          safeCause(e));
    }
  }

  /** The SHA of HEAD in the repository holding {@code locations}; empty outside git. */
  private static String headCommit(Path locations) {
    try (ReleaseHistory history = ReleaseHistory.open(locations)) {
      return history.head().map(c -> c.getId().name()).orElse("");
    } catch (IllegalArgumentException notInGit) {
      return "";
    }
  }

  /** {@code e} when no message in its chain shows a password, else null (the message is kept). */
  private Throwable safeCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (!settings.redact(m).equals(m)) {
        return null;
      }
    }
    return e;
  }

  private Finding redacted(Finding f) {
    return new Finding(
        f.severity(),
        settings.redact(f.message()),
        settings.redact(f.where()),
        settings.redact(f.fix()),
        f.checklistId());
  }

  /** One execution: the state the steps share. */
  private final class Run {
    private final ReleaseListener listener;
    private final List<Finding> findings = new ArrayList<>();
    private final List<MigrationReport> reports = new ArrayList<>();
    private final List<PendingMigration> pending = new ArrayList<>();
    private Optional<ReleaseTag> previousTag = Optional.empty();
    private MigrationSet previous;
    private UnaryOperator<String> where;
    private UnaryOperator<String> gitPath = p -> p;

    Run(ReleaseListener listener) {
      this.listener = listener;
      Path locations = settings.locations();
      this.where = p -> locations.resolve(p).toString();
    }

    void execute() throws IOException, SQLException {
      Path locations = settings.locations();
      if (!Files.isDirectory(locations)) {
        findings.add(
            Finding.error(
                "The migrations folder " + locations + " does not exist",
                LOCATIONS,
                MigrationSuggestions.missingLocations()));
        return;
      }
      MigrationSet current = MigrationSet.scan(locations);
      progress(current.migrations().size() + " migration(s) in " + locations);
      readPrevious(locations);
      findings.addAll(NamingRules.check(current, where));
      List<MigrationFile> newOnes = current.migrations();
      if (previous != null) {
        ReleasedMigrations released =
            new ReleasedMigrations(previous, current, previousTag.get().name(), where, gitPath);
        findings.addAll(released.immutability());
        findings.addAll(released.order());
        newOnes = released.newMigrations();
      }
      classify(newOnes);
      if (current.migrations().isEmpty()) {
        findings.add(Finding.info("No migrations in " + locations, LOCATIONS));
      } else if (NamingRules.blocksFlyway(current)) {
        findings.add(
            Finding.info(
                "Database checks skipped: Flyway cannot run until the names above are fixed",
                LOCATIONS));
      } else {
        onDatabase(current);
      }
      settings.target().ifPresent(this::checkTarget);
    }

    private void progress(String message) {
      listener.progress(NAME, settings.redact(message));
    }

    private void readPrevious(Path locations) {
      if (!settings.compareWithPrevious()) {
        progress("not comparing with the previous release (compareWithPrevious=false)");
        return;
      }
      ReleaseHistory history;
      try {
        history = ReleaseHistory.open(locations);
      } catch (IllegalArgumentException e) {
        findings.add(
            Finding.warning(
                "Released migrations not checked: " + e.getMessage(),
                LOCATIONS,
                MigrationSuggestions.noGitRepository()));
        return;
      }
      try (history) {
        String gitDir = history.gitPath(locations);
        where = p -> gitDir.isEmpty() ? p : gitDir + "/" + p;
        gitPath = where;
        previousTag = history.previousRelease(settings.releaseVersion());
        if (previousTag.isEmpty()) {
          findings.add(
              Finding.info(
                  "No previous v* release tag"
                      + settings.releaseVersion().map(v -> " below " + v).orElse("")
                      + ": every migration counts as new",
                  gitDir));
          return;
        }
        previous = MigrationSet.fromTree(history.readTreeAt(previousTag.get(), gitDir), gitDir);
        progress(
            "previous release " + previousTag.get().name() + ": "
                + previous.migrations().size() + " migration(s)");
      }
    }

    private void classify(List<MigrationFile> newOnes) {
      SafetyClassifier classifier = new SafetyClassifier();
      for (MigrationFile file : newOnes) {
        MigrationReport report = classifier.classify(file);
        reports.add(report);
        progress(file.fileName() + ": " + report.safetyClass().name().toLowerCase());
        String whereFile = where.apply(file.relativePath());
        if (report.isContract()) {
          SafetyReason first = report.contractReasons().get(0);
          String why =
              report.contractReasons().stream()
                  .map(r -> r.why() + " (line " + r.line() + ")")
                  .reduce((a, b) -> a + "; " + b)
                  .orElse("");
          findings.add(
              new Finding(
                  settings.contractSeverity(),
                  file.fileName() + " is a contract migration: " + why,
                  whereFile + ":" + first.line(),
                  MigrationSuggestions.contract(file.fileName()),
                  ""));
        }
        for (LockWarning lock : report.lockWarnings()) {
          findings.add(
              Finding.warning(
                  file.fileName() + ": " + lock.why() + ": " + lock.statement(),
                  whereFile + ":" + lock.line(),
                  lock.fix()));
        }
      }
    }

    private void onDatabase(MigrationSet current) throws IOException, SQLException {
      if (shared != null) {
        onDatabase(current, shared);
        return;
      }
      long t0 = System.nanoTime();
      try (ScratchDatabases scratch =
          settings.scratch().isPresent()
              ? ScratchDatabases.onJdbc(settings.scratch().get())
              : ScratchDatabases.startEmbedded()) {
        if (scratch.isEmbedded()) {
          progress("embedded PostgreSQL started in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        onDatabase(current, scratch);
      }
    }

    /**
     * Migrates the fresh scratch (on a helper thread) while the upgrade path runs on this one:
     * both are independent until the schemas are compared.
     */
    private void onDatabase(MigrationSet current, ScratchDatabases scratch)
        throws IOException, SQLException {
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
            worker.submit(() -> FlywayRunner.migrate(FlywayRunner.fresh(fresh, settings.locations())));
        Optional<Finding> upgradeFailure =
            upgraded == null ? Optional.empty() : upgradeFromPrevious(upgraded);
        Optional<FlywayRunner.MigrateFailure> freshFailure = await(freshRun);
        if (freshFailure.isPresent()) {
          findings.add(sqlFailure("Migrating a fresh database failed", freshFailure.get()));
          return;
        }
        progress("fresh database migrated");
        if (upgraded == null) {
          return;
        }
        if (upgradeFailure.isPresent()) {
          findings.add(upgradeFailure.get());
          return;
        }
        progress("database upgraded from " + previousTag.get().name());
        compare(fresh, upgraded);
      } finally {
        worker.shutdownNow();
        if (upgraded != null) {
          scratch.drop(upgraded);
        }
        scratch.drop(fresh);
      }
    }

    private Optional<FlywayRunner.MigrateFailure> await(
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
              sqlFailure("The migrations released in " + tag + " no longer run from scratch", old.get()));
        }
        Optional<FlywayRunner.MigrateFailure> up =
            FlywayRunner.migrate(FlywayRunner.upgrade(upgraded, settings.locations()));
        return up.map(
            f -> sqlFailure("Upgrading a database from " + tag + " to this release failed", f));
      } finally {
        deleteTree(released);
      }
    }

    private void compare(ScratchDatabase fresh, ScratchDatabase upgraded) throws SQLException {
      SchemaSnapshot a = snapshot(fresh);
      SchemaSnapshot b = snapshot(upgraded);
      String tag = previousTag.get().name();
      for (SchemaSnapshot.Difference d : a.differences(b)) {
        String detail;
        if (d.expected().isEmpty()) {
          detail = "only in the database upgraded from " + tag + ": " + d.actual();
        } else if (d.actual().isEmpty()) {
          detail = "only in the fresh database: " + d.expected();
        } else {
          detail = "fresh has '" + d.expected() + "', upgraded from " + tag + " has '" + d.actual() + "'";
        }
        findings.add(
            Finding.error(
                "Not reproducible: " + d.object() + " differs between a fresh database and one"
                    + " upgraded from " + tag + ": " + detail,
                "schema: " + d.object(),
                MigrationSuggestions.reproducible()));
      }
      progress("schemas compared: " + a.asMap().size() + " objects");
    }

    private SchemaSnapshot snapshot(ScratchDatabase db) throws SQLException {
      try (Connection c = ScratchDatabases.connect(db.connection())) {
        return SchemaSnapshot.read(c, db.schema());
      }
    }

    private Finding sqlFailure(String what, FlywayRunner.MigrateFailure failure) {
      String file = failure.file();
      String whereText =
          file.isEmpty() ? LOCATIONS : where.apply(file) + (failure.line() > 0 ? ":" + failure.line() : "");
      return Finding.error(
          what + (file.isEmpty() ? "" : " at " + file) + ": " + failure.message(),
          whereText,
          MigrationSuggestions.fixSql(file.isEmpty() ? "the migration" : file));
    }

    private void checkTarget(JdbcTarget target) {
      progress("reading the target database " + target.safeUrl());
      TargetDatabaseCheck.Outcome outcome =
          new TargetDatabaseCheck(target, settings.locations(), where).run();
      pending.addAll(outcome.pending());
      findings.addAll(outcome.findings());
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
