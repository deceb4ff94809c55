package org.beelms.plugin.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;

/**
 * The image step of the release flow: builds the image ({@link ImagePublisher}) or adopts one
 * built elsewhere ({@link ImageAdopter}), writes {@code image.json} and reports the reference and
 * digest as info findings. A build, adoption or push that fails throws {@link ImageException}
 * (the step could not run), it does not return a failed result; the {@code image.json} of an
 * earlier run is deleted first, so a failed run never leaves a stale digest behind for the
 * release record.
 */
public final class ImageGate implements Gate {

  /**
   * What a step produced.
   *
   * @param result the image, as {@code image.json} records it
   * @param findings reported next to its reference and digest (e.g. provenance)
   */
  public record Output(ImageResult result, List<Finding> findings) {}

  /** One way of producing the release image. */
  @FunctionalInterface
  public interface Step {
    Output run(ReleaseListener listener) throws ImageException;
  }

  private final Path outputDirectory;
  private final Step step;

  /** Builds the image with Jib. */
  public ImageGate(ImageSettings settings) {
    this(
        settings.outputDirectory(),
        listener -> new Output(new ImagePublisher(settings, listener).publish(),
            EntrypointCheck.missingExecutable(settings).stream().toList()));
  }

  /** Adopts an image built elsewhere. */
  public ImageGate(AdoptSettings settings, boolean dryRun) {
    this(
        settings.outputDirectory(),
        listener -> {
          ImageAdopter.Adoption adoption = new ImageAdopter(settings, listener).adopt(dryRun);
          return new Output(adoption.result(), adoption.findings());
        });
  }

  public ImageGate(Path outputDirectory, Step step) {
    this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
    this.step = Objects.requireNonNull(step, "step");
  }

  @Override
  public String name() {
    return ImagePublisher.NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws ImageException {
    Path previous = outputDirectory.resolve(ImageResult.FILE);
    try {
      Files.deleteIfExists(previous);
    } catch (IOException e) {
      throw new ImageException("cannot delete the previous " + previous + "; delete it by hand", e);
    }
    Output produced = step.run(listener);
    ImageResult result = produced.result();
    Path json = result.writeTo(outputDirectory);
    listener.progress(name(), "digest " + result.digest() + " written to " + json);
    List<Finding> findings = new ArrayList<>();
    findings.add(
        Finding.info("image " + String.join(", ", result.taggedReferences()), result.location()));
    findings.add(Finding.info("digest " + result.digest(), json.toString()));
    findings.addAll(produced.findings());
    return GateResult.of(name(), Duration.ZERO, findings, Severity.ERROR);
  }
}
