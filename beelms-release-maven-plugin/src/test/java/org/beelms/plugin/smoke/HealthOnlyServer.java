package org.beelms.plugin.smoke;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP server on a loopback port that answers only {@code GET /api/health} (with the
 * given JSON) and 404 with a JSON message elsewhere: enough for the smoke library's preflight and
 * its OPS suite, so the gate runs the real launcher in unit tests.
 */
final class HealthOnlyServer implements AutoCloseable {

  private final HttpServer server;

  private HealthOnlyServer(HttpServer server) {
    this.server = server;
  }

  static HealthOnlyServer answering(String healthJson) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      if (exchange.getRequestURI().getPath().equals("/api/health")) {
        send(exchange, 200, healthJson);
      } else {
        send(exchange, 404, "{\"message\":\"no route " + exchange.getRequestURI().getPath() + "\"}");
      }
    });
    server.start();
    return new HealthOnlyServer(server);
  }

  String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
