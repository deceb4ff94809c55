package org.beelms.plugin.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
              run.pending,
              run.reproducibility);
      MigrationsCheckResult.Provenance provenance =
          new MigrationsCheckResult.Provenance(
              run.toolUsed.id(),
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

  static final String NO_PREVIOUS =
      "no previous release to upgrade from: only a fresh database was migrated";

  /** One execution: the state the steps share. */
  private final class Run {
    private final ReleaseListener listener;
    private final List<Finding> findings = new ArrayList<>();
    private final List<MigrationReport> reports = new ArrayList<>();
    private final List<PendingMigration> pending = new ArrayList<>();
    private Optional<ReleaseTag> previousTag = Optional.empty();
    /** The tool whose migrations were read; Flyway until the folder says otherwise. */
    private MigrationTool toolUsed = MigrationTool.FLYWAY;
    private MigrationSet previous;
    private java.util.Map<String, byte[]> previousTree;
    private String previousDir = "";
    private Path sqlLocations = settings.locations();
    private final java.util.Map<String, String> sqlSources = new java.util.HashMap<>();
    private UnaryOperator<String> where;
    private UnaryOperator<String> gitPath = p -> p;
    /**
     * Whether a fresh database and one upgraded from the previous release were compared: {@value
     * MigrationsCheckResult#REPRODUCIBILITY_CHECKED} only once they were; otherwise {@code skipped
     * (<why>)}, never read as checked.
     */
    private String reproducibility = MigrationsCheckResult.skipped("the database checks did not run");

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
      TypeOrmMigrationSet typeorm = TypeOrmMigrationSet.scan(locations);
      FolderContents contents = FolderContents.of(locations, current, typeorm);
      Optional<MigrationTool> tool = contents.tool(settings.migrationTool());
      readPrevious(locations);
      if (tool.isEmpty()) {
        findings.add(contents.unrecognised(settings.migrationTool(), LOCATIONS));
        return;
      }
      toolUsed = tool.get();
      if (tool.get() == MigrationTool.TYPEORM) {
        executeTypeOrm(typeorm);
        settings.target().ifPresent(t -> checkTypeOrmTarget(t, typeorm));
      } else {
        executeFlyway(current);
        settings.target().ifPresent(this::checkTarget);
      }
    }

    /** An empty folder passes only when the previous release had no migrations there either. */
    private void nothingToCheck() {
      Path locations = settings.locations();
      reproducibility = MigrationsCheckResult.skipped("no migrations in " + locations);
      int releasedCount =
          previousTree == null
              ? 0
              : MigrationSet.fromTree(previousTree, previousDir).migrations().size()
                  + TypeOrmMigrationSet.fromTree(previousTree, previousDir).migrations().size();
      if (releasedCount > 0) {
        findings.add(
            Finding.error(
                "No migrations in " + locations + ", but " + previousTag.get().name() + " released "
                    + releasedCount + " there: the gate cannot see this release's migrations",
                LOCATIONS,
                "point <locations> (-Dbeelms.migrations.locations) at the folder that holds the"
                    + " migrations now (git show " + previousTag.get().name() + " --stat), or"
                    + " restore them"));
      } else {
        findings.add(Finding.info("No migrations in " + locations + " (nor in the previous release)", LOCATIONS));
      }
    }

    private void executeFlyway(MigrationSet current) throws IOException, SQLException {
      Path locations = settings.locations();
      progress(current.migrations().size() + " Flyway migration(s) in " + locations);
      previous = previousTree == null ? null : MigrationSet.fromTree(previousTree, previousDir);
      if (previous != null) {
        progress(
            "previous release " + previousTag.get().name() + ": "
                + previous.migrations().size() + " migration(s)");
      }
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
        nothingToCheck();
      } else if (NamingRules.blocksFlyway(current)) {
        reproducibility = MigrationsCheckResult.skipped("Flyway cannot run until the names are fixed");
        findings.add(
            Finding.info(
                "Database checks skipped: Flyway cannot run until the names above are fixed",
                LOCATIONS));
      } else {
        onDatabase(current);
      }
    }

    private void executeTypeOrm(TypeOrmMigrationSet current) throws IOException, SQLException {
      Path locations = settings.locations();
      progress(current.migrations().size() + " TypeORM migration(s) in " + locations);
      TypeOrmMigrationSet released =
          previousTree == null ? null : TypeOrmMigrationSet.fromTree(previousTree, previousDir);
      if (released != null) {
        progress(
            "previous release " + previousTag.get().name() + ": "
                + released.migrations().size() + " TypeORM migration(s)");
      }
      List<Finding> naming = TypeOrmChecks.naming(current, where);
      findings.addAll(naming);
      if (released != null) {
        findings.addAll(
            TypeOrmChecks.released(released, current, previousTag.get().name(), where, gitPath));
      }
      for (MigrationReport report : TypeOrmChecks.classify(TypeOrmChecks.newMigrations(released, current))) {
        report(report);
      }
      if (current.migrations().isEmpty()) {
        nothingToCheck();
        return;
      }
      if (!naming.isEmpty()) {
        reproducibility = MigrationsCheckResult.skipped("TypeORM cannot run until the classes are fixed");
        findings.add(
            Finding.info(
                "Database checks skipped: TypeORM cannot run until the classes above are fixed",
                LOCATIONS));
        return;
      }
      if (settings.migrationCommand().isPresent()) {
        MigrationCommand command = settings.migrationCommand().get();
        CommandReproduction reproduction =
            new CommandReproduction(settings, previousTag, findings::add, this::progress, this::compare);
        onScratch(scratch -> reproduction.run(command, scratch).ifPresent(r -> reproducibility = r));
        return;
      }
      List<TypeOrmMigration> needCommand =
          current.migrations().stream().filter(m -> !m.isPlainSql()).toList();
      if (released != null) {
        needCommand =
            java.util.stream.Stream.concat(
                    needCommand.stream(),
                    released.migrations().stream().filter(m -> !m.isPlainSql())
                        .filter(m -> current.byPath(m.relativePath()).isEmpty()))
                .toList();
      }
      if (!needCommand.isEmpty()) {
        reproducibility = MigrationsCheckResult.skipped(needCommand.size() + " TypeORM migration(s)"
            + " use the QueryRunner API or SQL not read, and no <migrationCommand> is set");
        findings.add(
            Finding.warning(
                "Reproducibility not checked: " + needCommand.size() + " TypeORM migration(s) use"
                    + " the QueryRunner API or computed SQL, which only TypeORM itself can run: "
                    + needCommand.stream().map(TypeOrmMigration::fileName).limit(10)
                        .collect(java.util.stream.Collectors.joining(", "))
                    + (needCommand.size() > 10 ? ", ..." : ""),
                LOCATIONS,
                "set <migrationCommand> (-Dbeelms.migrations.migrationCommand), e.g. `npm --prefix be"
                    + " run migration:run`, to run the project's own migrations on a scratch database"));
        return;
      }
      sqlSources.clear();
      for (TypeOrmMigration m : current.migrations()) {
        sqlSources.put(m.flywayName(), m.relativePath());
      }
      previous = released == null ? null : released.asSqlSet();
      Path extracted = Files.createTempDirectory("beelms-typeorm-sql-");
      try {
        current.asSqlSet().writeTo(extracted);
        sqlLocations = extracted;
        onDatabase(current.asSqlSet());
      } finally {
        sqlLocations = settings.locations();
        deleteTree(extracted);
      }
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
        previousTree = history.readTreeAt(previousTag.get(), gitDir);
        previousDir = gitDir;
      }
    }

    private void classify(List<MigrationFile> newOnes) {
      SafetyClassifier classifier = new SafetyClassifier();
      for (MigrationFile file : newOnes) {
        report(classifier.classify(file));
      }
    }

    /** Records {@code report} and its contract and lock findings. */
    private void report(MigrationReport report) {
      reports.add(report);
      String fileName = report.file().substring(report.file().lastIndexOf('/') + 1);
      progress(fileName + ": " + report.safetyClass().label()
          + (report.down().isEmpty() ? "" : ", down(): " + report.down()));
      String whereFile = where.apply(report.file());
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
                fileName + " is a contract migration: " + why,
                whereFile + ":" + first.line(),
                MigrationSuggestions.contract(fileName),
                ""));
      }
      if (!report.unknownReasons().isEmpty()) {
        SafetyReason first = report.unknownReasons().get(0);
        findings.add(
            new Finding(
                settings.contractSeverity(),
                fileName + " is classed unknown, not read: "
                    + report.unknownReasons().stream()
                        .map(r -> r.why() + " (line " + r.line() + ": " + r.statement() + ")")
                        .reduce((a, b) -> a + "; " + b).orElse(""),
                whereFile + ":" + first.line(),
                "review it by hand: rewrite it as plain statements the check reads (literal SQL in"
                    + " queryRunner.query, no helper), or know that a rollback over it is refused"
                    + " unless forced with -Dbeelms.rollback.force=<reason>",
                ""));
      }
      for (LockWarning lock : report.lockWarnings()) {
        findings.add(
            Finding.warning(
                fileName + ": " + lock.why() + ": " + lock.statement(),
                whereFile + ":" + lock.line(),
                lock.fix()));
      }
    }

    private void onDatabase(MigrationSet current) throws IOException, SQLException {
      FlywayReproduction reproduction = new FlywayReproduction(
          sqlLocations, previous, previousTag, findings::add, this::progress, this::sqlFailure, this::compare);
      onScratch(scratch -> reproduction.run(scratch).ifPresent(r -> reproducibility = r));
    }

    /** Runs {@code use} on the shared scratch server, or on one started (and stopped) for it. */
    private void onScratch(ScratchUse use) throws IOException, SQLException {
      if (shared != null) {
        use.on(shared);
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
        use.on(scratch);
      }
    }

    private void compare(ScratchDatabase fresh, ScratchDatabase upgraded) throws SQLException {
      SchemaComparison comparison = SchemaComparison.of(fresh, upgraded, previousTag.get().name());
      findings.addAll(comparison.findings());
      progress("schemas compared: " + comparison.objects() + " objects");
      reproducibility = MigrationsCheckResult.REPRODUCIBILITY_CHECKED;
    }

    private Finding sqlFailure(String what, FlywayRunner.MigrateFailure failure) {
      String file = sqlSources.getOrDefault(failure.file(), failure.file());
      String whereText =
          file.isEmpty() ? LOCATIONS : where.apply(file) + (failure.line() > 0 ? ":" + failure.line() : "");
      return Finding.error(
          what + (file.isEmpty() ? "" : " at " + file) + ": " + failure.message(),
          whereText,
          MigrationSuggestions.fixSql(file.isEmpty() ? "the migration" : file));
    }

    private void checkTypeOrmTarget(JdbcTarget target, TypeOrmMigrationSet current) {
      progress("reading TypeORM's migrations table on the target database " + target.safeUrl());
      TargetDatabaseCheck.Outcome outcome = new TypeOrmTargetCheck(target, current, where).run();
      pending.addAll(outcome.pending());
      findings.addAll(outcome.findings());
    }

    private void checkTarget(JdbcTarget target) {
      progress("reading the target database " + target.safeUrl());
      TargetDatabaseCheck.Outcome outcome =
          new TargetDatabaseCheck(target, settings.locations(), where).run();
      pending.addAll(outcome.pending());
      findings.addAll(outcome.findings());
    }
  }

  /** Something to do on a scratch server. */
  @FunctionalInterface
  private interface ScratchUse {
    void on(ScratchDatabases scratch) throws IOException, SQLException;
  }

  static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
