package org.beelms.plugin.backup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The reference core's runnable jar (built by the reference-core module, which the reactor builds
 * before these tests) started as a real process on a free loopback port, stopped on close.
 */
final class ReferenceCoreProcess implements AutoCloseable {

  static final String ADMIN_EMAIL = "admin@beelms.local";
  static final String ADMIN_PASSWORD = "Backup-Test-Admin-1";

  private final Process process;
  private final URI api;

  private ReferenceCoreProcess(Process process, URI api) {
    this.process = process;
    this.api = api;
  }

  /** Starts the jar with {@code flags} and waits (at most 60 s) until {@code /api/health} answers 200. */
  static ReferenceCoreProcess start(Path log, String... flags) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString(),
        "--port", String.valueOf(port), "--admin-password", ADMIN_PASSWORD, "--no-rate-limits"));
    command.addAll(List.of(flags));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    URI api = URI.create("http://127.0.0.1:" + port + "/api");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the reference core exited: " + Files.readString(log));
      }
      try {
        HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(api + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (health.statusCode() == 200) {
          return new ReferenceCoreProcess(process, api);
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the reference core did not answer within 60 s: " + Files.readString(log));
  }

  URI api() {
    return api;
  }

  private static Path jar() throws IOException {
    Path target = Path.of("..", "beelms-release-it", "reference-core", "target").toAbsolutePath().normalize();
    try (Stream<Path> files = Files.list(target)) {
      return files.filter(p -> p.getFileName().toString().matches("beelms-reference-core-.*-runnable\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("no runnable jar in " + target
              + "; build it: ./mvnw -pl beelms-release-it/reference-core -am install -DskipTests"));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalStateException(target + " is missing; build the reference core first", e);
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
