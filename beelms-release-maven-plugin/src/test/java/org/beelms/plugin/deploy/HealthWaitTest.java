package org.beelms.plugin.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthWaitTest {

  private final AtomicReference<String> version = new AtomicReference<>("0.1.0");
  /** Health answers the old version this many more times, then the new one (a rollout in flight). */
  private final AtomicInteger oldAnswersLeft = new AtomicInteger(Integer.MAX_VALUE);
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/health", exchange -> {
      if (oldAnswersLeft.getAndDecrement() <= 0) {
        version.set("0.2.0");
      }
      byte[] body = ("{\"status\":\"ok\",\"version\":\"" + version.get() + "\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI health() {
    return HealthWait.healthUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/"));
  }

  @Test
  void isReadyWhenHealthReportsTheDeployedVersion() {
    HealthResult result = new HealthWait(Duration.ofSeconds(5), Duration.ofMillis(100)).await(health(), "0.1.0");

    assertTrue(result.ready(), result.describe());
    assertEquals(Optional.of("0.1.0"), result.reportedVersion());
    assertTrue(health().toString().endsWith(":" + server.getAddress().getPort() + "/api/health"));
  }

  @Test
  void waitsWhileTheOldVersionStillAnswers() {
    oldAnswersLeft.set(2);

    HealthResult result = new HealthWait(Duration.ofSeconds(10), Duration.ofMillis(100)).await(health(), "0.2.0");

    assertTrue(result.ready(), result.describe());
    assertTrue(result.attempts() > 1, "asked again while 0.1.0 answered: " + result.describe());
  }

  @Test
  void givesUpAtTheDeadlineNamingTheUrlAndTheVersionItWaitedFor() {
    long start = System.nanoTime();
    HealthResult result = new HealthWait(Duration.ofSeconds(1), Duration.ofMillis(200)).await(health(), "0.2.0");

    assertFalse(result.ready());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 8000, "bounded");
    assertTrue(result.describe().contains(health().toString()), result.describe());
    assertTrue(result.describe().contains("reporting version 0.2.0"), result.describe());
    assertTrue(result.describe().contains("last: HTTP 200, version 0.1.0"), result.describe());
  }

  @Test
  void givesUpOnAServerThatNeverComesUp() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    URI nobody = URI.create("http://127.0.0.1:" + port + "/api/health");
    long start = System.nanoTime();

    HealthResult result = new HealthWait(Duration.ofSeconds(1), Duration.ofMillis(200)).await(nobody, "0.1.0");

    assertFalse(result.ready());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 8000, "bounded");
    assertTrue(result.describe().contains("ConnectException"), result.describe());
  }
}
