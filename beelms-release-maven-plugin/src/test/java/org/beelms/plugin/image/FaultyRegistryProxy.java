package org.beelms.plugin.image;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain HTTP proxy on loopback in front of a real {@link LoopbackRegistry}: every request is
 * forwarded as is, except that, once {@link #failTheCheckAfterTheNextManifestPut()} is armed, the
 * first {@code HEAD} or {@code GET} of a manifest that follows a successful manifest {@code PUT}
 * to the same path is answered {@code 500} instead of being forwarded, as a registry whose
 * read side hiccups right after a write. The {@code PUT} itself reaches the registry: the tag
 * really moves.
 */
public final class FaultyRegistryProxy implements AutoCloseable {

  private static final Set<String> NOT_FORWARDED =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive");

  private final LoopbackRegistry registry;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicReference<String> putPath = new AtomicReference<>();
  private final AtomicInteger faults = new AtomicInteger();
  private final java.net.ServerSocket front;

  public FaultyRegistryProxy(LoopbackRegistry registry) throws IOException {
    this.registry = registry;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    this.front = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::relay, "faulty-registry-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  /** {@code 127.0.0.1:<port>}: image references through the proxy use it as their registry. */
  public String hostPort() {
    return "127.0.0.1:" + front.getLocalPort();
  }

  /**
   * The front door: a TLS ClientHello (first byte 0x16) is refused by closing the connection, as a
   * plain-HTTP registry's TLS failure, so clients fall back to HTTP at once (the JDK's HttpServer
   * would wait for a request line); anything else is relayed byte for byte to the HTTP handler.
   */
  private void relay() {
    while (!front.isClosed()) {
      try {
        java.net.Socket client = front.accept();
        Thread pipe = new Thread(() -> {
          try (client) {
            int first = client.getInputStream().read();
            if (first < 0 || first == 0x16) {
              return;
            }
            try (java.net.Socket inner = new java.net.Socket(InetAddress.getLoopbackAddress(),
                server.getAddress().getPort())) {
              inner.getOutputStream().write(first);
              Thread up = new Thread(() -> copy(client, inner));
              up.setDaemon(true);
              up.start();
              copy(inner, client);
            }
          } catch (IOException e) {
            // the client or the handler went away: the connection ends
          }
        });
        pipe.setDaemon(true);
        pipe.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void copy(java.net.Socket from, java.net.Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // closed
    }
  }

  /** The next manifest PUT goes through; the check that follows it gets a 500. */
  public void failTheCheckAfterTheNextManifestPut() {
    putPath.set(null);
    armed.set(true);
  }

  /** How many checks were answered 500. */
  public int faults() {
    return faults.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      boolean manifest = path.contains("/manifests/");
      if (manifest && armed.get() && path.equals(putPath.get()) && (method.equals("HEAD") || method.equals("GET"))) {
        armed.set(false);
        putPath.set(null);
        faults.incrementAndGet();
        byte[] body = "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"injected by the test proxy\"}]}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(500, method.equals("HEAD") ? -1 : body.length);
        if (!method.equals("HEAD")) {
          exchange.getResponseBody().write(body);
        }
        return;
      }
      byte[] requestBody;
      try (InputStream in = exchange.getRequestBody()) {
        requestBody = in.readAllBytes();
      }
      String query = exchange.getRequestURI().getRawQuery();
      HttpRequest.Builder forward =
          HttpRequest.newBuilder(URI.create("http://" + registry.hostPort() + path + (query == null ? "" : "?" + query)))
              .timeout(Duration.ofSeconds(30))
              .method(method, requestBody.length == 0
                  ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
          header.getValue().forEach(value -> forward.header(header.getKey(), value));
        }
      }
      HttpResponse<byte[]> answer;
      try {
        answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted forwarding " + method + " " + path, e);
      }
      if (manifest && method.equals("PUT") && answer.statusCode() / 100 == 2 && armed.get()) {
        putPath.set(path);
      }
      answer.headers().map().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] body = answer.body();
      exchange.sendResponseHeaders(answer.statusCode(),
          method.equals("HEAD") || body.length == 0 ? -1 : body.length);
      if (body.length > 0 && !method.equals("HEAD")) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      front.close();
    } catch (IOException e) {
      // already closed
    }
    server.stop(0);
  }
}
