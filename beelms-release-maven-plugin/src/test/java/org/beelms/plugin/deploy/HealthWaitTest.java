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
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.beelms.plugin.identity.IdentityCheck;
import org.beelms.plugin.identity.IdentityProof;
import org.beelms.plugin.identity.IdentitySettings;
import org.beelms.plugin.identity.ReleaseIdentity;

class HealthWaitTest {

  private final AtomicReference<String> version = new AtomicReference<>("0.1.0");
  /** Health answers the old version this many more times, then the new one (a rollout in flight). */
  private final AtomicInteger oldAnswersLeft = new AtomicInteger(Integer.MAX_VALUE);
  /** False: health answers {"status":"ok"} only, as the real beelms core does. */
  private volatile boolean reportsVersion = true;
  private HttpServer server;
  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/health", exchange -> {
      if (oldAnswersLeft.getAndDecrement() <= 0) {
        version.set("0.2.0");
      }
      byte[] body = (reportsVersion ? "{\"status\":\"ok\",\"version\":\"" + version.get() + "\"}" : "{\"status\":\"ok\"}")
          .getBytes(StandardCharsets.UTF_8);
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

  private static final String NEW_DIGEST = "sha256:" + "6f1e".repeat(16);
  private static final String OLD_DIGEST = "sha256:" + "0a0b".repeat(16);
  private static final ReleaseIdentity V2 = new ReleaseIdentity("0.2.0", "v0.2.0", "1a2b3c4d5e6f", NEW_DIGEST);

  /** An identity command that prints what a container runtime says runs: the file {@code running}. */
  private HealthWait commandWait(Duration timeout, String mode) {
    IdentitySettings settings = IdentitySettings.declared(
        "<environments>/<environment> 'staging'", URI.create("http://127.0.0.1/api"), mode, null, null, null,
        "cat '" + dir.resolve("running") + "'");
    return new HealthWait(timeout, Duration.ofMillis(100),
        new IdentityCheck(settings, new HookRunner(dir, dir.resolve("hooks"), Duration.ofMinutes(5)).identityCommands("staging-identity")));
  }

  @Test
  void anOldInstanceAnswering200DoesNotEndTheWaitUntilTheNewIdentityRuns() throws Exception {
    reportsVersion = false;
    Files.writeString(dir.resolve("running"), "127.0.0.1:5000/beelms/core@" + OLD_DIGEST + "\n");
    // the platform swaps the container 1.5 s after the hook returned; health answers 200 all along
    Thread swap = new Thread(() -> {
      try {
        Thread.sleep(1500);
        Files.writeString(dir.resolve("running"), "127.0.0.1:5000/beelms/core@" + NEW_DIGEST + "\n");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long start = System.nanoTime();
    swap.start();

    HealthResult result = commandWait(Duration.ofSeconds(20), "command").await(health(), V2, Map.of());
    swap.join();

    assertTrue(result.ready(), result.describe());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1500, "waited for the swap: " + result.describe());
    assertTrue(result.attempts() > 1, result.describe());
    assertEquals("running image " + NEW_DIGEST + " = v0.2.0", result.identity().detail());
    assertTrue(result.describe().contains("identity: running image " + NEW_DIGEST + " = v0.2.0"), result.describe());
  }

  @Test
  void anotherReleaseAnsweringUntilTheDeadlineFailsSayingWhatWasSeen() throws Exception {
    reportsVersion = false;
    Files.writeString(dir.resolve("running"), "127.0.0.1:5000/beelms/core@" + OLD_DIGEST + "\n");

    HealthResult result = commandWait(Duration.ofSeconds(2), "command").await(health(), V2, Map.of());

    assertFalse(result.ready());
    assertEquals(IdentityProof.Outcome.ANOTHER_RELEASE, result.identity().outcome());
    assertTrue(result.describe().startsWith("another release answers: 127.0.0.1:5000/beelms/core@" + OLD_DIGEST),
        result.describe());
    assertTrue(result.describe().contains("did not answer HTTP 200 and the <identityCommand> showing v0.2.0"),
        result.describe());
  }

  @Test
  void theOldVersionInHealthUntilTheDeadlineIsAnotherRelease() {
    HealthResult result = new HealthWait(Duration.ofSeconds(1), Duration.ofMillis(200)).await(health(), V2, Map.of());

    assertFalse(result.ready());
    assertTrue(result.describe().startsWith("another release answers: 0.1.0"), result.describe());
  }

  @Test
  void healthWithoutAVersionEndsTheDefaultWaitAtOnceWithWhatToDeclare() {
    reportsVersion = false;
    long start = System.nanoTime();

    HealthResult result = new HealthWait(Duration.ofSeconds(20), Duration.ofMillis(100)).await(health(), V2, Map.of());

    assertFalse(result.ready());
    assertEquals(1, result.attempts(), result.describe());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "no use waiting");
    assertTrue(result.describe().contains("/health answers without a version"), result.describe());
    assertTrue(result.describe().contains("<identity>command</identity>"), result.describe());
  }

  @Test
  void noneEndsAtTheFirst200RecordedAsNotVerified() {
    reportsVersion = false;

    HealthResult result = commandWait(Duration.ofSeconds(5), "none").await(health(), V2, Map.of());

    assertTrue(result.ready(), result.describe());
    assertFalse(result.identity().proven());
    assertEquals("identity not verified", result.identity().describe());
    assertTrue(result.describe().contains("identity: identity not verified"), result.describe());
  }
}
