package org.beelms.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateRunner;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGateTest {

  @TempDir Path work;

  @Test
  void passesWithReferenceAndDigestAndWritesImageJson() throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "gate", Instant.EPOCH);
    ImageSettings settings =
        ImageInputs.plain(work, dist, new BaseImage.Scratch(), TargetKind.TAR, "beelms/core", false,
            Optional.empty());

    GateResult result = new GateRunner(ReleaseListener.NONE).run(new ImageGate(settings));

    assertEquals(GateStatus.PASSED, result.status());
    ImageResult written = ImageResult.read(settings.outputDirectory().resolve(ImageResult.FILE));
    assertTrue(result.findings().stream().anyMatch(f -> f.message().equals("digest " + written.digest())));
    assertTrue(result.findings().stream().anyMatch(f -> f.message().contains("beelms/core:v0.1.0")));
  }

  @Test
  void aFailedBuildLeavesNoStaleImageJson() throws Exception {
    Path dist = ImageInputs.appFolder(work.resolve("src"), "gate", Instant.EPOCH);
    ImageSettings settings =
        ImageInputs.plain(work, dist, new BaseImage.Scratch(), TargetKind.REGISTRY,
            "127.0.0.1:1/beelms/core", true, Optional.empty());
    Files.createDirectories(settings.outputDirectory());
    Files.writeString(settings.outputDirectory().resolve(ImageResult.FILE), "{\"digest\":\"stale\"}");

    assertThrows(ImageException.class, () -> new ImageGate(settings).check(ReleaseListener.NONE));

    assertFalse(Files.exists(settings.outputDirectory().resolve(ImageResult.FILE)));
  }
}
