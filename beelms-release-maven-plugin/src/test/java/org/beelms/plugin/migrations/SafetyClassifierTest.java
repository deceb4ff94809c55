package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyClassifierTest {

  private static MigrationReport classify(String name, String sql) {
    return new SafetyClassifier().classify(new MigrationFile(name, sql.getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertContract(String sql, String whyContains) {
    MigrationReport r = classify("V5__change.sql", sql);
    assertEquals(SafetyClass.CONTRACT, r.safetyClass(), r.toString());
    assertTrue(
        r.contractReasons().stream().anyMatch(x -> x.why().contains(whyContains)), r.toString());
  }

  @Test
  void dropColumnIsContract() {
    assertContract("ALTER TABLE customers DROP COLUMN note;", "drops column customers.note");
  }

  @Test
  void renameColumnAndTableAreContract() {
    assertContract("ALTER TABLE customers RENAME COLUMN name TO full_name;", "renames column customers.name");
    assertContract("ALTER TABLE \"Customers\" RENAME TO clients;", "renames table Customers");
  }

  @Test
  void typeChangeIsContractWithALockWarning() {
    MigrationReport r = classify("V5__t.sql", "ALTER TABLE orders ALTER COLUMN total_cents TYPE bigint;");
    assertEquals(SafetyClass.CONTRACT, r.safetyClass());
    assertEquals(1, r.lockWarnings().size());
  }

  @Test
  void notNullWithoutDefaultOnExistingTableIsContract() {
    assertContract("ALTER TABLE customers ADD COLUMN phone text NOT NULL;", "without a default");
    assertContract("ALTER TABLE customers ALTER COLUMN note SET NOT NULL;", "NOT NULL");
  }

  @Test
  void dropTableTruncateDeleteAndDropConstraintAreContract() {
    assertContract("DROP TABLE IF EXISTS public.orders CASCADE;", "drops table orders");
    assertContract("TRUNCATE orders;", "empties table orders");
    assertContract("DELETE FROM orders WHERE id < 10;", "deletes rows");
    assertContract("ALTER TABLE customers DROP CONSTRAINT customers_email_key;", "drops a constraint");
  }

  @Test
  void additiveChangesAreExpand() {
    MigrationReport r =
        classify(
            "V5__expand.sql",
            "CREATE TABLE coupons (code text PRIMARY KEY, cents int NOT NULL);\n"
                + "ALTER TABLE customers ADD COLUMN phone text;\n"
                + "ALTER TABLE customers ADD COLUMN vip boolean NOT NULL DEFAULT false;\n"
                + "CREATE INDEX CONCURRENTLY customers_phone_idx ON customers (phone);\n"
                + "INSERT INTO coupons VALUES ('WELCOME', 500);\n"
                + "ALTER TABLE coupons ADD COLUMN note text NOT NULL;\n"
                + "COMMENT ON TABLE coupons IS 'drop table x';");
    assertEquals(SafetyClass.EXPAND, r.safetyClass(), r.toString());
    assertEquals(7, r.reasons().size());
    assertEquals(List.of(), r.lockWarnings());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), r.reasons().stream().map(SafetyReason::line).toList());
  }

  @Test
  void indexWithoutConcurrentlyOnAnExistingTableWarnsAboutLocks() {
    MigrationReport r = classify("V5__idx.sql", "\n\nCREATE INDEX orders_created_idx ON orders (created_at);");
    assertEquals(SafetyClass.EXPAND, r.safetyClass());
    assertEquals(1, r.lockWarnings().size());
    assertEquals(3, r.lockWarnings().get(0).line());
    assertTrue(r.lockWarnings().get(0).fix().contains("CONCURRENTLY"));
  }

  @Test
  void indexOnATableCreatedInTheSameReleaseNeedsNoConcurrently() {
    SafetyClassifier classifier = new SafetyClassifier();
    classifier.classify(new MigrationFile("V5__t.sql", "CREATE TABLE t (id int);".getBytes(StandardCharsets.UTF_8)));
    MigrationReport r =
        classifier.classify(new MigrationFile("V6__i.sql", "CREATE INDEX t_idx ON t (id);".getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(), r.lockWarnings());
  }

  @Test
  void volatileDefaultOnExistingTableWarnsAboutARewrite() {
    MigrationReport r =
        classify("V5__v.sql", "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();");
    assertEquals(SafetyClass.EXPAND, r.safetyClass());
    assertEquals(1, r.lockWarnings().size());
    assertTrue(r.lockWarnings().get(0).why().contains("rewrites"));
  }

  @Test
  void multipleActionsInOneAlterTableAreEachClassed() {
    MigrationReport r =
        classify("V5__m.sql", "ALTER TABLE customers ADD COLUMN a text, DROP COLUMN note, ADD COLUMN b numeric(10, 2);");
    assertEquals(SafetyClass.CONTRACT, r.safetyClass());
    assertEquals(3, r.reasons().size());
    assertEquals(1, r.contractReasons().size());
  }

  @Test
  void reportCarriesVersionDescriptionFileAndChecksum() {
    MigrationReport r = classify("V5_1__add_phone.sql", "ALTER TABLE customers ADD COLUMN phone text;");
    assertEquals("5.1", r.version());
    assertEquals("add phone", r.description());
    assertEquals("V5_1__add_phone.sql", r.file());
    assertEquals(new MigrationFile("x.sql", "ALTER TABLE customers ADD COLUMN phone text;".getBytes(StandardCharsets.UTF_8)).checksum(), r.checksum());
  }

  private static void assertUnknown(String sql, String whyContains, int line) {
    MigrationReport r = classify("V5__change.sql", sql);
    assertEquals(SafetyClass.UNKNOWN, r.safetyClass(), r.toString());
    assertTrue(r.unknownReasons().stream().anyMatch(x -> x.why().contains(whyContains)
        && x.why().contains("review by hand") && x.line() == line), r.toString());
  }

  @Test
  void statementsNotReadAreUnknownWithTheirLineNeverExpand() {
    assertUnknown("CREATE TABLE t (id int);\nDO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$;",
        "anonymous code block", 2);
    assertUnknown("CALL purge_users();", "statement not recognised (CALL purge_users", 1);
    assertUnknown("EXECUTE drop_plan;", "not recognised", 1);
    assertUnknown("WITH gone AS (DELETE FROM users RETURNING id) SELECT count(*) FROM gone;",
        "not recognised", 1);
    assertUnknown("ALTER TABLE users ATTACH PARTITION users_2026 FOR VALUES IN (1);",
        "ALTER TABLE users action not recognised (ATTACH)", 1);
    // a contract statement still makes the migration contract; the unknown one stays listed
    MigrationReport both = classify("V6__b.sql", "DO $$ BEGIN END $$;\nDROP TABLE users;");
    assertEquals(SafetyClass.CONTRACT, both.safetyClass());
    assertEquals(1, both.unknownReasons().size(), both.toString());
  }

  @Test
  void everyNameOfADropOrTruncateCounts() {
    MigrationReport drop = afterCreatingA("DROP TABLE a, users CASCADE;");
    assertEquals(SafetyClass.CONTRACT, drop.safetyClass(), drop.toString());
    assertTrue(drop.contractReasons().get(0).why().contains("drops table users"), drop.toString());
    assertContract("TRUNCATE TABLE ONLY new_one, users RESTART IDENTITY CASCADE;", "empties table new_one, users");
    MigrationReport truncate = afterCreatingA("TRUNCATE a, orders;");
    assertEquals(SafetyClass.CONTRACT, truncate.safetyClass(), truncate.toString());
    assertTrue(truncate.contractReasons().get(0).why().contains("empties table orders"), truncate.toString());
  }

  /** {@code sql} classified after a migration of the same release created table {@code a}. */
  private static MigrationReport afterCreatingA(String sql) {
    SafetyClassifier classifier = new SafetyClassifier();
    classifier.classify(new MigrationFile("V5__a.sql", "CREATE TABLE a (id int);".getBytes(StandardCharsets.UTF_8)));
    return classifier.classify(new MigrationFile("V6__b.sql", sql.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void createTableIfNotExistsNeverMakesATableNew() {
    MigrationReport r = classify("V5__t.sql",
        "CREATE TABLE IF NOT EXISTS users (id int);\nDROP TABLE users;");
    assertEquals(SafetyClass.CONTRACT, r.safetyClass(), r.toString());
    assertTrue(r.contractReasons().get(0).why().contains("drops table users"), r.toString());
    assertTrue(r.reasons().get(0).why().contains("not counted as new"), r.toString());
  }
}
