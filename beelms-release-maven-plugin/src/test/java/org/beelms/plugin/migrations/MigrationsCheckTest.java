package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * migrations-check against a real embedded PostgreSQL (one per class) and real git repositories
 * in temporary folders. Each test injects one defect and expects exactly its finding.
 */
class MigrationsCheckTest {

  private static final String MIGRATIONS = "db/migration";
  private static final Path SHOP = Path.of("src/test/resources/migrations/shop");
  private static final Path REFERENCE_CORE =
      Path.of("../beelms-release-it/reference-core/src/main/resources/db/migration");

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

  /** A repository whose v0.1.0 release holds the shop's V1 and V2. */
  private TempGitRepo releasedShop() {
    TempGitRepo repo = TempGitRepo.init(dir);
    repo.copy(SHOP.resolve("V1__create_shop.sql"), MIGRATIONS + "/V1__create_shop.sql")
        .copy(SHOP.resolve("V2__seed_shop.sql"), MIGRATIONS + "/V2__seed_shop.sql")
        .commitAll("feat: shop");
    repo.tag("v0.1.0");
    return repo;
  }

  private MigrationsSettings settings() {
    return MigrationsSettings.of(dir.resolve(MIGRATIONS))
        .withReleaseVersion(SemanticVersion.parse("0.2.0").orElseThrow())
        .withReportDirectory(dir.resolve("target/beelms-release"));
  }

  private static MigrationsCheckResult check(MigrationsSettings settings) throws Exception {
    return new MigrationsCheck(settings, postgres).run(ReleaseListener.NONE);
  }

  private static List<Finding> problems(MigrationsCheckResult result) {
    return result.gate().findingsAtLeast(Severity.WARNING);
  }

  private static Finding onlyProblem(MigrationsCheckResult result) {
    List<Finding> problems = problems(result);
    assertEquals(1, problems.size(), () -> describe(problems));
    return problems.get(0);
  }

  private static String describe(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.severity() + " " + f.message() + " @ " + f.where())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void referenceCoreMigrationsPass() throws Exception {
    assumeTrue(
        Files.isDirectory(REFERENCE_CORE),
        "the reference core's migrations are not at " + REFERENCE_CORE.toAbsolutePath()
            + " (build from the full reactor checkout to run this test)");
    try (TempGitRepo repo = TempGitRepo.init(dir);
        Stream<Path> files = Files.list(REFERENCE_CORE)) {
      files.forEach(f -> repo.copy(f, MIGRATIONS + "/" + f.getFileName()));
      repo.commitAll("feat: reference core");
      repo.tag("v0.1.0");
      repo.write(MIGRATIONS + "/V4__course_subtitle.sql", "ALTER TABLE courses ADD COLUMN subtitle text;\n")
          .commitAll("feat: subtitle");

      MigrationsCheckResult result = check(settings());

      assertEquals(GateStatus.PASSED, result.gate().status(), () -> describe(result.gate().findings()));
      assertEquals(List.of(), problems(result));
      assertEquals("v0.1.0", result.previousRelease().orElseThrow());
      assertEquals(1, result.migrations().size());
      assertEquals(SafetyClass.EXPAND, result.migrations().get(0).safetyClass());
    }
  }

  @Test
  void editedReleasedMigrationIsAnErrorNamingFileAndTag() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V2__seed_shop.sql",
              "-- seed two customers\n" + Files.readString(SHOP.resolve("V2__seed_shop.sql")))
          .commitAll("edit released");

      Finding f = onlyProblem(check(settings()));

      assertEquals(Severity.ERROR, f.severity());
      assertTrue(f.message().contains("V2__seed_shop.sql was released in v0.1.0 and has been edited"), f.message());
      assertEquals("db/migration/V2__seed_shop.sql", f.where());
      assertTrue(f.fix().contains("git checkout v0.1.0 -- db/migration/V2__seed_shop.sql"), f.fix());
    }
  }

  @Test
  void deletedReleasedMigrationIsAnError() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.delete(MIGRATIONS + "/V2__seed_shop.sql").commitAll("delete released");

      Finding f = onlyProblem(check(settings()));

      assertTrue(f.message().contains("V2__seed_shop.sql was released in v0.1.0 and has been deleted"), f.message());
      assertEquals("db/migration/V2__seed_shop.sql", f.where());
    }
  }

  @Test
  void renamedReleasedMigrationIsAnError() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.copy(SHOP.resolve("V2__seed_shop.sql"), MIGRATIONS + "/V2__seed_customers.sql")
          .delete(MIGRATIONS + "/V2__seed_shop.sql")
          .commitAll("rename released");

      Finding f = onlyProblem(check(settings()));

      assertTrue(f.message().contains("V2__seed_shop.sql was released in v0.1.0 and has been renamed to V2__seed_customers.sql"), f.message());
    }
  }

  @Test
  void duplicateVersionIsAnErrorNamingBothFiles() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V3__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;")
          .write(MIGRATIONS + "/V3_0__add_fax.sql", "ALTER TABLE customers ADD COLUMN fax text;")
          .commitAll("two V3");

      Finding f = onlyProblem(check(settings()));

      assertEquals(Severity.ERROR, f.severity());
      assertTrue(f.message().startsWith("Duplicate migration version 3"), f.message());
      assertTrue(f.where().contains("V3__add_phone.sql") && f.where().contains("V3_0__add_fax.sql"), f.where());
    }
  }

  @Test
  void newMigrationBelowTheReleasedHighestVersionIsOutOfOrder() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V1_5__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;")
          .commitAll("late V1.5");

      Finding f = onlyProblem(check(settings()));

      assertTrue(f.message().contains("V1_5__add_phone.sql is new since v0.1.0 but its version 1.5 is below 2"), f.message());
      assertEquals("db/migration/V1_5__add_phone.sql", f.where());
      assertTrue(f.fix().contains("V3__"), f.fix());
    }
  }

  @Test
  void invalidNameIsAnErrorAndSkipsTheDatabase() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V3_add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;")
          .commitAll("bad name");

      MigrationsCheckResult result = check(settings());
      Finding f = onlyProblem(result);

      assertTrue(f.message().contains("V3_add_phone.sql is not a valid Flyway migration name"), f.message());
      assertTrue(result.gate().findings().stream().anyMatch(i -> i.message().startsWith("Database checks skipped")));
    }
  }

  @Test
  void brokenSqlGivesFlywaysMessageWithFileAndLine() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V3__broken.sql",
              "-- adds a phone column\nALTER TABLE customers ADD COLUMN phone text;\n\nCREATE TABLEE coupons (code text);\n")
          .commitAll("broken");

      Finding f = onlyProblem(check(settings()));

      assertEquals(Severity.ERROR, f.severity());
      assertTrue(f.message().contains("V3__broken.sql"), f.message());
      assertTrue(f.message().contains("syntax error at or near \"TABLEE\""), f.message());
      assertEquals("db/migration/V3__broken.sql:4", f.where());
    }
  }

  @Test
  void upgradedSchemaThatDiffersFromAFreshOneIsListedObjectByObject() throws Exception {
    // A repeatable migration guarded by IF NOT EXISTS: Flyway re-applies the edited version on
    // upgraded databases, where the guard skips it, so fresh and upgraded databases diverge.
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/R__coupons.sql", "CREATE TABLE IF NOT EXISTS coupons (code text PRIMARY KEY);\n")
          .commitAll("coupons");
      repo.tag("v0.2.0");
      repo.write(MIGRATIONS + "/R__coupons.sql",
              "CREATE TABLE IF NOT EXISTS coupons (\n"
                  + "    code text PRIMARY KEY, cents integer NOT NULL DEFAULT 0 CHECK (cents >= 0));\n")
          .commitAll("coupons with cents");

      MigrationsCheckResult result =
          check(settings().withReleaseVersion(SemanticVersion.parse("0.3.0").orElseThrow()));
      List<Finding> problems = problems(result);

      assertEquals(2, problems.size(), () -> describe(problems));
      assertTrue(problems.stream().allMatch(f -> f.message().startsWith("Not reproducible")));
      assertEquals(
          List.of("schema: column coupons.cents", "schema: constraint coupons.coupons_cents_check"),
          problems.stream().map(Finding::where).toList());
      assertTrue(problems.get(0).message().contains("only in the fresh database: integer NOT NULL DEFAULT 0"),
          problems.get(0).message());
    }
  }

  @Test
  void contractMigrationsAreClassedContractWithTheirReasons() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V3__drop_note.sql", "ALTER TABLE customers DROP COLUMN note;\n")
          .write(MIGRATIONS + "/V4__rename_name.sql", "ALTER TABLE customers RENAME COLUMN name TO full_name;\n")
          .write(MIGRATIONS + "/V5__bigger_totals.sql", "-- cents grow\nALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;\n")
          .write(MIGRATIONS + "/V6__require_phone.sql", "ALTER TABLE customers ADD COLUMN phone text NOT NULL;\n")
          .commitAll("contract");
      // V6 fails on the seeded rows; the check must classify it before PostgreSQL says so.
      MigrationsCheckResult result = check(settings());

      assertEquals(
          List.of(SafetyClass.CONTRACT, SafetyClass.CONTRACT, SafetyClass.CONTRACT, SafetyClass.CONTRACT),
          result.migrations().stream().map(MigrationReport::safetyClass).toList());
      List<Finding> contracts =
          result.gate().findings().stream().filter(f -> f.message().contains("is a contract migration")).toList();
      assertEquals(4, contracts.size(), () -> describe(result.gate().findings()));
      assertTrue(contracts.stream().allMatch(f -> f.severity() == Severity.WARNING));
      assertEquals("db/migration/V5__bigger_totals.sql:2", contracts.get(2).where());
      assertTrue(contracts.get(0).message().contains("drops column customers.note"));
      assertTrue(contracts.get(1).message().contains("renames column customers.name to full_name"));
      assertTrue(contracts.get(2).message().contains("changes the type of orders.total_cents"));
      assertTrue(contracts.get(3).message().contains("adds NOT NULL column customers.phone without a default"));
      assertTrue(result.gate().findingsAtLeast(Severity.ERROR).stream()
          .anyMatch(f -> f.where().equals("db/migration/V6__require_phone.sql:1")
              && f.message().contains("contains null values")),
          () -> describe(result.gate().findings()));
    }
  }

  @Test
  void expandMigrationIsClassedExpandAndWrittenToMigrationsJson() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V3__coupons.sql",
              "CREATE TABLE coupons (code text PRIMARY KEY, cents integer NOT NULL);\n"
                  + "CREATE INDEX coupons_cents_idx ON coupons (cents);\n"
                  + "ALTER TABLE customers ADD COLUMN phone text;\n"
                  + "ALTER TABLE orders ADD COLUMN coupon text REFERENCES coupons (code);\n"
                  + "INSERT INTO coupons VALUES ('WELCOME', 500);\n")
          .commitAll("expand");

      MigrationsCheckResult result = check(settings());

      assertEquals(List.of(), problems(result), () -> describe(problems(result)));
      MigrationReport report = result.migrations().get(0);
      assertEquals(SafetyClass.EXPAND, report.safetyClass());
      assertEquals("3", report.version());
      assertEquals("coupons", report.description());
      assertEquals(5, report.reasons().size());
      Path json = dir.resolve("target/beelms-release/migrations.json");
      assertEquals(List.of(report), MigrationsCheckResult.readReports(json));
      // The report says which commit it checked, so a later run cannot mistake it for its own.
      MigrationsCheckResult.Provenance provenance = MigrationsCheckResult.readProvenance(json);
      assertEquals("flyway", provenance.tool());
      assertEquals(repo.git().getRepository().resolve("HEAD").name(), provenance.commit());
    }
  }

  @Test
  void indexWithoutConcurrentlyOnAReleasedTableIsALockWarning() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V3__orders_by_date.sql", "CREATE INDEX orders_created_idx ON orders (created_at);\n")
          .commitAll("index");

      MigrationsCheckResult result = check(settings());
      Finding f = onlyProblem(result);

      assertEquals(Severity.WARNING, f.severity());
      assertEquals("db/migration/V3__orders_by_date.sql:1", f.where());
      assertTrue(f.message().contains("without CONCURRENTLY on orders"), f.message());
      assertEquals(GateStatus.PASSED, result.gate().status());
    }
  }

  @Test
  void contractSeverityErrorFailsTheGate() throws Exception {
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V3__drop_note.sql", "ALTER TABLE customers DROP COLUMN note;\n").commitAll("drop");

      MigrationsCheckResult result = check(settings().withSeverities(Severity.ERROR, Severity.ERROR));

      assertEquals(Severity.ERROR, onlyProblem(result).severity());
      assertEquals(GateStatus.FAILED, result.gate().status());
    }
  }

  @Test
  void withoutAPreviousTagEveryMigrationIsNewAndNothingIsCompared() throws Exception {
    try (TempGitRepo repo = TempGitRepo.init(dir)) {
      repo.copy(SHOP.resolve("V1__create_shop.sql"), MIGRATIONS + "/V1__create_shop.sql").commitAll("first");

      MigrationsCheckResult result = check(settings());

      assertEquals(List.of(), problems(result));
      assertTrue(result.previousRelease().isEmpty());
      assertEquals(1, result.migrations().size());
    }
  }

  @Test
  void jdbcUrlModeMigratesInThrowawaySchemasAndLeavesNothingBehind() throws Exception {
    ScratchDatabase server = postgres.create("jdbc_mode");
    try (TempGitRepo repo = releasedShop()) {
      repo.write(MIGRATIONS + "/V3__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;\n").commitAll("phone");
      List<String> progress = new java.util.ArrayList<>();
      ReleaseListener listener = new ReleaseListener() {
        @Override
        public void progress(String gate, String message) {
          progress.add(message);
        }
      };

      MigrationsCheckResult result =
          new MigrationsCheck(settings().withScratch(server.connection())).run(listener);

      assertEquals(List.of(), problems(result), () -> describe(problems(result)));
      assertTrue(progress.stream().anyMatch(p -> p.startsWith("schemas compared")), progress.toString());
      assertEquals(MigrationsCheckResult.REPRODUCIBILITY_CHECKED, result.reproducibility());
      try (Connection c = ScratchDatabases.connect(server.connection());
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'beelms_check_%'")) {
        rs.next();
        assertEquals(0, rs.getInt(1));
      }
    } finally {
      postgres.drop(server);
    }
  }

  @Test
  void targetDatabaseShowsPendingMigrationsAndChecksumMismatchInFlywaysWords() throws Exception {
    ScratchDatabase staging = postgres.create("staging");
    try (TempGitRepo repo = releasedShop()) {
      Flyway.configure(getClass().getClassLoader())
          .dataSource(staging.connection().url(), staging.connection().user(), "")
          .locations("filesystem:" + dir.resolve(MIGRATIONS))
          .loggers(SilentFlywayLog.class.getName())
          .load()
          .migrate();
      repo.write(MIGRATIONS + "/V1__create_shop.sql",
              Files.readString(SHOP.resolve("V1__create_shop.sql")) + "\n-- hotfix\n")
          .write(MIGRATIONS + "/V3__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;\n")
          .commitAll("edit V1, add V3");

      MigrationsCheckResult result = check(settings().withTarget(staging.connection()));

      assertEquals(List.of("V3__add_phone.sql"), result.pendingOnTarget().stream().map(PendingMigration::file).toList());
      List<Finding> target = result.gate().findingsAtLeast(Severity.ERROR).stream()
          .filter(f -> f.message().startsWith("Target ")).toList();
      assertEquals(1, target.size(), () -> describe(result.gate().findings()));
      assertTrue(target.get(0).message().contains("V1__create_shop.sql"), target.get(0).message());
      assertTrue(target.get(0).message().toLowerCase().contains("checksum mismatch"), target.get(0).message());
      assertTrue(target.get(0).fix().contains("flyway repair"), target.get(0).fix());
      assertTrue(result.gate().findings().stream().anyMatch(
          f -> f.severity() == Severity.INFO && f.message().contains("V3__add_phone.sql will be applied")));
      assertEquals(appliedChecksum(staging, "2"), new MigrationFile("V2__seed_shop.sql",
          Files.readAllBytes(SHOP.resolve("V2__seed_shop.sql"))).checksum());
    } finally {
      postgres.drop(staging);
    }
  }

  @Test
  void targetDatabaseWithAMigrationMissingLocallyIsAnError() throws Exception {
    ScratchDatabase staging = postgres.create("staging");
    try (TempGitRepo repo = releasedShop()) {
      Flyway.configure(getClass().getClassLoader())
          .dataSource(staging.connection().url(), staging.connection().user(), "")
          .locations("filesystem:" + dir.resolve(MIGRATIONS))
          .loggers(SilentFlywayLog.class.getName())
          .load()
          .migrate();
      repo.delete(MIGRATIONS + "/V2__seed_shop.sql").commitAll("lose V2");

      MigrationsCheckResult result =
          check(settings().withCompareWithPrevious(false).withTarget(staging.connection()));
      Finding f = onlyProblem(result);

      assertTrue(f.message().startsWith("Target "), f.message());
      assertTrue(f.message().contains("version 2") || f.message().contains("V2__seed_shop.sql"), f.message());
      assertTrue(f.fix().startsWith("restore"), f.fix());
    } finally {
      postgres.drop(staging);
    }
  }

  @Test
  void passwordNeverAppearsInFindingsOrExceptions() throws Exception {
    String secret = "S3cret-pw-4711";
    ScratchDatabase server = postgres.create("secret");
    try (TempGitRepo repo = releasedShop()) {
      String url = server.connection().url();
      String missingDb = url.substring(0, url.lastIndexOf('/') + 1) + "no_such_db?password=" + secret;
      JdbcTarget scratch = new JdbcTarget(url, "postgres", secret, "<jdbcUrl> / -Dbeelms.migrations.jdbcUrl");
      JdbcTarget target = new JdbcTarget(missingDb, "postgres", secret, "<targetJdbcUrl> / -Dbeelms.migrations.targetJdbcUrl");

      List<String> logged = new java.util.ArrayList<>();
      ReleaseListener log = new ReleaseListener() {
        @Override
        public void progress(String gate, String message) {
          logged.add(message);
        }
      };

      MigrationsCheckResult result =
          new MigrationsCheck(settings().withScratch(scratch).withTarget(target)).run(log);

      Finding f = onlyProblem(result);
      assertTrue(logged.stream().anyMatch(m -> m.contains("no_such_db?password=****")), logged.toString());
      assertFalse(logged.toString().contains(secret), logged.toString());
      assertTrue(f.message().startsWith("Cannot read the target database"), f.message());
      assertTrue(f.message().contains("no_such_db"), f.message());
      for (Finding any : result.gate().findings()) {
        assertFalse((any.message() + any.where() + any.fix()).contains(secret), any.toString());
      }
      assertFalse(scratch.toString().contains(secret));
      assertFalse(target.toString().contains(secret));
      assertFalse(Files.readString(dir.resolve("target/beelms-release/migrations.json")).contains(secret));

      JdbcTarget unreachable =
          new JdbcTarget("jdbc:postgresql://127.0.0.1:1/x?password=" + secret + "&connectTimeout=2",
              "postgres", secret, "<jdbcUrl> / -Dbeelms.migrations.jdbcUrl");
      SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> new MigrationsCheck(settings().withScratch(unreachable)).run(ReleaseListener.NONE));
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertFalse(String.valueOf(t.getMessage()).contains(secret), t.getMessage());
      }
    } finally {
      postgres.drop(server);
    }
  }

  private static int appliedChecksum(ScratchDatabase db, String version) throws SQLException {
    try (Connection c = ScratchDatabases.connect(db.connection());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT checksum FROM flyway_schema_history WHERE version = '" + version + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
