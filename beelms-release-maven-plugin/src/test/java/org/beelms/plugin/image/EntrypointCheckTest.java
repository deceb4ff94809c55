package org.beelms.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Node entrypoint on a base without node: warned, with the fix; on a base with it, not. */
class EntrypointCheckTest {

  private static final Instant MODIFIED = Instant.parse("2026-11-01T10:00:00Z");

  @TempDir Path work;

  private ImageSettings settings(BaseImage from, Path dist, List<String> entrypoint, String name) {
    ImageSettings plain = ImageInputs.plain(work.resolve(name), dist, from, TargetKind.TAR, "beelms/core", false,
        Optional.empty());
    return new ImageSettings(plain.image(), plain.tags(), from, TargetKind.TAR, plain.tarPath(), plain.java(),
        plain.extraDirectories(), entrypoint, plain.credentials(), false, plain.outputDirectory(),
        plain.applicationCache(), plain.baseImageCache());
  }

  @Test
  void aNodeEntrypointOnScratchIsWarnedWithTheFix() throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "app", MODIFIED);
    Optional<Finding> warning =
        EntrypointCheck.missingExecutable(settings(new BaseImage.Scratch(), dist, List.of("node", "/app/main.js"), "a"));

    assertTrue(warning.isPresent());
    assertTrue(warning.get().message().startsWith("the entrypoint's executable node is not in the image: the base"
        + " scratch has no files at all"), warning.get().message());
    assertTrue(warning.get().fix().contains("a Node base from your own registry"), warning.get().fix());
    assertTrue(warning.get().fix().contains("-Dimage.base=tar:/path/node-base.tar"), warning.get().fix());
  }

  @Test
  void anExecutableAnExtraDirectoryPutsThereIsFound() throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "app", MODIFIED);
    Files.writeString(dist.resolve("run"), "#!/bin/sh\n");
    assertEquals(Optional.empty(),
        EntrypointCheck.missingExecutable(settings(new BaseImage.Scratch(), dist, List.of("/app/run"), "b")));
  }

  @Test
  void aTarBaseIsReadForTheExecutable() throws Exception {
    // A "Node base": a layer with /usr/local/bin/node, saved as a tar.
    Path nodeRoot = Files.createDirectories(work.resolve("node-root"));
    Files.writeString(nodeRoot.resolve("node"), "#!/bin/sh\n");
    ImageSettings base = new ImageSettings("beelms/node-base", List.of("24"), new BaseImage.Scratch(), TargetKind.TAR,
        work.resolve("node-base.tar"), Optional.empty(), List.of(new ExtraDirectory(nodeRoot, "/usr/local/bin")),
        List.of("/usr/local/bin/node"), Optional.empty(), false, work.resolve("base-out"),
        work.resolve("cache/node-app"), Optional.of(work.resolve("cache/node-base")));
    new ImagePublisher(base, ReleaseListener.NONE).publish();
    Path dist = ImageInputs.appFolder(work.resolve("src"), "app", MODIFIED);

    assertEquals(Optional.empty(), EntrypointCheck.missingExecutable(
        settings(new BaseImage.Tar(work.resolve("node-base.tar")), dist, List.of("node", "/app/main.js"), "c")));
    Optional<Finding> noPython = EntrypointCheck.missingExecutable(
        settings(new BaseImage.Tar(work.resolve("node-base.tar")), dist, List.of("python3", "/app/main.py"), "d"));
    assertTrue(noPython.isPresent());
    assertTrue(noPython.get().message().contains("has no python3 in its layers"), noPython.get().message());
  }
}
