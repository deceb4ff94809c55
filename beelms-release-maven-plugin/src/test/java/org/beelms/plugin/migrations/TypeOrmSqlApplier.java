package org.beelms.plugin.migrations;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * A stand-in for {@code npm run migration:run} in tests, where Node and TypeORM are not
 * installed: reads {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER}, {@code DB_PASSWORD} and
 * {@code DB_NAME} like beelms core's {@code data-source.ts}, applies every migration of the
 * folder (first argument) not yet in the {@code migrations} table, in timestamp order, with the
 * SQL our static reader extracts, and records it there as TypeORM does. Exit code 1 on failure.
 */
public final class TypeOrmSqlApplier {

  private TypeOrmSqlApplier() {}

  public static void main(String[] args) throws Exception {
    String url = "jdbc:postgresql://" + System.getenv("DB_HOST") + ":" + System.getenv("DB_PORT") + "/"
        + System.getenv("DB_NAME");
    try (Connection c = DriverManager.getConnection(url, System.getenv("DB_USER"), System.getenv("DB_PASSWORD"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS migrations (id SERIAL PRIMARY KEY, \"timestamp\" bigint NOT NULL,"
          + " name varchar NOT NULL)");
      Set<Long> applied = new HashSet<>();
      try (ResultSet rs = s.executeQuery("SELECT \"timestamp\" FROM migrations")) {
        while (rs.next()) {
          applied.add(rs.getLong(1));
        }
      }
      for (TypeOrmMigration m : TypeOrmMigrationSet.scan(Path.of(args[0])).migrations()) {
        if (applied.contains(m.timestamp())) {
          continue;
        }
        System.out.println("applying " + m.className());
        for (TypeOrmStatement st : m.up()) {
          s.execute(st.sql().orElseThrow(() -> new IllegalStateException("computed SQL in " + m.fileName())));
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO migrations (\"timestamp\", name) VALUES (?, ?)")) {
          p.setLong(1, m.timestamp());
          p.setString(2, m.className());
          p.executeUpdate();
        }
      }
    } catch (Exception e) {
      System.out.println("migration failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
