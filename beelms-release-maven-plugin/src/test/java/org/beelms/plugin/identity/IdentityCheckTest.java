package org.beelms.plugin.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.beelms.plugin.deploy.HookRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity read three ways from real parts: a real HTTP server, real shell commands. */
class IdentityCheckTest {

  private static final String DIGEST = "sha256:" + "6f1e".repeat(16);
  private static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  private static final ReleaseIdentity RELEASE = new ReleaseIdentity("0.2.0", "v0.2.0", COMMIT, DIGEST);
  private static final Duration BUDGET = Duration.ofSeconds(5);

  @TempDir Path dir;
  private HttpServer server;
  private volatile String build = "{\"version\":\"0.2.0\",\"build\":{\"commit\":\"" + COMMIT + "\"}}";

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/build", exchange -> {
      byte[] body = build.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("X-App-Version", "0.1.0");
      exchange.getResponseHeaders().add("Content-Type", "application/json");
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

  private URI api() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
  }

  private IdentityCheck endpoint(String pointer) {
    return new IdentityCheck(
        IdentitySettings.declared("<environments>/<environment> 'staging'", api(), "endpoint", null, "/build", pointer, null),
        null);
  }

  private IdentityCheck command(String command) {
    return new IdentityCheck(
        IdentitySettings.declared("<environments>/<environment> 'staging'", api(), "command", null, null, null, command),
        new HookRunner(dir, dir.resolve("hooks"), Duration.ofMinutes(5)).identityCommands("staging-identity"));
  }

  @Test
  void anEndpointsJsonPointerToTheCommitProvesTheRelease() {
    IdentityProof proof = endpoint("/build/commit").look(RELEASE, "", Map.of(), BUDGET);

    assertTrue(proof.proven(), proof.toString());
    assertEquals("running commit " + COMMIT + " = v0.2.0", proof.detail());
    assertEquals(IdentityMode.ENDPOINT, proof.mode());
  }

  @Test
  void anEndpointsHeaderNamingAnotherVersionIsAnotherRelease() {
    IdentityProof proof = endpoint("header:X-App-Version").look(RELEASE, "", Map.of(), BUDGET);

    assertEquals(IdentityProof.Outcome.ANOTHER_RELEASE, proof.outcome());
    assertEquals("another release answers: 0.1.0", proof.describe());
    assertTrue(proof.detail().contains("header X-App-Version is 0.1.0"), proof.detail());
  }

  @Test
  void aMissingPointerIsNotRead() {
    IdentityProof proof = endpoint("/build/image").look(RELEASE, "", Map.of(), BUDGET);

    assertEquals(IdentityProof.Outcome.NOT_READ, proof.outcome());
    assertTrue(proof.detail().endsWith("/build/image is missing or empty"), proof.detail());
  }

  @Test
  void aCommandPrintingTheImageReferenceWithTheHooksVariablesProvesTheRelease() {
    IdentityProof proof =
        command("printf '%s\\n' \"$IMAGE_REFERENCE\"")
            .look(RELEASE, "", Map.of("IMAGE_REFERENCE", "127.0.0.1:5000/beelms/core@" + DIGEST), BUDGET);

    assertTrue(proof.proven(), proof.toString());
    assertEquals("running image " + DIGEST + " = v0.2.0", proof.detail());
  }

  @Test
  void aFailingCommandIsNotReadAndItsSecretsAreMasked() throws Exception {
    IdentityProof proof =
        command("echo \"cannot log in with $REGISTRY_TOKEN\"; exit 3")
            .look(RELEASE, "", Map.of("REGISTRY_TOKEN", "tok-9f8e7d6c5b4a"), BUDGET);

    assertEquals(IdentityProof.Outcome.NOT_READ, proof.outcome());
    assertTrue(proof.detail().startsWith("the <identityCommand> exited with 3"), proof.detail());
    assertFalse(proof.toString().contains("tok-9f8e7d6c5b4a"), proof.toString());
    assertFalse(Files.readString(dir.resolve("hooks/staging-identity.log")).contains("tok-9f8e7d6c5b4a"));
  }

  @Test
  void aCommandThatHangsIsStoppedAtItsBound() {
    long start = System.nanoTime();
    IdentityProof proof = command("sleep 20").look(RELEASE, "", Map.of(), Duration.ofMillis(600));

    assertEquals(IdentityProof.Outcome.NOT_READ, proof.outcome());
    assertTrue(proof.detail().contains("did not finish within 600 ms"), proof.detail());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "bounded");
  }

  @Test
  void healthWithoutAVersionCannotProveAnythingAndSaysWhatToDeclare() {
    IdentityCheck health = IdentityCheck.health();
    IdentityProof proof = health.look(RELEASE, "{\"status\":\"ok\"}", Map.of(), BUDGET);

    assertEquals(IdentityProof.Outcome.NOT_READ, proof.outcome());
    assertTrue(health.hopeless(proof));
    assertTrue(proof.detail().contains("<identity>command</identity>"), proof.detail());
    assertTrue(health.look(RELEASE, "{\"status\":\"ok\",\"version\":\"0.2.0\"}", Map.of(), BUDGET).proven());
  }

  @Test
  void noneIsAcceptedButNeverVerified() {
    IdentityCheck none = new IdentityCheck(
        IdentitySettings.declared("<environments>/<environment> 'staging'", api(), "none", null, null, null, null), null);
    IdentityProof proof = none.look(RELEASE, "{\"status\":\"ok\"}", Map.of(), BUDGET);

    assertTrue(proof.accepted());
    assertFalse(proof.proven());
    assertEquals("identity not verified", proof.describe());
    assertFalse(proof.toJson().path("verified").asBoolean(true));
    assertEquals(IdentityProof.Outcome.NOT_VERIFIED, IdentityProof.fromJson(proof.toJson()).outcome());
  }
}
