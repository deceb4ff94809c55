package org.beelms.reference;

import com.sun.net.httpserver.HttpServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.beelms.reference.db.Database;
import org.glassfish.jersey.jdkhttp.JdkHttpHandlerContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started reference core. {@link #close()} stops the HTTP server and (if embedded) the database. */
public final class RunningReferenceCore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunningReferenceCore.class);

  private final ReferenceCoreConfig config;
  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final JdkHttpHandlerContainer api;
  private final Database database;
  /** The never-answering third-party origin ({@code --hanging-third-party}), or {@code null}. */
  private final AutoCloseable hangingOrigin;
  private final URI baseUri;
  private final AtomicBoolean closed = new AtomicBoolean();

  RunningReferenceCore(ReferenceCoreConfig config, HttpServer server, ExecutorService requestThreads,
      JdkHttpHandlerContainer api, Database database, AutoCloseable hangingOrigin) {
    this.config = config;
    this.server = server;
    this.requestThreads = requestThreads;
    this.api = api;
    this.database = database;
    this.hangingOrigin = hangingOrigin;
    this.baseUri = baseUri(server.getAddress());
  }

  private static URI baseUri(InetSocketAddress bound) {
    InetAddress address = bound.getAddress();
    String host;
    if (address == null || address.isAnyLocalAddress()) {
      host = "127.0.0.1";
    } else if (address instanceof Inet6Address) {
      host = "[" + address.getHostAddress() + "]";
    } else {
      host = address.getHostAddress();
    }
    return URI.create("http://" + host + ":" + bound.getPort());
  }

  /** The server root, where the HTML pages are, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The API root, e.g. {@code http://127.0.0.1:41234/api}. */
  public URI apiUri() {
    return URI.create(baseUri + config.apiPrefix());
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  public ReferenceCoreConfig config() {
    return config;
  }

  /** The real database (also under the db-down fault), for tests that count rows. */
  public DataSource dataSource() {
    return database.dataSource();
  }

  /** Stops the embedded PostgreSQL behind the running API; health then reports {@code db: down}. */
  public void stopDatabase() {
    database.stopEmbedded();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    if (hangingOrigin != null) {
      try {
        hangingOrigin.close();
      } catch (Exception e) {
        LOG.warn("the hanging third-party port did not close: {}", e.getMessage());
      }
    }
    requestThreads.shutdownNow();
    try {
      if (!requestThreads.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("request threads still busy 5 s after stop; closing the database anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    api.getApplicationHandler().onShutdown(api);
    database.close();
    LOG.info("beelms reference core on {} stopped", baseUri);
  }
}
