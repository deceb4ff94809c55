package org.beelms.plugin.migrations;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.beelms.plugin.gate.Finding;

/**
 * A fresh database compared with one upgraded from the previous release, through the catalog:
 * one error finding per object that differs, and how many objects were compared.
 */
record SchemaComparison(List<Finding> findings, int objects) {

  /** Compares two migrated scratch databases and records the outcome. */
  @FunctionalInterface
  interface Step {
    void compare(ScratchDatabase fresh, ScratchDatabase upgraded) throws SQLException;
  }

  static SchemaComparison of(ScratchDatabase fresh, ScratchDatabase upgraded, String tag) throws SQLException {
    SchemaSnapshot a = snapshot(fresh);
    SchemaSnapshot b = snapshot(upgraded);
    List<Finding> findings = new ArrayList<>();
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
    return new SchemaComparison(List.copyOf(findings), a.asMap().size());
  }

  private static SchemaSnapshot snapshot(ScratchDatabase db) throws SQLException {
    try (Connection c = ScratchDatabases.connect(db.connection())) {
      return SchemaSnapshot.read(c, db.schema());
    }
  }
}
