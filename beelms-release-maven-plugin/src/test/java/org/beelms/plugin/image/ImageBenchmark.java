package org.beelms.plugin.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.beelms.plugin.gate.ReleaseListener;

/**
 * Times the image goal's work on this machine against a {@link LoopbackRegistry}: a tar build,
 * a first push, a second push after a change to one class (bytes pushed vs image size), and a
 * promotion by {@link ManifestCopy} vs pushing the image again. Not a test; nothing asserts on
 * time. Run with {@code java -cp <test classpath> org.beelms.plugin.image.ImageBenchmark}.
 *
 * <p>{@code -Dbench.runs} (default 3) runs of each; one warm-up run first.
 */
public final class ImageBenchmark {

  private ImageBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.runs", 3);
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      run(registry, 0);
      System.out.println(
          "run  tar_ms  push1_ms  push2_ms  image_bytes  pushed2_bytes  copy_ms  repush_ms");
      for (int run = 1; run <= runs; run++) {
        run(registry, run);
      }
    }
  }

  private static void run(LoopbackRegistry registry, int run) throws Exception {
    Path work = Files.createTempDirectory("beelms-image-bench-");
    String repository = "bench/core-" + run;
    Path classes = Files.createDirectories(work.resolve("classes/org/beelms/core"));
    Files.write(classes.resolve("Main.class"), new byte[4096]);
    Files.write(classes.resolve("Courses.class"), new byte[8192]);
    Files.writeString(work.resolve("classes/application.properties"), "port=8080\n");
    List<Path> jars = List.of(jar(work, "lib-a.jar", 2_000_000), jar(work, "lib-b.jar", 1_000_000));

    long t0 = System.nanoTime();
    new ImagePublisher(settings(work, "tar", jars, registry, repository), ReleaseListener.NONE).publish();
    long tarMs = ms(t0);

    t0 = System.nanoTime();
    ImageResult first =
        new ImagePublisher(settings(work, "registry", jars, registry, repository), ReleaseListener.NONE)
            .publish();
    long push1Ms = ms(t0);
    JsonNode firstManifest = registry.manifest(repository, first.digest());

    Files.write(classes.resolve("Courses.class"), new byte[8193]);
    t0 = System.nanoTime();
    ImageResult second =
        new ImagePublisher(settings(work, "registry", jars, registry, repository), ReleaseListener.NONE)
            .publish();
    long push2Ms = ms(t0);
    JsonNode secondManifest = registry.manifest(repository, second.digest());

    Set<String> known = new HashSet<>();
    firstManifest.path("layers").forEach(l -> known.add(l.path("digest").asText()));
    long imageBytes = 0;
    long pushedBytes = 0;
    for (JsonNode layer : secondManifest.path("layers")) {
      imageBytes += layer.path("size").asLong();
      if (!known.contains(layer.path("digest").asText())) {
        pushedBytes += layer.path("size").asLong();
      }
    }

    ManifestCopy copy = new ManifestCopy(Optional.empty(), true);
    t0 = System.nanoTime();
    copy.copy(registry.image(repository) + ":v0.1.0", "production");
    long copyMs = ms(t0);

    t0 = System.nanoTime();
    new ImagePublisher(
            settings(work.resolve("repush"), "registry", jars, registry, repository + "-repush"),
            ReleaseListener.NONE)
        .publish();
    long repushMs = ms(t0);

    // Adopt mode: the tarball pushed unchanged to a new repository, the registry image tagged
    // by manifest copy in its own repository, and mounted into another repository.
    String tarAdopt = adopt(registry, work, "tar:" + work.resolve("out/image.tar"), repository + "-adopt");
    String copyAdopt = adopt(registry, work, registry.image(repository) + ":v0.1.0", repository);
    String mountAdopt = adopt(registry, work, registry.image(repository) + ":v0.1.0", repository + "-mount");

    if (run > 0) {
      System.out.printf(Locale.ROOT, "%3d  %6d  %8d  %8d  %11d  %13d  %7d  %9d%n",
          run, tarMs, push1Ms, push2Ms, imageBytes, pushedBytes, copyMs, repushMs);
      System.out.println("     adopt tar " + tarAdopt + "; adopt copy " + copyAdopt + "; adopt mount " + mountAdopt);
    }
  }

  /** One adoption under fresh release tags: "ms, requests, bytes sent/received". */
  private static String adopt(LoopbackRegistry registry, Path work, String source, String repository)
      throws Exception {
    AdoptSettings settings = new AdoptSettings(
        AdoptSource.parse(source, "adopt"), registry.image(repository), List.of("v9.9.9", "fedcba9"),
        "fedcba9876543210fedcba9876543210fedcba98", Optional.empty(), true, work.resolve("adopt-out"));
    long t0 = System.nanoTime();
    ImageAdopter.Adoption adoption = new ImageAdopter(settings, ReleaseListener.NONE).adopt(false);
    ManifestCopy.Traffic traffic = adoption.traffic();
    return ms(t0) + " ms, " + traffic.requests() + " requests, " + traffic.bytesSent() + "/"
        + traffic.bytesReceived() + " bytes";
  }

  private static ImageSettings settings(
      Path work, String to, List<Path> jars, LoopbackRegistry registry, String repository) {
    Path classes = work.getFileName().toString().equals("repush") ? work.getParent().resolve("classes") : work.resolve("classes");
    return new ImageSettings(
        registry.image(repository),
        List.of("v0.1.0", "abc1234"),
        new BaseImage.Scratch(),
        TargetKind.parse(to, "to"),
        work.resolve("out/image.tar"),
        Optional.of(new JavaLayers(jars, List.of(), List.of(classes), List.of(classes),
            "org.beelms.core.Main", List.of())),
        List.of(),
        List.of(),
        Optional.empty(),
        true,
        work.resolve("out"),
        work.resolve("cache/app"),
        Optional.of(work.resolve("cache/base")));
  }

  private static Path jar(Path work, String name, int size) throws IOException {
    Path file = Files.createDirectories(work.resolve("libs")).resolve(name);
    byte[] data = new byte[size];
    new java.util.Random(size).nextBytes(data);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
      out.putNextEntry(new ZipEntry("data.bin"));
      out.write(data);
      out.closeEntry();
    }
    return file;
  }

  private static long ms(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
