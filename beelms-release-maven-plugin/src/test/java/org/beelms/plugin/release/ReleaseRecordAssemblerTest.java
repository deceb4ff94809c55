package org.beelms.plugin.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.migrations.MigrationReport;
import org.beelms.plugin.migrations.MigrationsCheck;
import org.beelms.plugin.migrations.MigrationsCheckResult;
import org.beelms.plugin.migrations.SafetyClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema part of the release record: "not known" is recorded as such, never as "none". */
class ReleaseRecordAssemblerTest {

  private static final String COMMIT = "a".repeat(40);
  private static final SemanticVersion VERSION = SemanticVersion.parse("0.2.0").orElseThrow();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final GateResult PASSED =
      GateResult.of(MigrationsCheck.NAME, Duration.ZERO, List.of(), Severity.ERROR);

  @TempDir Path dir;
  private Path out;
  private Path migrations;

  @BeforeEach
  void folders() throws Exception {
    out = Files.createDirectories(dir.resolve("target/beelms-release"));
    migrations = Files.createDirectories(dir.resolve("db/migration"));
    Files.writeString(migrations.resolve("V1__init.sql"), "create table a (id int);\n");
    Files.writeString(migrations.resolve("V2__b.sql"), "create table b (id int);\n");
  }

  private ReleaseRecord assemble(Path migrationsFolder, List<GateResult> results) {
    return new ReleaseRecordAssembler(out, migrationsFolder, Optional.empty(), CLOCK)
        .assemble(VERSION, COMMIT, false, results);
  }

  private void report(String version, String commit) {
    new MigrationsCheckResult(PASSED, Optional.of("v0.1.0"),
            List.of(new MigrationReport("2", "b", "V2__b.sql", 1, SafetyClass.EXPAND, List.of(), List.of())),
            List.of(), MigrationsCheckResult.REPRODUCIBILITY_CHECKED)
        .writeJson(out, new MigrationsCheckResult.Provenance("flyway", version, commit));
  }

  @Test
  void aReportOfThisVersionAndCommitRecordsCheckedMigrationsWithTheirTool() {
    report("0.2.0", COMMIT);

    ReleaseRecord record = assemble(migrations, List.of(PASSED));

    assertEquals(ReleaseRecord.Migrations.checked("flyway", COMMIT, "checked"), record.migrations());
    assertTrue(record.migrations().reproduced());
    assertEquals("2", record.flyway().targetVersion());
    assertEquals(List.of(new ReleaseRecord.NewMigration("2", "V2__b.sql", "expand")), record.flyway().newMigrations());
    assertEquals(Optional.empty(), record.migrationsUnknown());
  }

  @Test
  void aTypeOrmProjectsTargetVersionIsItsNewestTimestampUnderTheFlywayKeyWithTheToolSaid() throws Exception {
    Path typeorm = Files.createDirectories(dir.resolve("be/src/migrations"));
    for (String m : List.of("1716000000000-Init", "1716000500000-AddCourseLevel")) {
      String cls = m.substring(14) + m.substring(0, 13);
      Files.writeString(typeorm.resolve(m + ".ts"),
          "import { MigrationInterface, QueryRunner } from 'typeorm';\n"
              + "export class " + cls + " implements MigrationInterface {\n"
              + "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
              + "    await queryRunner.query(`CREATE TABLE \"t" + cls + "\" (\"id\" int)`);\n  }\n"
              + "  public async down(queryRunner: QueryRunner): Promise<void> {\n"
              + "    await queryRunner.query(`DROP TABLE \"t" + cls + "\"`);\n  }\n}\n");
    }
    ReleaseRecord notChecked = assemble(typeorm, List.of(PASSED));
    new MigrationsCheckResult(PASSED, Optional.of("v0.1.0"),
            List.of(new MigrationReport("1716000500000", "AddCourseLevel", "1716000500000-AddCourseLevel.ts", 1,
                SafetyClass.EXPAND, List.of(), List.of(), "typeorm", "undoes up()")),
            List.of(), MigrationsCheckResult.skipped("1 TypeORM migration(s) use the QueryRunner API"))
        .writeJson(out, new MigrationsCheckResult.Provenance("typeorm", "0.2.0", COMMIT));

    ReleaseRecord record = assemble(typeorm, List.of(PASSED));

    // checked, but its reproducibility was not: recorded as skipped with why, never as checked
    assertEquals(ReleaseRecord.Migrations.checked("typeorm", COMMIT,
        "skipped (1 TypeORM migration(s) use the QueryRunner API)"), record.migrations());
    assertFalse(record.migrations().reproduced());
    assertTrue(record.toJson().contains("\"reproducibility\" : \"skipped (1 TypeORM"), record.toJson());
    assertEquals("skipped (not recorded)", new MigrationsCheckResult(PASSED, Optional.empty(), List.of(),
        List.of()).reproducibility());
    assertEquals("1716000500000", record.flyway().targetVersion(), record.toJson());
    assertEquals(List.of(new ReleaseRecord.NewMigration("1716000500000", "1716000500000-AddCourseLevel.ts", "expand")),
        record.flyway().newMigrations());
    assertTrue(record.toJson().contains("\"flyway\" : {"), "the key stays flyway for old readers: " + record.toJson());
    assertEquals("1716000500000", notChecked.flyway().targetVersion(),
        "not checked: the folder's tool is recognised as migrations-check would");
    assertNull(notChecked.flyway().newMigrations());
  }

  @Test
  void aSkippedMigrationsGateRecordsNotCheckedEvenWithAnOldReportLyingAround() {
    report("0.2.0", COMMIT);

    ReleaseRecord record = assemble(migrations,
        List.of(GateResult.skipped(MigrationsCheck.NAME, "skipped by -Dbeelms.skip.migrations-check=true")));

    assertEquals(ReleaseRecord.Migrations.NOT_CHECKED, record.migrations().status());
    assertTrue(record.migrations().reason().contains("-Dbeelms.skip.migrations-check=true"), record.toJson());
    assertNull(record.flyway().newMigrations(), "not known is not an empty list");
    assertTrue(!record.toJson().contains("newMigrations"), record.toJson());
  }

  @Test
  void aStaleReportOfAnotherReleaseIsRefusedNotRead() {
    report("0.1.0", "b".repeat(40));

    ReleaseRecord record = assemble(migrations, List.of(PASSED));

    assertEquals(ReleaseRecord.Migrations.NOT_CHECKED, record.migrations().status());
    assertTrue(record.migrations().reason().startsWith("stale "), record.migrations().reason());
    assertTrue(record.migrations().reason().contains("'0.1.0'"), record.migrations().reason());
    assertNull(record.flyway().newMigrations());
  }

  @Test
  void aMissingReportIsNotCheckedNotNone() {
    ReleaseRecord record = assemble(migrations, List.of(PASSED));

    assertEquals(ReleaseRecord.Migrations.NOT_CHECKED, record.migrations().status());
    assertTrue(record.migrations().reason().contains("migrations.json is missing"), record.migrations().reason());
    assertNull(record.flyway().newMigrations());
  }

  @Test
  void aMissingMigrationsFolderIsNotCheckedNotNone() {
    ReleaseRecord record = assemble(dir.resolve("nowhere"), List.of(PASSED));

    assertEquals(ReleaseRecord.Migrations.NOT_CHECKED, record.migrations().status());
    assertTrue(record.migrations().reason().contains("does not exist"), record.migrations().reason());
    assertNull(record.flyway());
  }

  @Test
  void theMigrationsStatusSurvivesTheJsonRoundTripAndOldRecordsReadAsUnknown() {
    report("0.2.0", COMMIT);
    ReleaseRecord record = assemble(migrations, List.of(PASSED));

    assertEquals(record.migrations(), ReleaseRecord.fromJson(record.toJson(), "test").migrations());
    String old = record.toJson().replaceAll("(?s),\\s*\"migrations\" : \\{[^}]*\\}", "");
    ReleaseRecord before = ReleaseRecord.fromJson(old, "old");
    assertNull(before.migrations(), old);
    assertTrue(before.migrationsUnknown().orElseThrow().contains("predates"));
  }
}
