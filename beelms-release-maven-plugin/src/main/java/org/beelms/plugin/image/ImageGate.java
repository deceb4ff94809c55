package org.beelms.plugin.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;

/**
 * The image build as a step of the release flow: publishes the image, writes {@code image.json}
 * and reports the reference and digest as info findings. A build or push that fails throws
 * {@link ImageException} (the step could not run), it does not return a failed result; the
 * {@code image.json} of an earlier run is deleted first, so a failed build never leaves a stale
 * digest behind for the release record.
 */
public final class ImageGate implements Gate {

  private final ImageSettings settings;

  public ImageGate(ImageSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String name() {
    return ImagePublisher.NAME;
  }

  public ImageSettings settings() {
    return settings;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws ImageException {
    Path previous = settings.outputDirectory().resolve(ImageResult.FILE);
    try {
      Files.deleteIfExists(previous);
    } catch (IOException e) {
      throw new ImageException("cannot delete the previous " + previous + "; delete it by hand", e);
    }
    ImageResult result = new ImagePublisher(settings, listener).publish();
    Path json = result.writeTo(settings.outputDirectory());
    listener.progress(name(), "digest " + result.digest() + " written to " + json);
    return GateResult.of(
        name(),
        Duration.ZERO,
        List.of(
            Finding.info(
                "image " + String.join(", ", result.taggedReferences()), result.location()),
            Finding.info("digest " + result.digest(), json.toString())),
        Severity.ERROR);
  }
}
