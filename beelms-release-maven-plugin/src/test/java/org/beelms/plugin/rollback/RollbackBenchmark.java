package org.beelms.plugin.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.image.BaseImage;
import org.beelms.plugin.image.ExtraDirectory;
import org.beelms.plugin.image.ImagePublisher;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.image.ImageSettings;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.image.TargetKind;
import org.beelms.plugin.smoke.Environment;

/**
 * Times a rollback's registry work on this machine against a {@link LoopbackRegistry}: moving an
 * environment tag back by manifest copy (one manifest read, one manifest write, one digest check)
 * against pushing the release's image again into a repository that does not have it (every layer
 * uploaded), in time and bytes; and the whole rollback service in-process (plan from git notes,
 * registry check and copy, a shell deploy hook, health wait on a local HTTP server; smoke is
 * timed separately in docs/benchmarks.md). Not a test; nothing asserts on time.
 *
 * <p>Run with bench/rollback.sh [image-file]; the image holds that file (default: the reference
 * core's runnable jar) as its layer. {@code -Dbench.runs} (default 5) runs, one warm-up first.
 */
public final class RollbackBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RollbackBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.runs", 5);
    Path payload = Path.of(args.length > 0 ? args[0] : "app.jar");
    Path work = Files.createTempDirectory("beelms-rollback-bench-");
    try {
      run(work, payload, runs);
    } finally {
      try (java.util.stream.Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void run(Path work, Path payload, int runs) throws Exception {
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      ImageResult image = push(registry, work, payload, "bench/core", 0);
      ManifestCopy copy = new ManifestCopy(Optional.empty(), true);
      long imageBytes = imageBytes(registry, copy, "bench/core", "v1");
      System.out.printf(Locale.ROOT, "image %s: %d bytes (layers + config + manifest), payload %s%n",
          image.digest(), imageBytes, payload.getFileName());
      System.out.println("run  copy_ms  copy_bytes  repush_ms  repush_bytes  rollback_ms");
      try (DeployWorld world = new DeployWorld(work.resolve("world"), registry)) {
        world.release("0.1.0");
        world.release("0.2.0", "4:V4__add_course_tags.sql:expand");
        Environment env = world.environment("production", "staging", world.startingHook(), "");
        for (int run = 0; run <= runs; run++) {
          long t0 = System.nanoTime();
          ManifestCopy.CopyResult moved = copy.copy(registry.image("bench/core") + "@" + image.digest(), "production");
          long copyMs = (System.nanoTime() - t0) / 1_000_000;
          // copy() reads the manifest once and writes it once; the digest check is a HEAD.
          long copyBytes = 2L * moved.bytes();

          long t1 = System.nanoTime();
          push(registry, work, payload, "bench/repush-" + run, run);
          long repushMs = (System.nanoTime() - t1) / 1_000_000;

          world.deploy(env, "v0.1.0");
          world.deploy(env, "v0.2.0");
          long t2 = System.nanoTime();
          GateResult result =
              new Rollback(new RollbackSettings(env, Optional.empty(), Optional.empty(), false, "bench"),
                      world.records(), world.rollout(Duration.ofSeconds(10)))
                  .check(ReleaseListener.NONE);
          long rollbackMs = (System.nanoTime() - t2) / 1_000_000;
          if (result.status() != GateStatus.PASSED) {
            throw new IllegalStateException("the rollback failed: " + result.findings());
          }
          if (run > 0) {
            System.out.printf(Locale.ROOT, "%3d  %7d  %10d  %9d  %12d  %11d%n",
                run, copyMs, copyBytes, repushMs, imageBytes, rollbackMs);
          }
        }
      }
    }
  }

  /** Pushes an image holding {@code payload} to {@code repository}:v1 (no layer there yet). */
  private static ImageResult push(LoopbackRegistry registry, Path work, Path payload, String repository, int run)
      throws Exception {
    Path app = Files.createDirectories(work.resolve("app-" + repository.replace('/', '-')));
    Files.copy(payload, app.resolve(payload.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    ImageSettings settings =
        new ImageSettings(
            registry.image(repository), List.of("v1"), new BaseImage.Scratch(), TargetKind.REGISTRY,
            work.resolve("out/image.tar"), Optional.empty(), List.of(new ExtraDirectory(app, "/app")),
            List.of("java", "-jar", "/app/" + payload.getFileName()), Optional.empty(), true,
            work.resolve("out-" + run), work.resolve("cache-" + repository.replace('/', '-')),
            Optional.of(work.resolve("cache-base")));
    return new ImagePublisher(settings, ReleaseListener.NONE).publish();
  }

  private static long imageBytes(LoopbackRegistry registry, ManifestCopy copy, String repository, String tag)
      throws Exception {
    ManifestCopy.Manifest raw = copy.read(registry.image(repository) + ":" + tag);
    JsonNode manifest = JSON.readTree(raw.bytes());
    long bytes = raw.bytes().length + manifest.path("config").path("size").asLong();
    for (JsonNode layer : manifest.path("layers")) {
      bytes += layer.path("size").asLong();
    }
    return bytes;
  }
}
