package org.beelms.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.gate.ReleaseListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A Node service image built with Jib: base from a tar, dist + node_modules + package.json. */
@ExtendWith(LoopbackRegistry.Extension.class)
class NodeImageTest {

  private static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  private static final Instant COMMIT_TIME = Instant.parse("2026-11-30T09:15:00Z");

  @TempDir Path work;

  private ImageSettings node(Path project, BaseImage base, String image, String run) {
    Map<String, String> labels = ContainerConfig.releaseLabels(
        COMMIT, "1.2.0", Optional.of("https://example.org/beelms/core"), COMMIT_TIME, Map.of());
    return new ImageSettings(
        image,
        List.of("v1.2.0", "1a2b3c4"),
        base,
        TargetKind.REGISTRY,
        null,
        Optional.empty(),
        List.of(
            new ExtraDirectory(project.resolve("dist"), "/app/dist"),
            new ExtraDirectory(project.resolve("node_modules"), "/app/node_modules"),
            new ExtraDirectory(project.resolve("package.json"), "/app/package.json")),
        List.of("node", "dist/main.js"),
        Optional.empty(),
        true,
        work.resolve(run + "/out"),
        work.resolve(run + "/cache/app"),
        Optional.of(work.resolve(run + "/cache/base")),
        new ContainerConfig(Optional.of("/app"), Map.of("NODE_ENV", "production"), List.of(3000),
            Optional.of("node"), labels, Optional.of(COMMIT_TIME)));
  }

  private Path nodeProject(String name) throws Exception {
    Path project = Files.createDirectories(work.resolve(name));
    ImageInputs.appFolder(project, "node", Instant.now());
    Path lodash = Files.createDirectories(project.resolve("node_modules/lodash"));
    Files.writeString(lodash.resolve("index.js"), "module.exports = {};\n");
    Files.writeString(project.resolve("package.json"), "{\"name\":\"beelms-core\",\"version\":\"1.2.0\"}\n");
    return project;
  }

  @Test
  void aNodeServiceOnATarBaseHasItsConfigurationAndOciLabels(LoopbackRegistry registry) throws Exception {
    Path base = work.resolve("node-base.tar");
    CiImages.save(CiImages.build(work, "base", Map.of()), base, ImageFormat.Docker);

    ImageResult result = new ImagePublisher(
        node(nodeProject("core"), new BaseImage.Tar(base), registry.image("beelms/node"), "first"),
        ReleaseListener.NONE).publish();

    JsonNode config = registry.config("beelms/node", "v1.2.0");
    JsonNode container = config.path("config");
    assertEquals("/app", container.path("WorkingDir").asText());
    assertEquals("node", container.path("User").asText());
    assertTrue(container.path("Env").toString().contains("NODE_ENV=production"), container.toString());
    assertTrue(container.path("ExposedPorts").has("3000/tcp"), container.toString());
    assertEquals("[\"node\",\"dist/main.js\"]", container.path("Entrypoint").toString());
    JsonNode labels = container.path("Labels");
    assertEquals(COMMIT, labels.path(Provenance.REVISION).asText());
    assertEquals("1.2.0", labels.path(Provenance.VERSION).asText());
    assertEquals("https://example.org/beelms/core", labels.path(Provenance.SOURCE).asText());
    assertEquals(COMMIT_TIME.toString(), labels.path(Provenance.CREATED).asText());
    assertEquals(COMMIT_TIME, Instant.parse(config.path("created").asText()));
    // base layer + dist, node_modules, package.json
    assertEquals(4, registry.manifest("beelms/node", "v1.2.0").path("layers").size());

    ImageResult again = new ImagePublisher(
        node(nodeProject("core-copy"), new BaseImage.Tar(base), registry.image("beelms/node-again"), "second"),
        ReleaseListener.NONE).publish();
    assertEquals(result.digest(), again.digest(), "the commit time keeps the digest reproducible");
  }

  @Test
  void theNodeImageCanBeAdoptedBackWithItsOwnProvenance(LoopbackRegistry registry) throws Exception {
    ImageResult built = new ImagePublisher(
        node(nodeProject("core"), new BaseImage.Scratch(), registry.image("ci/node"), "ci"),
        ReleaseListener.NONE).publish();

    ImageAdopter.Adoption adoption = new ImageAdopter(
        new AdoptSettings(AdoptSource.parse(registry.image("ci/node") + ":v1.2.0", "adopt"),
            registry.image("beelms/node-release"), List.of("v1.2.0", "1a2b3c4"), COMMIT,
            Optional.empty(), true, work.resolve("adopt")),
        ReleaseListener.NONE).adopt(false);

    assertEquals(built.digest(), adoption.result().digest());
    assertTrue(adoption.findings().stream().anyMatch(f -> f.message().contains("is the released commit")));
  }
}
