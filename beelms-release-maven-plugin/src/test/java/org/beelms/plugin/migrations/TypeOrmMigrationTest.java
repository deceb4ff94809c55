package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TypeORM migration files read without Node: names, classes, SQL literals and API calls. */
class TypeOrmMigrationTest {

  private static TypeOrmMigration parse(String file, String text) {
    return new TypeOrmMigration(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String migration(String cls, String up, String down) {
    return "import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';\n\n"
        + "export class " + cls + " implements MigrationInterface {\n"
        + "  public async up(queryRunner: QueryRunner): Promise<void> {\n" + up + "\n  }\n\n"
        + "  public async down(queryRunner: QueryRunner): Promise<void> {\n" + down + "\n  }\n}\n";
  }

  @Test
  void readsTemplateSingleAndDoubleQuotedSqlAtTheirLines() {
    TypeOrmMigration m = parse("1716000000000-Mixed.ts", migration("Mixed1716000000000",
        "    await queryRunner.query(`CREATE TABLE \"a\" (\"id\" int)`);\n"
            + "    await queryRunner.query('ALTER TABLE \"a\" ADD \"b\" int');\n"
            + "    await queryRunner.query(\"ALTER TABLE \\\"a\\\" ADD \\\"c\\\" int\");",
        ""));

    assertEquals(List.of(), m.problems());
    assertEquals(1716000000000L, m.timestamp());
    assertEquals("Mixed1716000000000", m.className());
    List<TypeOrmStatement> up = m.up();
    assertEquals(3, up.size());
    assertEquals(Optional.of("CREATE TABLE \"a\" (\"id\" int)"), up.get(0).sql());
    assertEquals(Optional.of("ALTER TABLE \"a\" ADD \"b\" int"), up.get(1).sql());
    assertEquals(Optional.of("ALTER TABLE \"a\" ADD \"c\" int"), up.get(2).sql());
    assertEquals(List.of(5, 6, 7), up.stream().map(TypeOrmStatement::line).toList());
    assertTrue(m.isPlainSql());
    assertEquals("empty: down() does nothing, `migration:revert` cannot undo it", TypeOrmChecks.down(m));
  }

  @Test
  void sqlBuiltAtRunTimeIsComputed() {
    TypeOrmMigration m = parse("1716000000000-Computed.ts", migration("Computed1716000000000",
        "    const t = 'a';\n    await queryRunner.query(`DROP TABLE ${t}`);\n"
            + "    await queryRunner.query('DROP ' + 'TABLE b');",
        "    await queryRunner.query(sql);"));

    assertEquals(Optional.empty(), m.up().get(0).sql());
    assertEquals(Optional.empty(), m.up().get(1).sql());
    assertFalse(m.isPlainSql());
    MigrationReport report = TypeOrmChecks.classify(List.of(m)).get(0);
    assertEquals(SafetyClass.UNKNOWN, report.safetyClass());
    assertTrue(report.reasons().get(0).why().contains("review by hand"), report.reasons().toString());
    assertTrue(TypeOrmChecks.down(m).startsWith("unknown"));
  }

  @Test
  void queryRunnerApiBecomesSqlForTheClassifier() {
    assertEquals(Optional.of("ALTER TABLE \"users\" ADD COLUMN \"age\" int NOT NULL"),
        TypeOrmStatements.api("addColumn", List.of("'users'", "new TableColumn({ name: 'age', type: 'int' })")));
    assertEquals(Optional.of("ALTER TABLE \"users\" ADD COLUMN \"age\" int DEFAULT 0"),
        TypeOrmStatements.api("addColumn",
            List.of("'users'", "new TableColumn({ name: 'age', type: 'int', isNullable: true, default: 0 })")));
    assertEquals(Optional.of("ALTER TABLE \"users\" DROP COLUMN \"age\""),
        TypeOrmStatements.api("dropColumn", List.of("\"users\"", "'age'")));
    assertEquals(Optional.of("ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\""),
        TypeOrmStatements.api("renameColumn", List.of("'users'", "'name'", "'full_name'")));
    assertEquals(Optional.of("CREATE UNIQUE INDEX \"IDX_e\" ON \"users\" (\"email\")"),
        TypeOrmStatements.api("createIndex",
            List.of("'users'", "new TableIndex({ name: 'IDX_e', columnNames: ['email'], isUnique: true })")));
    assertEquals(Optional.empty(), TypeOrmStatements.api("createTable", List.of("table")));
  }

  @Test
  void apiMigrationsAreClassedAndDownIsCompared() {
    TypeOrmMigration m = parse("1716000000000-Api.ts", migration("Api1716000000000",
        "    await queryRunner.dropColumn('users', 'legacy');\n"
            + "    await queryRunner.addColumn('users', new TableColumn({ name: 'age', type: 'int' }));",
        "    await queryRunner.dropColumn('users', 'age');"));

    MigrationReport report = TypeOrmChecks.classify(List.of(m)).get(0);

    assertEquals("typeorm", report.tool());
    assertEquals("1716000000000", report.version());
    assertEquals("1716000000000-Api.ts", report.file());
    assertEquals(SafetyClass.CONTRACT, report.safetyClass());
    List<SafetyReason> contract = report.contractReasons();
    assertEquals(2, contract.size(), contract.toString());
    assertTrue(contract.get(0).why().contains("legacy"), contract.toString());
    assertEquals(5, contract.get(0).line());
    assertTrue(contract.get(1).why().contains("NOT NULL column users.age without a default"), contract.toString());
    assertEquals(6, contract.get(1).line());
    assertEquals("does not undo up(): nothing in down() restores legacy", report.down());
  }

  @Test
  void droppingTheTableUpCreatedUndoesTheIndexesConstraintsAndForeignKeysCreatedOnIt() {
    TypeOrmMigration m = parse("1716000000000-CourseTranslations.ts", migration("CourseTranslations1716000000000",
        "    await queryRunner.query(`CREATE TABLE \"course_translations\" (\"id\" SERIAL NOT NULL,"
            + " \"course_id\" integer NOT NULL, \"locale\" character varying(5) NOT NULL,"
            + " \"title\" character varying NOT NULL, CONSTRAINT \"PK_ct\" PRIMARY KEY (\"id\"))`);\n"
            + "    await queryRunner.query(`CREATE UNIQUE INDEX \"IDX_ct_course_locale\" ON \"course_translations\""
            + " (\"course_id\", \"locale\")`);\n"
            + "    await queryRunner.query(`ALTER TABLE \"course_translations\" ADD CONSTRAINT"
            + " \"FK_course_translations_course\" FOREIGN KEY (\"course_id\") REFERENCES \"courses\"(\"id\")"
            + " ON DELETE CASCADE`);\n"
            + "    await queryRunner.createIndex('course_translations',"
            + " new TableIndex({ name: 'IDX_ct_title', columnNames: ['title'] }));\n"
            + "    await queryRunner.createForeignKey('course_translations', new TableForeignKey({"
            + " name: 'FK_ct_author', columnNames: ['author_id'], referencedTableName: 'users',"
            + " referencedColumnNames: ['id'] }));\n"
            + "    await queryRunner.createUniqueConstraint('course_translations',"
            + " new TableUnique({ name: 'UQ_ct_title', columnNames: ['title'] }));",
        "    await queryRunner.query(`DROP TABLE \"course_translations\"`);"));

    assertEquals("undoes up()", TypeOrmChecks.down(m));
  }

  @Test
  void droppingATableUndoesOnlyWhatIsOnItAndOnlyWhenUpCreatedIt() {
    TypeOrmMigration otherTable = parse("1716000000000-Ct.ts", migration("Ct1716000000000",
        "    await queryRunner.query(`CREATE TABLE \"course_translations\" (\"id\" int)`);\n"
            + "    await queryRunner.query(`CREATE INDEX \"IDX_courses_slug\" ON \"public\".\"courses\" (\"slug\")`);\n"
            + "    await queryRunner.query(`ALTER TABLE \"courses\" ADD CONSTRAINT \"FK_courses_default_translation\""
            + " FOREIGN KEY (\"translation_id\") REFERENCES \"course_translations\"(\"id\")`);",
        "    await queryRunner.query(`DROP TABLE \"course_translations\"`);"));
    TypeOrmMigration existingTable = parse("1716000000001-LessonsCourse.ts", migration("LessonsCourse1716000000001",
        "    await queryRunner.query(`ALTER TABLE \"lessons\" ADD CONSTRAINT \"FK_lessons_course\""
            + " FOREIGN KEY (\"course_id\") REFERENCES \"courses\"(\"id\")`);",
        "    await queryRunner.query(`DROP TABLE \"lessons\"`);"));

    assertEquals("does not undo up(): nothing in down() drops IDX_courses_slug;"
        + " nothing in down() drops FK_courses_default_translation", TypeOrmChecks.down(otherTable));
    assertEquals("does not undo up(): nothing in down() drops FK_lessons_course", TypeOrmChecks.down(existingTable));
  }

  @Test
  void classNameMustBeNameAndTimestampAndImplementTheInterface() {
    TypeOrmMigration wrongName = parse("1716000000000-AddX.ts", migration("AddY1716000000000", "", ""));
    TypeOrmMigration noInterface = parse("1716000000000-AddX.ts",
        migration("AddX1716000000000", "", "").replace(" implements MigrationInterface", ""));

    assertEquals(List.of("its class is AddY1716000000000, TypeORM needs AddX1716000000000 (name +"
        + " timestamp) to order and record it"), wrongName.problems());
    assertEquals(List.of("class AddX1716000000000 does not implement MigrationInterface"), noInterface.problems());
  }

  @Test
  void formattingOnlyEditsKeepTheFormatHash() {
    String a = migration("A1716000000000", "    await queryRunner.query('DROP TABLE \"x\"');", "");
    String b = migration("A1716000000000", "    await queryRunner.query(\n      \"DROP TABLE \\\"x\\\"\",\n    )", "");
    TypeOrmMigration ma = parse("1716000000000-A.ts", a);
    TypeOrmMigration mb = parse("1716000000000-A.ts", a.replace("    ", "  ").replace(";", ""));

    assertFalse(ma.contentHash().equals(mb.contentHash()));
    assertEquals(ma.formatHash(), mb.formatHash());
    assertFalse(ma.formatHash().equals(parse("1716000000000-A.ts", b.replace("x", "y")).formatHash()));
  }

  @Test
  void callChainsAndTheRunnerPassedToAHelperAreUnknownWithTheirLines() {
    String text = "import { MigrationInterface, QueryRunner } from 'typeorm';\n\n"
        + "export class Chains1716000000000 implements MigrationInterface {\n"
        + "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
        + "    await queryRunner.query('CREATE TABLE b (id int)');\n"
        + "    await queryRunner.manager.getRepository('User').delete({});\n"
        + "    await this.dropLegacy(queryRunner);\n"
        + "  }\n\n"
        + "  public async down(queryRunner: QueryRunner): Promise<void> {}\n\n"
        + "  private async dropLegacy(runner: QueryRunner): Promise<void> {\n"
        + "    await runner.query('DROP TABLE legacy');\n"
        + "  }\n}\n";
    TypeOrmMigration m = parse("1716000000000-Chains.ts", text);

    MigrationReport report = TypeOrmChecks.classify(List.of(m)).get(0);

    assertEquals(SafetyClass.UNKNOWN, report.safetyClass(), report.toString());
    List<SafetyReason> unknown = report.unknownReasons();
    assertEquals(List.of(6, 7), unknown.stream().map(SafetyReason::line).toList(), unknown.toString());
    assertTrue(unknown.get(0).why().contains("call chain queryRunner.manager.getRepository"), unknown.toString());
    assertTrue(unknown.get(1).why().contains("passed on"), unknown.toString());
    assertTrue(unknown.get(1).statement().contains("this.dropLegacy(queryRunner)"), unknown.toString());
    assertFalse(m.isPlainSql());
  }

  @Test
  void managerQueryIsReadAsSql() {
    TypeOrmMigration m = parse("1716000000000-Manager.ts", migration("Manager1716000000000",
        "    await queryRunner.manager.query('DROP TABLE users');", ""));

    MigrationReport report = TypeOrmChecks.classify(List.of(m)).get(0);

    assertEquals(SafetyClass.CONTRACT, report.safetyClass(), report.toString());
    assertTrue(report.contractReasons().get(0).why().contains("drops table users"), report.toString());
    assertEquals(5, report.contractReasons().get(0).line());
  }

  @Test
  void anUpThatReadsNothingIsUnknownAndNotPlainSql() {
    TypeOrmMigration m = parse("1716000000000-Empty.ts", migration("Empty1716000000000", "", ""));

    MigrationReport report = TypeOrmChecks.classify(List.of(m)).get(0);

    assertEquals(SafetyClass.UNKNOWN, report.safetyClass(), report.toString());
    assertEquals(4, report.unknownReasons().get(0).line());
    assertTrue(report.unknownReasons().get(0).why().contains("up() runs no statement"), report.toString());
    assertFalse(m.isPlainSql());
  }
}
