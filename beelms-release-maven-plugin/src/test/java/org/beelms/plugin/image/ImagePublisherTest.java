package org.beelms.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.beelms.plugin.gate.ReleaseListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LoopbackRegistry.Extension.class)
class ImagePublisherTest {

  private static final Instant MODIFIED = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path work;

  private final List<String> progress = new ArrayList<>();
  private final ReleaseListener listener = ImageInputs.recording(progress);

  @Test
  void buildsFromScratchToTarballAndWritesImageJson() throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "hello", MODIFIED);
    ImageSettings settings =
        ImageInputs.plain(work, dist, new BaseImage.Scratch(), TargetKind.TAR, "beelms/core", false,
            Optional.empty());

    ImageResult result = new ImagePublisher(settings, listener).publish();

    assertTrue(result.digest().matches("sha256:[0-9a-f]{64}"), result.digest());
    assertTrue(Files.size(settings.tarPath()) > 0);
    assertEquals(List.of("v0.1.0", "abc1234"), result.tags());
    assertEquals(TargetKind.TAR, result.target());
    Path json = result.writeTo(settings.outputDirectory());
    assertEquals(result, ImageResult.read(json));
    assertTrue(progress.stream().anyMatch(line -> line.contains(result.digest())), progress.toString());
  }

  @Test
  void sameInputsGiveTheSameDigest() throws Exception {
    Path first = ImageInputs.appFolder(work.resolve("a"), "hello", MODIFIED);
    Path second = ImageInputs.appFolder(work.resolve("b"), "hello", Instant.parse("2020-01-01T00:00:00Z"));
    Path changed = ImageInputs.appFolder(work.resolve("c"), "hello, changed", MODIFIED);

    String digestA = tarDigest(work.resolve("runA"), first);
    String digestB = tarDigest(work.resolve("runB"), second);
    String digestC = tarDigest(work.resolve("runC"), changed);

    assertEquals(digestA, digestB, "same files, other timestamps and caches: same digest");
    assertNotEquals(digestA, digestC, "changed content: another digest");
  }

  private String tarDigest(Path run, Path dist) throws ImageException {
    return new ImagePublisher(
            ImageInputs.plain(run, dist, new BaseImage.Scratch(), TargetKind.TAR, "beelms/core",
                false, Optional.empty()),
            listener)
        .publish()
        .digest();
  }

  @Test
  void pushesBothTagsToTheRegistryWithOneDigest(LoopbackRegistry registry) throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "pushed", MODIFIED);
    ImageSettings settings =
        ImageInputs.plain(work, dist, new BaseImage.Scratch(), TargetKind.REGISTRY,
            registry.image("beelms/pushed"), true, Optional.empty());

    ImageResult result = new ImagePublisher(settings, listener).publish();

    assertEquals(List.of("abc1234", "v0.1.0"), registry.tags("beelms/pushed").stream().sorted().toList());
    assertEquals(Optional.of(result.digest()), registry.digest("beelms/pushed", "v0.1.0"));
    assertEquals(Optional.of(result.digest()), registry.digest("beelms/pushed", "abc1234"));
    assertEquals(
        List.of("node", "/app/main.js"),
        textList(registry.config("beelms/pushed", "v0.1.0").path("config").path("Entrypoint")));
  }

  @Test
  void neverMovesAnExistingReleaseTagAndPushesNothingWhenRefused(LoopbackRegistry registry) throws Exception {
    String repository = "beelms/guarded";
    Path released = ImageInputs.appFolder(work.resolve("released"), "v0.1.0 as released", MODIFIED);
    String first = new ImagePublisher(settings(registry, repository, "run1", released, ImageInputs.TAGS), listener)
        .publish().digest();

    // A re-run of the same commit gives the same bytes: the tags exist, nothing moves, the build goes on.
    ImageResult again =
        new ImagePublisher(settings(registry, repository, "run2", released, ImageInputs.TAGS), listener).publish();
    assertEquals(first, again.digest());
    assertTrue(progress.stream().anyMatch(line -> line.contains("same digest " + first)), progress.toString());

    // A forgotten version bump: other sources, still v0.1.0. Refused before anything is pushed.
    Path changed = ImageInputs.appFolder(work.resolve("changed"), "later work, version not bumped", MODIFIED);
    String changedDigest = tarDigest(work.resolve("changed-tar"), changed);
    List<String> storedBefore = registry.storedFiles();
    assertTrue(storedBefore.stream().anyMatch(f -> f.contains("/_manifests/tags/v0.1.0/")), storedBefore.toString());
    ImageException refused = assertThrows(ImageException.class, () ->
        new ImagePublisher(settings(registry, repository, "run3", changed, List.of("v0.1.0", "def5678")), listener)
            .publish());
    assertEquals(registry.image(repository) + ":v0.1.0 already points at " + first + " in the registry, but this"
        + " build gives " + changedDigest + "; a release tag is never moved, nothing was pushed. That tag is another"
        + " build's release: bump the version in pom.xml and release again (if the registry's tag is wrong, delete"
        + " it there by hand first)", refused.getMessage());
    assertEquals(Optional.of(first), registry.digest(repository, "v0.1.0"));
    assertEquals(List.of("abc1234", "v0.1.0"), registry.tags(repository).stream().sorted().toList(),
        "def5678 was not pushed either");
    assertEquals(storedBefore, registry.storedFiles(), "no blob, manifest or upload reached the registry");

    // The commit's own tag: the same commit rebuilt to other bytes does not replace it under a new version.
    ImageException rebuilt = assertThrows(ImageException.class, () ->
        new ImagePublisher(settings(registry, repository, "run4", changed, List.of("v0.1.1", "abc1234")), listener)
            .publish());
    assertTrue(rebuilt.getMessage().startsWith(registry.image(repository) + ":abc1234 already points at " + first),
        rebuilt.getMessage());
    assertTrue(rebuilt.getMessage().contains("the same commit now builds other bytes"), rebuilt.getMessage());
    assertEquals(List.of("abc1234", "v0.1.0"), registry.tags(repository).stream().sorted().toList());
    assertEquals(storedBefore, registry.storedFiles());
  }

  private ImageSettings settings(
      LoopbackRegistry registry, String repository, String run, Path dist, List<String> tags) {
    return ImageInputs.withTags(ImageInputs.plain(work.resolve(run), dist, new BaseImage.Scratch(),
        TargetKind.REGISTRY, registry.image(repository), true, Optional.empty()), tags);
  }

  @Test
  void buildsOnABaseReadFromATarball(LoopbackRegistry registry) throws Exception {
    Path baseFiles = ImageInputs.appFolder(work.resolve("base-src"), "base layer", MODIFIED);
    ImageSettings baseSettings =
        ImageInputs.plain(work.resolve("base"), baseFiles, new BaseImage.Scratch(), TargetKind.TAR,
            "beelms/base", false, Optional.empty());
    new ImagePublisher(baseSettings, listener).publish();

    Path dist = ImageInputs.appFolder(work.resolve("src"), "on tar base", MODIFIED);
    ImageSettings settings =
        ImageInputs.plain(work, dist, BaseImage.parse("tar:" + baseSettings.tarPath(), "from"),
            TargetKind.REGISTRY, registry.image("beelms/on-tar-base"), true, Optional.empty());
    ImageResult result = new ImagePublisher(settings, listener).publish();

    JsonNode manifest = registry.manifest("beelms/on-tar-base", "v0.1.0");
    assertEquals(2, manifest.path("layers").size(), "the base's layer and the app's: " + manifest);
    assertEquals(Optional.of(result.digest()), registry.digest("beelms/on-tar-base", "abc1234"));
  }

  @Test
  void buildsJavaLayersWithMainClassAndJvmFlags(LoopbackRegistry registry) throws Exception {
    Path classes = Files.createDirectories(work.resolve("classes/org/beelms/core"));
    Files.write(classes.resolve("Main.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 0, 1});
    Files.writeString(work.resolve("classes/application.properties"), "beelms.port=8080\n");
    Path release = jar(work.resolve("libs/jackson-core-2.23.0.jar"));
    Path snapshot = jar(work.resolve("libs/beelms-common-0.2.0-SNAPSHOT.jar"));
    JavaLayers java =
        new JavaLayers(List.of(release), List.of(snapshot), List.of(work.resolve("classes")),
            List.of(work.resolve("classes")), "org.beelms.core.Main", List.of("-Xmx128m"));
    ImageSettings settings =
        new ImageSettings(registry.image("beelms/java"), ImageInputs.TAGS, new BaseImage.Scratch(),
            TargetKind.REGISTRY, null, Optional.of(java), List.of(), List.of(), Optional.empty(),
            true, work.resolve("out"), work.resolve("cache/app"), Optional.of(work.resolve("cache/base")));

    new ImagePublisher(settings, listener).publish();

    assertEquals(4, registry.manifest("beelms/java", "v0.1.0").path("layers").size(),
        "dependencies, snapshot dependencies, resources, classes");
    List<String> entrypoint =
        textList(registry.config("beelms/java", "v0.1.0").path("config").path("Entrypoint"));
    assertEquals("java", entrypoint.get(0));
    assertTrue(entrypoint.contains("-Xmx128m"), entrypoint.toString());
    assertEquals("org.beelms.core.Main", entrypoint.get(entrypoint.size() - 1));
  }

  @Test
  void refusesPlainHttpUnlessInsecureRegistriesAreAllowed(LoopbackRegistry registry) throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "insecure", MODIFIED);
    ImageSettings settings =
        ImageInputs.plain(work, dist, new BaseImage.Scratch(), TargetKind.REGISTRY,
            registry.image("beelms/insecure"), false, Optional.empty());

    ImageException e =
        assertThrows(ImageException.class, () -> new ImagePublisher(settings, listener).publish());

    assertTrue(e.getMessage().contains("-Dbeelms.image.allowInsecureRegistries=true"), e.getMessage());
    assertTrue(e.getMessage().contains(registry.hostPort()), e.getMessage());
    assertEquals(List.of(), registry.tags("beelms/insecure"));
  }

  @Test
  void wrongCredentialsNameTheServerIdAndNeverThePassword() throws Exception {
    String password = "s3cret-Pa55-word";
    try (LoopbackRegistry secured = LoopbackRegistry.startWithHtpasswd("release", "right-one")) {
      Path dist = ImageInputs.appFolder(work.resolve("src"), "secured", MODIFIED);
      ImageSettings settings =
          ImageInputs.plain(work, dist, new BaseImage.Scratch(), TargetKind.REGISTRY,
              secured.image("beelms/secured"), true,
              Optional.of(RegistryCredentials.fromServer("beelms-registry", "release", password)));
      String previous = System.setProperty("sendCredentialsOverHttp", "true");
      ImageException e;
      try {
        e = assertThrows(ImageException.class, () -> new ImagePublisher(settings, listener).publish());
      } finally {
        restore("sendCredentialsOverHttp", previous);
      }

      assertTrue(e.getMessage().contains("settings.xml server 'beelms-registry'"), e.getMessage());
      assertTrue(e.getMessage().contains("401"), e.getMessage());
      assertTrue(
          e.getMessage().contains("repository beelms/secured, tag v0.1.0"), e.getMessage());
      assertNoSecret(password, e);
      assertTrue(progress.stream().noneMatch(line -> line.contains(password)), progress.toString());
    }
  }

  @Test
  void anUnknownBaseRegistryNamesFromNotImage() throws Exception {
    // <from>node:24-alpine</from> without Docker Hub: the culprit is <from>, not <image>.
    Path dist = ImageInputs.appFolder(work.resolve("src"), "base", MODIFIED);
    ImageSettings settings =
        ImageInputs.plain(work, dist, new BaseImage.Registry("hub.beelms-test.invalid/library/node:24-alpine"),
            TargetKind.TAR, "beelms/core", false, Optional.empty());

    ImageException e =
        assertThrows(ImageException.class, () -> new ImagePublisher(settings, listener).publish());

    // Unknown host or connection refused depends on the machine's resolver; the setting named does not.
    assertTrue(e.getMessage().contains("fix <from> / -Dbeelms.image.from"), e.getMessage());
    assertTrue(!e.getMessage().contains("<image>"), e.getMessage());
  }

  @Test
  void anUnknownTargetRegistryNamesImage() throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "target", MODIFIED);
    ImageSettings settings =
        ImageInputs.plain(work, dist, new BaseImage.Scratch(), TargetKind.REGISTRY,
            "registry.beelms-test.invalid/beelms/core", false, Optional.empty());

    ImageException e =
        assertThrows(ImageException.class, () -> new ImagePublisher(settings, listener).publish());

    assertTrue(e.getMessage().startsWith("registry host registry.beelms-test.invalid (from <image> /"
        + " -Dbeelms.image.image) is unknown"), e.getMessage());
  }

  @Test
  void refusesTheDockerTargetWhenNoEngineRuns() throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "docker", MODIFIED);
    ImageSettings settings =
        ImageInputs.plain(work, dist, new BaseImage.Scratch(), TargetKind.DOCKER, "beelms/core",
            false, Optional.empty());

    ImageException e =
        assertThrows(
            ImageException.class,
            () -> new ImagePublisher(settings, listener, Map.of(), work.resolve("no-docker.sock")).publish());

    assertTrue(e.getMessage().contains("no Docker engine"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dbeelms.image.to=tar"), e.getMessage());
  }

  static void assertNoSecret(String secret, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertTrue(!String.valueOf(t.getMessage()).contains(secret), "secret leaked in " + t);
    }
  }

  private static void restore(String property, String previous) {
    if (previous == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, previous);
    }
  }

  private static List<String> textList(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static Path jar(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
      out.putNextEntry(new ZipEntry("META-INF/beelms.txt"));
      out.write(file.getFileName().toString().getBytes());
      out.closeEntry();
    }
    return file;
  }
}
