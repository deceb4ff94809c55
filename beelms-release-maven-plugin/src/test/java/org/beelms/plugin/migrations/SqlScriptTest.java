package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void splitsOnSemicolonsAndKeepsStartLines() {
    List<SqlStatement> s =
        SqlScript.split("CREATE TABLE a (id int);\n\nINSERT INTO a VALUES (1);\n  SELECT 1");
    assertEquals(3, s.size());
    assertEquals(List.of(1, 3, 4), s.stream().map(SqlStatement::line).toList());
    assertEquals("INSERT INTO a VALUES (1)", s.get(1).text());
  }

  @Test
  void dropsLineAndNestedBlockComments() {
    List<SqlStatement> s =
        SqlScript.split("-- drop table x;\n/* outer /* inner; */ still comment; */\nSELECT 1; -- tail;");
    assertEquals(1, s.size());
    assertEquals("SELECT 1", s.get(0).text());
    assertEquals(3, s.get(0).line());
  }

  @Test
  void semicolonsInsideLiteralsIdentifiersAndDollarQuotesDoNotSplit() {
    String sql =
        "INSERT INTO t VALUES ('a;b', 'it''s; fine', E'back\\'slash;');\n"
            + "CREATE TABLE \"odd;name\" (id int);\n"
            + "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN DROP TABLE x; RETURN 1; END $body$"
            + " LANGUAGE plpgsql;\n"
            + "DO $$ BEGIN PERFORM 1; END $$;";
    List<SqlStatement> s = SqlScript.split(sql);
    assertEquals(4, s.size(), s.toString());
    assertEquals(List.of(1, 2, 3, 4), s.stream().map(SqlStatement::line).toList());
    assertTrue(s.get(2).text().contains("DROP TABLE x;"));
    assertTrue(!s.get(2).shape().contains("DROP"), s.get(2).shape());
    assertEquals("INSERT INTO t VALUES ('', '', E'')", s.get(0).shape());
  }

  @Test
  void linesInsideMultiLineLiteralsAreCounted() {
    List<SqlStatement> s = SqlScript.split("INSERT INTO t VALUES ('a\nb\nc');\nSELECT 2;");
    assertEquals(4, s.get(1).line());
  }
}
