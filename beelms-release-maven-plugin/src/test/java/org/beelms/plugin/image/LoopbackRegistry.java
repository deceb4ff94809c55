package org.beelms.plugin.image;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real OCI registry for tests: Debian's {@code docker-registry} (distribution 2.x) started on
 * 127.0.0.1 on a free port, with its storage and config in a temp folder, optionally protected
 * by htpasswd. Start waits (bounded) until {@code GET /v2/} answers; {@link #close()} stops it
 * and deletes its folder.
 *
 * <p>Test classes get a shared plain instance (one per test run) through {@link Extension};
 * tests that need credentials start their own with {@link #startWithHtpasswd}.
 */
public final class LoopbackRegistry implements AutoCloseable {

  /** Where Debian's package installs the registry. */
  public static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path directory;
  private final int port;
  private final Optional<String> basicAuth;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LoopbackRegistry(Process process, Path directory, int port, Optional<String> basicAuth) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.basicAuth = basicAuth;
  }

  /** Starts a registry without authentication. */
  public static LoopbackRegistry start() throws IOException {
    return start(Optional.empty(), Optional.empty());
  }

  /** Starts a registry that accepts only {@code user} with {@code password} (htpasswd, bcrypt). */
  public static LoopbackRegistry startWithHtpasswd(String user, String password) throws IOException {
    String hash =
        BCrypt.with(BCrypt.Version.VERSION_2Y)
            .hashToString(5, password.toCharArray());
    return start(
        Optional.of(user + ":" + hash + "\n"),
        Optional.of(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
  }

  private static LoopbackRegistry start(Optional<String> htpasswd, Optional<String> basicAuth)
      throws IOException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          BINARY
              + " is missing: the image tests need a real registry; install it with"
              + " `sudo apt-get update && sudo apt-get install -y docker-registry`"
              + " (CI installs it)");
    }
    Path directory = Files.createTempDirectory("beelms-registry-");
    int port = freePort();
    Path storage = Files.createDirectories(directory.resolve("storage"));
    StringBuilder config = new StringBuilder();
    config.append("version: 0.1\n")
        .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append('\n')
        .append("  delete:\n    enabled: true\n")
        .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
        .append("  secret: beelms-loopback-registry\n")
        .append("health:\n  storagedriver:\n    enabled: false\n");
    if (htpasswd.isPresent()) {
      Path file = directory.resolve("htpasswd");
      Files.writeString(file, htpasswd.get());
      config.append("auth:\n  htpasswd:\n    realm: beelms-loopback\n    path: ")
          .append(file).append('\n');
    }
    Path configFile = directory.resolve("config.yml");
    Files.writeString(configFile, config.toString());
    Path log = directory.resolve("registry.log");
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    LoopbackRegistry registry = new LoopbackRegistry(process, directory, port, basicAuth);
    try {
      registry.awaitReady();
    } catch (IOException | RuntimeException e) {
      registry.close();
      throw e;
    }
    return registry;
  }

  private void awaitReady() throws IOException {
    URI v2 = URI.create("http://" + hostPort() + "/v2/");
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited with " + process.exitValue() + " before " + v2
                + " answered; its log:\n" + log());
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(v2).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200 || response.statusCode() == 401) {
          return;
        }
        last = "HTTP " + response.statusCode();
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + v2, e);
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + v2, e);
      }
    }
    throw new IllegalStateException(
        "docker-registry did not answer GET " + v2 + " with 200 or 401 within " + START_TIMEOUT
            + " (last: " + last + "); its log:\n" + log());
  }

  /** {@code 127.0.0.1:<port>}, the registry part of an image reference. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:<port>/<repository>}. */
  public String image(String repository) {
    return hostPort() + "/" + repository;
  }

  /** The tags of {@code repository}, read through the registry API (empty when none). */
  public List<String> tags(String repository) throws IOException {
    HttpResponse<String> response = get("/v2/" + repository + "/tags/list", "application/json");
    if (response.statusCode() == 404) {
      return List.of();
    }
    check(response, "tags of " + repository);
    List<String> tags = new ArrayList<>();
    JSON.readTree(response.body()).path("tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }

  /** The manifest digest of {@code repository:tag} from the registry's header, empty if absent. */
  public Optional<String> digest(String repository, String tag) throws IOException {
    HttpResponse<String> response =
        get("/v2/" + repository + "/manifests/" + tag, String.join(",", ManifestCopy.MANIFEST_MEDIA_TYPES));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    check(response, repository + ":" + tag);
    return response.headers().firstValue(ManifestCopy.DIGEST_HEADER);
  }

  /** The manifest of {@code repository:tag} as JSON. */
  public JsonNode manifest(String repository, String tag) throws IOException {
    HttpResponse<String> response =
        get("/v2/" + repository + "/manifests/" + tag, String.join(",", ManifestCopy.MANIFEST_MEDIA_TYPES));
    check(response, repository + ":" + tag);
    return JSON.readTree(response.body());
  }

  /** The container configuration (entrypoint, env, ...) of {@code repository:tag}. */
  public JsonNode config(String repository, String tag) throws IOException {
    String digest = manifest(repository, tag).path("config").path("digest").asText();
    HttpResponse<String> response = get("/v2/" + repository + "/blobs/" + digest, "*/*");
    check(response, "config blob " + digest);
    return JSON.readTree(response.body());
  }

  /**
   * Deletes the manifest {@code repository@digest} (the config enables deletes), as a retention
   * policy would: every tag on it is gone afterwards.
   */
  public void delete(String repository, String digest) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + hostPort() + "/v2/" + repository + "/manifests/" + digest))
            .timeout(Duration.ofSeconds(10))
            .DELETE();
    basicAuth.ifPresent(auth -> request.header("Authorization", auth));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted deleting " + repository + "@" + digest, e);
    }
    if (response.statusCode() != 202) {
      throw new IOException(
          "loopback registry answered HTTP " + response.statusCode() + " to DELETE " + repository + "@"
              + digest + ": " + response.body());
    }
  }

  private HttpResponse<String> get(String path, String accept) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + hostPort() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Accept", accept)
            .GET();
    basicAuth.ifPresent(auth -> request.header("Authorization", auth));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted reading " + path, e);
    }
  }

  private static void check(HttpResponse<String> response, String what) throws IOException {
    if (response.statusCode() != 200) {
      throw new IOException(
          "loopback registry answered HTTP " + response.statusCode() + " for " + what + ": " + response.body());
    }
  }

  /**
   * Every file in the registry's storage (blobs, links, uploads in progress): a push of any kind
   * adds some, so an unchanged listing proves that nothing was pushed.
   */
  public List<String> storedFiles() throws IOException {
    Path storage = directory.resolve("storage");
    try (Stream<Path> files = Files.walk(storage)) {
      return files.filter(Files::isRegularFile).map(f -> storage.relativize(f).toString()).sorted().toList();
    }
  }

  /** The registry's own log, for failure messages. */
  public String log() {
    try {
      return Files.readString(directory.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Resolves a {@link LoopbackRegistry} parameter with one plain registry shared by every test
   * class of the run, kept in the root store and closed by JUnit at the end.
   */
  public static final class Extension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(LoopbackRegistry.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == LoopbackRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context
          .getRoot()
          .getStore(NAMESPACE)
          .computeIfAbsent(
              "shared",
              key -> {
                try {
                  return LoopbackRegistry.start();
                } catch (IOException e) {
                  throw new UncheckedIOException("cannot start the loopback registry", e);
                }
              },
              LoopbackRegistry.class);
    }
  }
}
