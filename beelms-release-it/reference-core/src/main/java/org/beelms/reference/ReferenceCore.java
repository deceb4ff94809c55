package org.beelms.reference;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.beelms.reference.api.ApiApplication;
import org.beelms.reference.backup.BackupSetup;
import org.beelms.reference.api.ClientAddress;
import org.beelms.reference.api.PasswordHasher;
import org.beelms.reference.db.CourseRepository;
import org.beelms.reference.db.Database;
import org.beelms.reference.db.Jdbc;
import org.beelms.reference.db.UserRepository;
import org.beelms.reference.db.WikiRepository;
import org.beelms.reference.pages.HangingOrigin;
import org.beelms.reference.pages.HtmlPages;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the reference beelms core: database (embedded unless a JDBC URL is given), Flyway migrations,
 * the configured admin account, then the HTTP server with the API under the prefix and the demo pages
 * at the root.
 */
public final class ReferenceCore {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceCore.class);
  /** Enough request threads that one slow (fault-delayed) request never blocks the others. */
  private static final int REQUEST_THREADS = 16;

  private ReferenceCore() {
  }

  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  /** Starts a server as {@code config} says; close the result to stop it and its embedded database. */
  public static RunningReferenceCore start(ReferenceCoreConfig config) {
    return start(config, DataOptions.DEFAULTS);
  }

  /** As {@link #start(ReferenceCoreConfig)}, with extra migrations and the backups' folder of {@code data}. */
  public static RunningReferenceCore start(ReferenceCoreConfig config, DataOptions data) {
    long startedAt = System.nanoTime();
    Database database = Database.start(config);
    ExecutorService requestThreads = null;
    HangingOrigin hanging = null;
    try {
      database.migrate(data.extraMigrations());
      new UserRepository(new Jdbc(database.dataSource()))
          .upsertAdmin(config.adminEmail(), new PasswordHasher().hash(config.adminPassword()));

      // The db-down fault cuts the API off from its database only now, after migrations and the admin.
      DataSource apiDataSource = config.faultDbDown() ? Database.unreachable() : database.dataSource();
      JdkHttpHandlerContainer api = ContainerFactory.createContainer(JdkHttpHandlerContainer.class,
          ApiApplication.create(config, apiDataSource, BackupSetup.jobs(data, database.dataSource())));
      Jdbc pagesJdbc = new Jdbc(apiDataSource);
      hanging = config.frontEnd().hangingThirdParty() ? new HangingOrigin(config.host()) : null;
      HtmlPages pages = new HtmlPages(new WikiRepository(pagesJdbc), new CourseRepository(pagesJdbc),
          config.apiPrefix(), config.frontEnd(), hanging == null ? null : hanging.script());

      // Like Node's HTTP server (noDelay by default since Node 18): without TCP_NODELAY, the JDK server's separate
      // writes of headers and body meet the client's delayed ACK on a kept-alive connection, and about every other
      // answer takes 40 ms more than it should. Read once, when the JDK's server is first used.
      if (System.getProperty(NODELAY_PROPERTY) == null) {
        System.setProperty(NODELAY_PROPERTY, "true");
      }
      HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
      requestThreads = Executors.newFixedThreadPool(REQUEST_THREADS, requestThreadFactory());
      server.setExecutor(requestThreads);
      server.createContext(config.apiPrefix(), ClientAddress.capturing(api));
      server.createContext("/", pages);
      server.start();
      api.getApplicationHandler().onStartup(api);
      config.identity().announce(config.reportedVersion(), java.time.Instant.now());

      RunningReferenceCore running = new RunningReferenceCore(config, server, requestThreads, api, database, hanging);
      LOG.info("beelms reference core {} listening on {} ({}, started in {} ms)", config.version(), running.apiUri(),
          database.embedded() ? "embedded PostgreSQL" : "external PostgreSQL",
          Duration.ofNanos(System.nanoTime() - startedAt).toMillis());
      if (config.jwtSecretGenerated()) {
        LOG.info("no JWT secret configured: tokens are signed with a random per-process secret");
      }
      return running;
    } catch (IOException e) {
      shutDown(requestThreads, database, hanging);
      throw new UncheckedIOException("could not bind " + config.host() + ":" + config.port()
          + " (is the port taken? use --port 0 for a free one)", e);
    } catch (RuntimeException e) {
      shutDown(requestThreads, database, hanging);
      throw e;
    }
  }

  private static void shutDown(ExecutorService requestThreads, Database database, HangingOrigin hanging) {
    if (hanging != null) {
      hanging.close();
    }
    if (requestThreads != null) {
      requestThreads.shutdownNow();
    }
    database.close();
  }

  private static ThreadFactory requestThreadFactory() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "beelms-http-" + count.incrementAndGet());
      // Daemon: a test that forgets close() must not keep the JVM alive.
      thread.setDaemon(true);
      return thread;
    };
  }
}
