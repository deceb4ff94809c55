package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.git.TempGitRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrations-check on TypeORM migrations shaped like beelms core's {@code be/src/migrations}: a
 * real git repository in a temporary folder whose {@code v0.1.0} tag released 8 migrations, 3
 * added since, and one defect injected per test; a real embedded PostgreSQL for the SQL path and
 * the target's {@code migrations} table.
 */
class TypeOrmMigrationsCheckTest {

  private static final String MIGRATIONS = "be/src/migrations";
  private static final Path FIXTURE = Path.of("src/test/resources/migrations/typeorm");

  private static ScratchDatabases postgres;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = ScratchDatabases.startEmbedded();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  /** v0.1.0 holds the released/ migrations; HEAD adds the added/ ones. */
  private TempGitRepo repo() throws IOException {
    TempGitRepo repo = TempGitRepo.init(dir);
    copyAll(repo, FIXTURE.resolve("released"));
    repo.commitAll("feat: first migrations");
    repo.tag("v0.1.0");
    copyAll(repo, FIXTURE.resolve("added"));
    repo.commitAll("feat: quizzes");
    return repo;
  }

  private static void copyAll(TempGitRepo repo, Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(f -> repo.copy(f, MIGRATIONS + "/" + f.getFileName()));
    }
  }

  private MigrationsSettings settings() {
    return MigrationsSettings.of(dir.resolve(MIGRATIONS))
        .withReleaseVersion(SemanticVersion.parse("0.2.0").orElseThrow())
        .withReportDirectory(dir.resolve("target/beelms-release"));
  }

  private static MigrationsCheckResult check(MigrationsSettings settings) throws Exception {
    return new MigrationsCheck(settings, postgres).run(ReleaseListener.NONE);
  }

  private static List<Finding> at(MigrationsCheckResult result, Severity severity) {
    return result.gate().findings().stream().filter(f -> f.severity() == severity).toList();
  }

  private static String describe(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.severity() + " " + f.message() + " @ " + f.where())
        .collect(Collectors.joining("\n"));
  }

  private static Finding onlyError(MigrationsCheckResult result) {
    List<Finding> errors = at(result, Severity.ERROR);
    assertEquals(1, errors.size(), () -> describe(result.gate().findings()));
    return errors.get(0);
  }

  @Test
  void fixturePassesWithTheNewMigrationsClassedAndReproducibilityNamedAsSkipped() throws Exception {
    try (TempGitRepo repo = repo()) {
      MigrationsCheckResult result = check(settings());

      assertEquals(GateStatus.PASSED, result.gate().status(), () -> describe(result.gate().findings()));
      assertEquals(List.of("1716000800000-AddCourseSubtitle.ts", "1716000900000-CreateQuizzes.ts",
              "1716001000000-AddWikiPageTitle.ts"),
          result.migrations().stream().map(MigrationReport::file).toList());
      assertTrue(result.migrations().stream().allMatch(m -> m.tool().equals("typeorm")));
      assertTrue(result.migrations().stream().allMatch(m -> m.safetyClass() == SafetyClass.EXPAND),
          () -> result.migrations().toString());
      assertTrue(result.migrations().stream().allMatch(m -> m.down().equals("undoes up()")),
          () -> result.migrations().stream().map(MigrationReport::down).toList().toString());
      Finding skipped = at(result, Severity.WARNING).stream()
          .filter(f -> f.message().startsWith("Reproducibility not checked")).findFirst().orElseThrow();
      assertTrue(skipped.message().contains("1716000100000-CreateCourses.ts"), skipped.message());
      assertTrue(skipped.fix().contains("migrationCommand"), skipped.fix());
      assertTrue(result.reproducibility().startsWith("skipped (")
          && result.reproducibility().contains("no <migrationCommand>"), result.reproducibility());
      assertEquals(result.reproducibility(), MigrationsCheckResult.readReproducibility(
          dir.resolve("target/beelms-release/migrations.json")));
      List<MigrationReport> written =
          MigrationsCheckResult.readReports(dir.resolve("target/beelms-release/migrations.json"));
      assertEquals("typeorm", written.get(0).tool());
      assertEquals("undoes up()", written.get(0).down());
      // The record's provenance names the tool that read the folder, not a Flyway default.
      assertEquals("typeorm", MigrationsCheckResult.readProvenance(
          dir.resolve("target/beelms-release/migrations.json")).tool());
    }
  }

  @Test
  void flywayOnATypeOrmFolderIsAnErrorThatNamesWhatItFound() throws Exception {
    try (TempGitRepo repo = repo()) {
      Finding error = onlyError(check(settings().withMigrationTool(MigrationTool.FLYWAY)));

      assertTrue(error.message().endsWith(
              "holds 11 .ts files, none named V<version>__<desc>.sql: set migrationTool=typeorm?"),
          error.message());
    }
  }

  @Test
  void aFolderOfFilesNoToolRecognisesIsAnError() throws Exception {
    Files.createDirectories(dir.resolve(MIGRATIONS));
    Files.writeString(dir.resolve(MIGRATIONS + "/index.ts"), "export const migrations = [];\n");
    Files.writeString(dir.resolve(MIGRATIONS + "/README.md"), "# migrations\n");

    Finding error = onlyError(check(settings().withCompareWithPrevious(false)));

    assertTrue(error.message().contains("holds 1 .md file, 1 .ts file, none named"), error.message());
  }

  @Test
  void noMigrationsFailsWhenThePreviousReleaseHadSome() throws Exception {
    try (TempGitRepo repo = repo()) {
      try (Stream<Path> files = Files.list(dir.resolve(MIGRATIONS))) {
        files.forEach(f -> repo.delete(MIGRATIONS + "/" + f.getFileName()));
      }
      Files.createDirectories(dir.resolve(MIGRATIONS));
      repo.write(MIGRATIONS + "/.gitkeep", "").commitAll("move migrations");

      MigrationsCheckResult result = check(settings());

      assertEquals(GateStatus.FAILED, result.gate().status());
      assertTrue(at(result, Severity.ERROR).stream()
              .anyMatch(f -> f.message().contains("but v0.1.0 released 8 there")),
          () -> describe(result.gate().findings()));
    }
  }

  @Test
  void editedReleasedMigrationIsAnError() throws Exception {
    try (TempGitRepo repo = repo()) {
      String file = MIGRATIONS + "/1716000200000-AddCourseIsPaid.ts";
      repo.write(file, Files.readString(dir.resolve(file)).replace("DEFAULT false", "DEFAULT true"))
          .commitAll("edit released");

      Finding error = onlyError(check(settings()));

      assertTrue(error.message().startsWith(
          "1716000200000-AddCourseIsPaid.ts was released in v0.1.0 and has been edited since"), error.message());
      assertEquals(file, error.where());
      assertTrue(error.fix().contains("git checkout v0.1.0 -- " + file), error.fix());
    }
  }

  @Test
  void reformattedReleasedMigrationIsReportedAsFormattingOnly() throws Exception {
    try (TempGitRepo repo = repo()) {
      String file = MIGRATIONS + "/1716000200000-AddCourseIsPaid.ts";
      repo.write(file, Files.readString(dir.resolve(file)).replace("  ", "    ").replace(";\n", "\n"))
          .commitAll("prettier");

      MigrationsCheckResult result = check(settings());

      assertEquals(List.of(), at(result, Severity.ERROR));
      assertTrue(at(result, Severity.INFO).stream()
              .anyMatch(f -> f.message().contains("AddCourseIsPaid.ts was released in v0.1.0 and only its formatting changed")),
          () -> describe(result.gate().findings()));
    }
  }

  @Test
  void deletedAndRenamedReleasedMigrationsAreErrors() throws Exception {
    try (TempGitRepo repo = repo()) {
      String users = MIGRATIONS + "/1716000000000-CreateUsers.ts";
      String index = MIGRATIONS + "/1716000300000-CreateCourseTitleIndex.ts";
      String renamed = MIGRATIONS + "/1716000300000-CreateCourseIndex.ts";
      repo.write(renamed, Files.readString(dir.resolve(index)).replace("CreateCourseTitleIndex", "CreateCourseIndex"))
          .delete(index).delete(users).commitAll("tidy");

      MigrationsCheckResult result = check(settings());

      List<String> errors = at(result, Severity.ERROR).stream().map(Finding::message).toList();
      assertEquals(2, errors.size(), () -> describe(result.gate().findings()));
      assertTrue(errors.get(0).startsWith("1716000000000-CreateUsers.ts was released in v0.1.0 and has been deleted"), errors.get(0));
      assertTrue(errors.get(1).startsWith("1716000300000-CreateCourseTitleIndex.ts was released in v0.1.0 and has been"
          + " renamed to 1716000300000-CreateCourseIndex.ts"), errors.get(1));
    }
  }

  @Test
  void newMigrationBelowTheNewestReleasedOneIsOutOfOrder() throws Exception {
    try (TempGitRepo repo = repo()) {
      repo.write(MIGRATIONS + "/1716000650000-AddUserBio.ts", sqlMigration("AddUserBio", 1716000650000L,
              "ALTER TABLE \"users\" ADD \"bio\" text", "ALTER TABLE \"users\" DROP COLUMN \"bio\""))
          .commitAll("bio");

      Finding error = onlyError(check(settings()));

      assertTrue(error.message().startsWith("1716000650000-AddUserBio.ts is new since v0.1.0 but its timestamp"
          + " 1716000650000 is below 1716000700000"), error.message());
    }
  }

  @Test
  void duplicateTimestampIsAnError() throws Exception {
    try (TempGitRepo repo = repo()) {
      repo.write(MIGRATIONS + "/1716001000000-AddCourseLevel.ts", sqlMigration("AddCourseLevel", 1716001000000L,
              "ALTER TABLE \"courses\" ADD \"level\" integer", "ALTER TABLE \"courses\" DROP COLUMN \"level\""))
          .commitAll("level");

      Finding error = onlyError(check(settings()));

      assertEquals("Duplicate migration timestamp 1716001000000: 1716001000000-AddCourseLevel.ts,"
          + " 1716001000000-AddWikiPageTitle.ts", error.message());
    }
  }

  @Test
  void contractDropAndNotNullWithoutDefaultAreContractWithReasons() throws Exception {
    try (TempGitRepo repo = repo()) {
      repo.write(MIGRATIONS + "/1716002000000-DropPasswordHash.ts",
              "import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';\n\n"
                  + "export class DropPasswordHash1716002000000 implements MigrationInterface {\n"
                  + "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
                  + "    await queryRunner.dropColumn('users', 'password_hash');\n"
                  + "    await queryRunner.addColumn('courses', new TableColumn({ name: 'level', type: 'int' }));\n"
                  + "  }\n\n"
                  + "  public async down(queryRunner: QueryRunner): Promise<void> {\n"
                  + "    await queryRunner.dropColumn('courses', 'level');\n"
                  + "    await queryRunner.addColumn('users', new TableColumn({ name: 'password_hash', type: 'varchar', isNullable: true }));\n"
                  + "  }\n}\n")
          .commitAll("drop password hash");

      MigrationsCheckResult result = check(settings());

      MigrationReport report = result.migration("1716002000000-DropPasswordHash.ts").orElseThrow();
      assertEquals(SafetyClass.CONTRACT, report.safetyClass());
      assertEquals("undoes up()", report.down());
      List<SafetyReason> reasons = report.contractReasons();
      assertEquals(List.of(5, 6), reasons.stream().map(SafetyReason::line).toList());
      assertTrue(reasons.get(0).why().contains("password_hash"), reasons.toString());
      assertTrue(reasons.get(1).why().contains("NOT NULL column courses.level without a default"), reasons.toString());
      Finding contract = at(result, Severity.WARNING).stream()
          .filter(f -> f.message().startsWith("1716002000000-DropPasswordHash.ts is a contract migration"))
          .findFirst().orElseThrow(() -> new AssertionError(describe(result.gate().findings())));
      assertEquals(MIGRATIONS + "/1716002000000-DropPasswordHash.ts:5", contract.where());
      assertTrue(result.hasContractMigrations());
    }
  }

  /** Only plain SQL: the extracted SQL runs on the embedded PostgreSQL, fresh and upgraded. */
  private TempGitRepo sqlOnlyRepo() {
    TempGitRepo repo = TempGitRepo.init(dir);
    repo.copy(FIXTURE.resolve("released/1716000000000-CreateUsers.ts"), MIGRATIONS + "/1716000000000-CreateUsers.ts")
        .copy(FIXTURE.resolve("released/1716000200000-AddCourseIsPaid.ts"), MIGRATIONS + "/1716000200000-AddCourseIsPaid.ts")
        .write(MIGRATIONS + "/1716000100000-CreateCourses.ts", sqlMigration("CreateCourses", 1716000100000L,
            "CREATE TABLE \"courses\" (\"id\" SERIAL PRIMARY KEY, \"title\" varchar(200) NOT NULL)",
            "DROP TABLE \"courses\""))
        .commitAll("feat: sql");
    repo.tag("v0.1.0");
    repo.copy(FIXTURE.resolve("added/1716000800000-AddCourseSubtitle.ts"), MIGRATIONS + "/1716000800000-AddCourseSubtitle.ts")
        .commitAll("feat: subtitle");
    return repo;
  }

  @Test
  void plainSqlMigrationsAreReproducedOnPostgresWithoutACommand() throws Exception {
    try (TempGitRepo repo = sqlOnlyRepo()) {
      MigrationsCheckResult result = check(settings());

      assertEquals(List.of(), at(result, Severity.WARNING), () -> describe(result.gate().findings()));
      assertEquals(List.of(), at(result, Severity.ERROR));
      assertEquals(GateStatus.PASSED, result.gate().status());
    }
  }

  @Test
  void brokenSqlIsAnErrorAtTheTypeScriptLine() throws Exception {
    try (TempGitRepo repo = sqlOnlyRepo()) {
      repo.write(MIGRATIONS + "/1716003000000-AddCourseLevel.ts", sqlMigration("AddCourseLevel", 1716003000000L,
              "ALTER TABLE \"courses\" ADD \"level\" integr", "ALTER TABLE \"courses\" DROP COLUMN \"level\""))
          .commitAll("typo");

      Finding error = onlyError(check(settings()));

      assertTrue(error.message().startsWith("Migrating a fresh database failed at 1716003000000-AddCourseLevel.ts"),
          error.message());
      assertTrue(error.message().contains("integr"), error.message());
      assertEquals(MIGRATIONS + "/1716003000000-AddCourseLevel.ts:5", error.where());
    }
  }

  @Test
  void targetMigrationsTableGivesPendingAndUnknownMigrations() throws Exception {
    try (TempGitRepo repo = sqlOnlyRepo()) {
      ScratchDatabase target = postgres.create("target");
      try {
        try (Connection c = ScratchDatabases.connect(target.connection()); Statement s = c.createStatement()) {
          s.execute("SET search_path TO " + target.schema());
          s.execute("CREATE TABLE migrations (id SERIAL PRIMARY KEY, \"timestamp\" bigint NOT NULL, name varchar NOT NULL)");
          s.execute("INSERT INTO migrations (\"timestamp\", name) VALUES (1716000000000, 'CreateUsers1716000000000'),"
              + " (1716000200000, 'AddCourseIsPaid1716000200000'), (1715000000000, 'Legacy1715000000000')");
        }
        MigrationsCheckResult result = check(settings().withTarget(target.connection()));

        assertEquals(List.of("1716000100000-CreateCourses.ts", "1716000800000-AddCourseSubtitle.ts"),
            result.pendingOnTarget().stream().map(PendingMigration::file).toList());
        Finding unknown = onlyError(result);
        assertTrue(unknown.message().contains("applied Legacy1715000000000 (1715000000000), which this release does not have"),
            unknown.message());
        assertTrue(at(result, Severity.WARNING).stream()
                .anyMatch(f -> f.message().contains("1716000100000-CreateCourses.ts is older than 1716000200000")),
            () -> describe(result.gate().findings()));
      } finally {
        postgres.drop(target);
      }
    }
  }

  /** Our stand-in for `npm run migration:run`: a Java program on this test's class path. */
  private MigrationCommand applier(int timeoutSeconds) {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new MigrationCommand(
        "'" + javaBin + "' -cp '" + System.getProperty("java.class.path") + "' "
            + TypeOrmSqlApplier.class.getName() + " " + MIGRATIONS,
        dir, java.time.Duration.ofSeconds(timeoutSeconds));
  }

  @Test
  void migrationCommandRunsFreshAndFromThePreviousTagAndTheSchemasAgree() throws Exception {
    try (TempGitRepo repo = repo()) {
      MigrationsCheckResult result = check(settings().withMigrationCommand(applier(120)));

      assertEquals(List.of(), at(result, Severity.WARNING), () -> describe(result.gate().findings()));
      assertEquals(GateStatus.PASSED, result.gate().status());
      String log = Files.readString(dir.resolve("target/beelms-release/migration-command.log"));
      assertTrue(log.contains("applying CreateQuizzes1716000900000"), log);
      assertEquals(3, log.lines().filter(l -> l.startsWith("$ ")).count(), log); // HEAD, tag, tag→HEAD
      assertTrue(log.contains("/beelms-release-v0.1.0-"), log);
    }
  }

  @Test
  void migrationCommandFailureIsNamedWithItsLog() throws Exception {
    try (TempGitRepo repo = repo()) {
      MigrationsCheckResult result =
          check(settings().withMigrationCommand(new MigrationCommand("echo boom; exit 3", dir,
              java.time.Duration.ofSeconds(30))));

      Finding error = onlyError(result);
      assertTrue(error.message().startsWith("The migration command `echo boom; exit 3` failed on a fresh"
          + " database at HEAD: exit code 3; last lines: $ echo boom; exit 3   (in "), error.message());
      assertTrue(error.message().endsWith(") | boom (it ran in " + dir.toAbsolutePath().normalize() + ")"),
          error.message());
      assertTrue(error.fix().contains("migration-command.log"), error.fix());
    }
  }

  /** The applier, but like npm: it needs node_modules (gitignored, so not in the tag's export). */
  private MigrationCommand needingNodeModules(List<Path> shared) {
    MigrationCommand applier = applier(120);
    return new MigrationCommand("test -f node_modules/typeorm/package.json || { echo \"Error: Cannot find module"
        + " 'typeorm'\"; exit 1; }; " + applier.command(), dir, applier.timeout(), shared);
  }

  @Test
  void theDependenciesOfTheWorkingTreeAreSharedWithThePreviousTagsExport() throws Exception {
    try (TempGitRepo repo = repo()) {
      Files.createDirectories(dir.resolve("node_modules/typeorm"));
      Files.writeString(dir.resolve("node_modules/typeorm/package.json"), "{}");

      MigrationsCheckResult notShared = check(settings().withMigrationCommand(needingNodeModules(List.of())));
      Finding error = onlyError(notShared);
      assertTrue(error.message().contains("failed at v0.1.0 (in a temporary export of v0.1.0, deleted after the run;"
          + " gitignored folders such as node_modules are not in it: name them in <migrationCommandShared>)"),
          error.message());
      assertTrue(error.message().contains("Cannot find module 'typeorm'"), error.message());
      assertTrue(error.message().contains("(it ran in /"), error.message());
      assertTrue(error.message().contains("/beelms-release-v0.1.0-"), "names the folder it ran in: " + error.message());

      MigrationsCheckResult shared =
          check(settings().withMigrationCommand(needingNodeModules(List.of(dir.resolve("node_modules")))));
      assertEquals(GateStatus.PASSED, shared.gate().status(), () -> describe(shared.gate().findings()));
      assertTrue(Files.isRegularFile(dir.resolve("node_modules/typeorm/package.json")),
          "the working tree's folder survives the export's deletion (it was linked, not moved)");
    }
  }

  @Test
  void aSharedPathThatIsNotInTheWorkingTreeIsAnError() throws Exception {
    try (TempGitRepo repo = repo()) {
      Files.createDirectories(dir.resolve("node_modules/typeorm"));
      Files.writeString(dir.resolve("node_modules/typeorm/package.json"), "{}");
      Finding error = onlyError(check(settings().withMigrationCommand(
          needingNodeModules(List.of(dir.resolve("be/node_modules"))))));
      assertEquals("<migrationCommandShared> names be/node_modules, which is not in the working tree",
          error.message());
    }
  }

  static String sqlMigration(String name, long timestamp, String up, String down) {
    return "import { MigrationInterface, QueryRunner } from 'typeorm';\n\n"
        + "export class " + name + timestamp + " implements MigrationInterface {\n"
        + "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
        + "    await queryRunner.query(`" + up + "`);\n"
        + "  }\n\n"
        + "  public async down(queryRunner: QueryRunner): Promise<void> {\n"
        + "    await queryRunner.query(`" + down + "`);\n"
        + "  }\n}\n";
  }
}
