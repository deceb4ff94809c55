package org.beelms.plugin.deploy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.TempGitRepo;
import org.beelms.plugin.image.BaseImage;
import org.beelms.plugin.image.ExtraDirectory;
import org.beelms.plugin.image.ImagePublisher;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.image.ImageSettings;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.image.TargetKind;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.release.ReleaseRecordStore;
import org.beelms.plugin.smoke.Environment;
import org.beelms.plugin.smoke.SmokeTiers;

/**
 * A small, real deployment world for the deploy and rollback tests: a git repository whose {@code
 * v*} tags carry release records as git notes, images pushed to the loopback registry, and an
 * "environment": a real HTTP server whose {@code /api/health} reports the version written to a
 * file, which the deploy hook (a real shell command) writes, as a platform starting the new
 * image would. Smoke is a gate whose outcome the test sets.
 */
public final class DeployWorld implements AutoCloseable {

  public static final String REPOSITORY = "beelms/core";

  private final Path work;
  private final LoopbackRegistry registry;
  private volatile String registryHost;
  private final TempGitRepo git;
  private final HttpServer server;
  private final Path runningVersion;
  public final AtomicInteger smokeRuns = new AtomicInteger();
  public volatile GateStatus smokeStatus = GateStatus.PASSED;
  /** What the next smoke run reports per tier; both passed unless a test says otherwise. */
  public volatile SmokeTiers smokeTiers = BOTH_PASSED;
  public static final SmokeTiers BOTH_PASSED =
      new SmokeTiers(Map.of(SmokeTiers.Tier.SMOKE, GateStatus.PASSED, SmokeTiers.Tier.REGRESSION, GateStatus.PASSED));
  /** Versions whose smoke fails whatever {@link #smokeStatus} says (a broken build of that release). */
  public final java.util.Set<String> failingSmoke = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private Instant now = Instant.parse("2026-01-01T10:00:00Z");
  /** What the environment admits before anything moves (its verify key); everything by default. */
  public volatile ImageAdmission admission = ImageAdmission.ANY;

  public DeployWorld(Path work, LoopbackRegistry registry) throws IOException {
    this.work = work;
    this.registry = registry;
    this.registryHost = registry.hostPort();
    this.git = TempGitRepo.init(Files.createDirectories(work.resolve("repo")));
    this.runningVersion = work.resolve("running-version");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/health", exchange -> {
      byte[] body;
      int status;
      if (Files.exists(runningVersion)) {
        status = 200;
        body = (Files.exists(work.resolve("no-version")) ? "{\"status\":\"ok\"}"
            : "{\"status\":\"ok\",\"version\":\"" + Files.readString(runningVersion).trim() + "\"}")
            .getBytes(StandardCharsets.UTF_8);
      } else {
        status = 503;
        body = "{\"status\":\"down\"}".getBytes(StandardCharsets.UTF_8);
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public Path work() {
    return work;
  }

  public LoopbackRegistry registry() {
    return registry;
  }

  public String repository() {
    return registryHost + "/" + REPOSITORY + "-" + Integer.toHexString(work.hashCode());
  }

  /** Image references (pushes, records, promotions) go through {@code hostPort}, e.g. a proxy, from now on. */
  public void registryVia(String hostPort) {
    registryHost = hostPort;
  }

  public URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
  }

  /**
   * A deploy hook for a core whose health has no version (the real beelms core's shape): health
   * answers {"status":"ok"}; what runs is written to the file {@code running-image}
   * ($IMAGE_REFERENCE), which an identity command reads as {@code docker inspect} would.
   */
  public String startingHookWithoutVersion() {
    return startingHook() + " && printf '%s\\n' \"$IMAGE_REFERENCE\" > '" + runningImage() + "' && touch '"
        + work.resolve("no-version") + "'";
  }

  /** The file {@link #startingHookWithoutVersion()} writes the running image reference to. */
  public Path runningImage() {
    return work.resolve("running-image");
  }

  /** A deploy hook that "starts" the image: health then reports $VERSION; logs the variables. */
  public String startingHook() {
    return "printf '%s %s %s %s\\n' \"$ENVIRONMENT\" \"$TAG\" \"$IMAGE_REFERENCE\" \"$GIT_TAG\" >> '"
        + work.resolve("hook-calls") + "' && printf '%s' \"$VERSION\" > '" + runningVersion + "'";
  }

  public Environment environment(String name, String mode, String deployCommand, String restoreCommand) {
    return Environment.declared(
        name, apiUrl().toString(), "", mode, name, "", "", "", Map.of(), deployCommand, restoreCommand, null);
  }

  /**
   * Commits, tags {@code v<version>}, pushes a distinct image for it, and attaches its record.
   *
   * @param migrations {@code version:file:class} triples new in this release
   */
  public ReleaseRecord release(String version, String... migrations) throws Exception {
    return releaseWithMigrationsStatus(version, null, migrations);
  }

  /**
   * As {@link #release(String, String...)}, but the record says its migrations were not checked
   * ({@code notCheckedReason}), as after {@code -Dbeelms.skip.migrations-check=true}; null for a
   * checked release.
   */
  public ReleaseRecord releaseWithMigrationsStatus(String version, String notCheckedReason, String... migrations)
      throws Exception {
    git.write("VERSION", version + "\n");
    String commit = git.commitAll("feat: release " + version).getName();
    git.tag("v" + version);
    String digest = push(version);
    List<ReleaseRecord.NewMigration> newMigrations =
        java.util.Arrays.stream(migrations)
            .map(m -> m.split(":"))
            .map(p -> new ReleaseRecord.NewMigration(p[0], p[1], p[2]))
            .toList();
    ReleaseRecord record =
        new ReleaseRecord(
            null, version, "v" + version, commit, now.toString(), false,
            new ReleaseRecord.Image(repository(), digest, List.of("v" + version), "registry",
                repository() + ":v" + version),
            new ReleaseRecord.Flyway(newMigrations.isEmpty() ? "3" : newMigrations.get(newMigrations.size() - 1).version(),
                notCheckedReason == null ? newMigrations : null),
            "", null, null,
            notCheckedReason == null
                ? ReleaseRecord.Migrations.checked("flyway", commit, "checked")
                : ReleaseRecord.Migrations.notChecked(notCheckedReason));
    new ReleaseRecordStore(git.git().getRepository()).attach(record);
    return record;
  }

  /** Commits and tags {@code v<version>} without a release record (no image, no git note). */
  public void tagWithoutRecord(String version) throws Exception {
    git.write("VERSION", version + "\n");
    git.commitAll("feat: release " + version + " without a record");
    git.tag("v" + version);
  }

  private String push(String version) throws Exception {
    Path dist = Files.createDirectories(work.resolve("dist-" + version));
    Files.writeString(dist.resolve("version.txt"), version + "\n");
    ImageSettings settings =
        new ImageSettings(
            repository(), List.of("v" + version), new BaseImage.Scratch(), TargetKind.REGISTRY,
            work.resolve("out-" + version + "/image.tar"), Optional.empty(),
            List.of(new ExtraDirectory(dist, "/app")), List.of("/app/run"), Optional.empty(), true,
            work.resolve("out-" + version), work.resolve("cache/app"), Optional.of(work.resolve("cache/base")));
    ImageResult result = new ImagePublisher(settings, ReleaseListener.NONE).publish();
    return result.digest();
  }

  public ReleaseHistory history() {
    return ReleaseHistory.open(git.root());
  }

  public ReleaseRecords records() {
    return new ReleaseRecords(history(), work.resolve("target/beelms-release"));
  }

  /** A clock that moves a minute on every reading, so deployments are ordered. */
  public Clock clock() {
    return new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        now = now.plus(Duration.ofMinutes(1));
        return now;
      }
    };
  }

  public Rollout rollout(Duration healthTimeout) {
    return rollout(healthTimeout, org.beelms.plugin.identity.IdentitySettings.HEALTH);
  }

  /** The identities the last smoke runs were handed, in order. */
  public final List<org.beelms.plugin.identity.IdentityProof> smokeIdentities =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A rollout whose health wait proves the release as {@code identity} says (commands run in {@link #work()}). */
  public Rollout rollout(Duration healthTimeout, org.beelms.plugin.identity.IdentitySettings identity) {
    HookRunner hooks = new HookRunner(work, work.resolve("target/beelms-release/hooks"), Duration.ofSeconds(20));
    return new Rollout(
        new ManifestCopy(Optional.empty(), true),
        hooks,
        new HealthWait(healthTimeout, Duration.ofMillis(100),
            new org.beelms.plugin.identity.IdentityCheck(identity, hooks.identityCommands("identity"))),
        (version, identity2, listener) -> {
          smokeIdentities.add(identity2);
          smokeRuns.incrementAndGet();
          GateStatus status = failingSmoke.contains(version) ? GateStatus.FAILED : smokeStatus;
          return new PostDeploySmoke.Outcome(
              new GateResult("smoke", status, Duration.ZERO,
                  status == GateStatus.PASSED ? List.of()
                      : List.of(Finding.error("WS1 wiki list failed", "GET /api/wiki", "")), ""),
              smokeTiers);
        },
        work.resolve("target/beelms-release"),
        clock(),
        admission);
  }

  public DeploySettings deploySettings(Environment environment, String version, String force) {
    return new DeploySettings(
        environment, Optional.ofNullable(version), Optional.ofNullable(force), "tester", work,
        work.resolve("target/beelms-release"), Duration.ofSeconds(20), Duration.ofSeconds(5),
        Duration.ofMillis(100));
  }

  /** Deploys {@code version} to {@code environment}, expecting success. */
  public GateResult deploy(Environment environment, String version) throws Exception {
    return new Deployment(deploySettings(environment, version, null), records(), rollout(Duration.ofSeconds(5)))
        .check(ReleaseListener.NONE);
  }

  /** The git repository's folder (the project the goals run in). */
  public Path repo() {
    return git.root();
  }

  /** Deletes {@code digest}'s manifest from the registry, as a retention policy would. */
  public void deleteManifest(String digest) throws Exception {
    registry.delete(repository().substring(registryHost.length() + 1), digest);
  }

  public Optional<String> tagDigest(String tag) throws Exception {
    return new ManifestCopy(Optional.empty(), true).digestOf(repository() + ":" + tag);
  }

  public List<String> hookCalls() throws IOException {
    Path calls = work.resolve("hook-calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  /** The record of {@code tag} as its git note holds it now. */
  public ReleaseRecord note(String tag) {
    return records().locate(Optional.of(tag), "test").record();
  }

  @Override
  public void close() {
    server.stop(0);
    git.close();
  }
}
