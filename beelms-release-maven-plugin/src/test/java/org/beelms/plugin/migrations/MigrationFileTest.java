package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MigrationFileTest {

  private static MigrationFile file(String name) {
    return new MigrationFile(name, "SELECT 1;".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsVersionedRepeatableAndCallbackNames() {
    MigrationFile v = file("V1_2__add_course_subtitle.sql");
    assertEquals(MigrationFile.Kind.VERSIONED, v.kind());
    assertEquals(MigrationVersion.parse("1.2"), v.version().orElseThrow());
    assertEquals("add course subtitle", v.description());
    assertEquals(MigrationFile.Kind.REPEATABLE, file("R__views.sql").kind());
    assertEquals(MigrationFile.Kind.CALLBACK, file("afterMigrate.sql").kind());
  }

  @Test
  void explainsInvalidNames() {
    assertTrue(file("V3_add_x.sql").nameProblem().contains("two underscores"));
    assertTrue(file("V3__.sql").nameProblem().contains("no description"));
    assertTrue(file("v3__x.sql").nameProblem().contains("upper-case"));
    assertTrue(file("V3a__x.sql").nameProblem().contains("not a Flyway version"));
    assertTrue(file("create_tables.sql").nameProblem().contains("ignores"));
  }

  @Test
  void versionsCompareAsFlywayDoes() {
    assertEquals(MigrationVersion.parse("1.1"), MigrationVersion.parse("1_01"));
    assertEquals(MigrationVersion.parse("2"), MigrationVersion.parse("2.0"));
    assertTrue(MigrationVersion.parse("1.10").compareTo(MigrationVersion.parse("1.9")) > 0);
  }

  @Test
  void checksumIgnoresLineEndingsAndByteOrderMark() {
    MigrationFile unix = new MigrationFile("V1__a.sql", "SELECT 1;\nSELECT 2;\n".getBytes(StandardCharsets.UTF_8));
    MigrationFile windows = new MigrationFile("V1__a.sql", "\uFEFFSELECT 1;\r\nSELECT 2;\r\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(unix.checksum(), windows.checksum());
  }
}
