package org.beelms.plugin.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.beelms.plugin.migrations.MigrationVersion;

/**
 * The newest migration a database's history records, read over JDBC with bounded timeouts: Flyway's
 * {@code flyway_schema_history} (the highest successful version) or TypeORM's {@code migrations}
 * table (the newest {@code timestamp}), as beelms core's TypeORM migrations record them.
 */
public final class MigrationHistory {

  /**
   * @param table {@code flyway_schema_history} or {@code migrations}
   * @param newest the newest version ({@code 4}) or timestamp ({@code 1716000000000}); empty when the table is empty
   */
  public record Newest(String table, Optional<String> newest) {
  }

  private MigrationHistory() {
  }

  /** The newest migration recorded; {@link SQLException} when the database cannot be read or has no history. */
  public static Newest read(DatabaseAccess database) throws SQLException {
    Properties properties = new Properties();
    if (!database.user().isEmpty()) {
      properties.setProperty("user", database.user());
    }
    if (!database.password().isEmpty()) {
      properties.setProperty("password", database.password());
    }
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("loginTimeout", "5");
    properties.setProperty("socketTimeout", "30");
    try (Connection connection = DriverManager.getConnection(database.url(), properties);
        Statement statement = connection.createStatement()) {
      if (exists(statement, "flyway_schema_history")) {
        List<String> versions = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(
            "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
          while (rs.next()) {
            versions.add(rs.getString(1));
          }
        }
        return new Newest("flyway_schema_history", versions.stream().filter(MigrationVersion::isValid)
            .max(Comparator.comparing(MigrationVersion::parse)));
      }
      if (exists(statement, "migrations")) {
        try (ResultSet rs = statement.executeQuery("SELECT max(\"timestamp\")::text FROM migrations")) {
          rs.next();
          return new Newest("migrations", Optional.ofNullable(rs.getString(1)));
        }
      }
      throw new SQLException("neither flyway_schema_history (Flyway) nor migrations (TypeORM) exists in "
          + database.shown());
    }
  }

  /** True when {@code applied} is {@code expected}: Flyway versions compared as versions ({@code 4} = {@code 4.0}). */
  public static boolean same(String applied, String expected) {
    if (MigrationVersion.isValid(applied) && MigrationVersion.isValid(expected)) {
      return MigrationVersion.parse(applied).compareTo(MigrationVersion.parse(expected)) == 0;
    }
    return applied.equals(expected);
  }

  private static boolean exists(Statement statement, String table) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
