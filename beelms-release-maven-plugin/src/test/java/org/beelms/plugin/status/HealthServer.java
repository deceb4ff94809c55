package org.beelms.plugin.status;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A real HTTP server answering {@code GET /api/health} with the version the test sets. */
final class HealthServer implements AutoCloseable {

  private final HttpServer server;
  volatile String version;
  volatile int status = 200;

  HealthServer(String version) throws IOException {
    this.version = version;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/health", exchange -> {
      byte[] body = (status == 200
              ? "{\"status\":\"ok\"" + (version == null ? "" : ",\"version\":\"" + version + "\"") + "}"
              : "{\"status\":\"down\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  URI api() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
