package org.beelms.reference.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.beelms.reference.ReferenceCoreConfig;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference core's PostgreSQL: an external one from the JDBC URL, or an embedded one in a
 * temporary directory that lives as long as this object. Owns the connection pool and runs the
 * Flyway migrations.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  /** Bounds how long a request waits for a connection when the database is gone: health must answer quickly. */
  private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

  private final EmbeddedPostgres embedded;
  private final HikariDataSource pool;
  private final AtomicBoolean embeddedStopped = new AtomicBoolean();

  private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
    this.embedded = embedded;
    this.pool = pool;
  }

  /** Starts (embedded) or connects to (external) the database and opens the pool; fails if it cannot connect. */
  public static Database start(ReferenceCoreConfig config) {
    EmbeddedPostgres embedded = null;
    String url;
    String user;
    String password;
    if (config.jdbcUrl().isPresent()) {
      url = config.jdbcUrl().get();
      user = config.jdbcUser().orElse(null);
      password = config.jdbcPassword().orElse(null);
    } else {
      try {
        embedded = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL (pass --jdbc-url to use an "
            + "external one)", e);
      }
      url = embedded.getJdbcUrl("postgres", "postgres");
      user = "postgres";
      password = null;
      LOG.info("embedded PostgreSQL started on port {}", embedded.getPort());
    }
    try {
      return new Database(embedded, openPool(url, user, password));
    } catch (RuntimeException e) {
      closeQuietly(embedded);
      throw e;
    }
  }

  private static HikariDataSource openPool(String url, String user, String password) {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("beelms-reference-core");
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(10);
    hikari.setMinimumIdle(1);
    hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    hikari.setValidationTimeout(1_000);
    // Fail the start, with the cause, when the database is unreachable; do not retry for 30 s.
    hikari.setInitializationFailTimeout(5_000);
    hikari.addDataSourceProperty("connectTimeout", "2");
    hikari.addDataSourceProperty("socketTimeout", "30");
    return new HikariDataSource(hikari);
  }

  /** Applies the SQL migrations under {@code db/migration} (schema and seed data). */
  public void migrate() {
    migrate(java.util.Optional.empty());
  }

  /**
   * Applies the built-in migrations, then those in {@code extra} ({@code --extra-migrations}). Applied
   * migrations newer than the ones known here (a newer release ran on this database) are left alone,
   * as Flyway does by default: an older release starts on a newer schema, which is what a rollback
   * without a restore does to it.
   */
  public void migrate(java.util.Optional<java.nio.file.Path> extra) {
    java.util.List<String> locations = new java.util.ArrayList<>(java.util.List.of("classpath:db/migration"));
    extra.ifPresent(dir -> locations.add("filesystem:" + dir));
    Flyway.configure()
        .dataSource(pool)
        .locations(locations.toArray(String[]::new))
        .load()
        .migrate();
  }

  /** The pool on the real database. */
  public DataSource dataSource() {
    return pool;
  }

  /**
   * A data source whose every connection attempt is refused at once: a PostgreSQL URL on a port that
   * was just free. Used by the db-down fault so the API loses its database while the real one stays up
   * for the test that inspects it.
   */
  public static DataSource unreachable() {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a closed port for the db-down fault", e);
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {"127.0.0.1"});
    dataSource.setPortNumbers(new int[] {closedPort});
    dataSource.setDatabaseName("beelms");
    dataSource.setUser("beelms");
    dataSource.setConnectTimeout(1);
    dataSource.setLoginTimeout(1);
    return dataSource;
  }

  /** True when this object runs an embedded PostgreSQL. */
  public boolean embedded() {
    return embedded != null;
  }

  /** Stops the embedded PostgreSQL now, leaving the pool (and the API) pointing at nothing. */
  public void stopEmbedded() {
    if (embedded == null) {
      throw new IllegalStateException("the database is external (--jdbc-url); stop it yourself");
    }
    if (embeddedStopped.compareAndSet(false, true)) {
      // Drop pooled connections first so the pool does not hand out sockets to a dead server.
      pool.getHikariPoolMXBean().softEvictConnections();
      closeQuietly(embedded);
      LOG.info("embedded PostgreSQL stopped");
    }
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null && embeddedStopped.compareAndSet(false, true)) {
      closeQuietly(embedded);
    }
  }

  private static void closeQuietly(EmbeddedPostgres embedded) {
    if (embedded == null) {
      return;
    }
    try {
      embedded.close();
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
