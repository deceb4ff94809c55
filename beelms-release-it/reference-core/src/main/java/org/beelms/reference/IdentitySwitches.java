package org.beelms.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * How the reference core shows which release it is, with the switches that give it the real beelms
 * core's shape: {@code --health-without-version} (health answers {@code {"status":"ok"}} only),
 * {@code --running-file}/{@code --running-image} (what a container runtime would say runs, for an
 * identity command to read), and {@code --previous-version}/{@code --previous-for} (for that long
 * after the server listens, it still shows the previous release, as an old instance answering behind
 * a load balancer would, and the running file keeps its old content).
 *
 * <p>{@code runningFile} is written once the new release "runs" (after {@code previousFor}) with
 * {@code runningImage} (default: the version); {@code previousVersion} is shown in health and the
 * {@code X-App-Version} header during {@code previousFor}.
 */
public final class IdentitySwitches {

  public static final IdentitySwitches NONE =
      new IdentitySwitches(false, Optional.empty(), "", "", Duration.ZERO);

  private final boolean healthWithoutVersion;
  private final Optional<Path> runningFile;
  private final String runningImage;
  private final String previousVersion;
  private final Duration previousFor;
  /** When the server started listening ({@link #announce}); the previous identity answers from then on. */
  private final java.util.concurrent.atomic.AtomicReference<Instant> listening = new java.util.concurrent.atomic.AtomicReference<>();

  public IdentitySwitches(boolean healthWithoutVersion, Optional<Path> runningFile, String runningImage,
      String previousVersion, Duration previousFor) {
    this.healthWithoutVersion = healthWithoutVersion;
    this.runningFile = runningFile == null ? Optional.empty() : runningFile;
    this.runningImage = runningImage == null ? "" : runningImage.trim();
    this.previousVersion = previousVersion == null ? "" : previousVersion.trim();
    this.previousFor = previousFor == null ? Duration.ZERO : previousFor;
  }

  public boolean healthWithoutVersion() {
    return healthWithoutVersion;
  }

  @Override
  public String toString() {
    return "IdentitySwitches{healthWithoutVersion=" + healthWithoutVersion + ", runningFile="
        + runningFile.map(Path::toString).orElse("-") + ", previousVersion=" + previousVersion + ", previousFor="
        + previousFor + "}";
  }

  /** What is wrong with these switches, naming the flags; empty when nothing is. */
  List<String> problems() {
    if (previousFor.isNegative()) {
      return List.of("--previous-for must not be negative (it is " + previousFor + ")");
    }
    if (!previousFor.isZero() && previousVersion.isEmpty() && runningFile.isEmpty()) {
      return List.of("--previous-for needs --previous-version or --running-file: nothing would keep answering");
    }
    return List.of();
  }

  /** The version shown now: the previous one until {@code previousFor} has passed since the server listened. */
  public String shownVersion(String version) {
    Instant since = listening.get();
    boolean early = since == null || Duration.between(since, Instant.now()).compareTo(previousFor) < 0;
    return !previousVersion.isEmpty() && early ? previousVersion : version;
  }

  /**
   * Writes the running image (or {@code version}) to the running file once {@code previousFor} has
   * passed since {@code listening}, on a daemon thread; nothing without a running file.
   */
  void announce(String version, Instant listening) {
    this.listening.compareAndSet(null, listening);
    runningFile.ifPresent(file -> {
      Thread writer = new Thread(() -> {
        try {
          Duration wait = Duration.between(Instant.now(), listening.plus(previousFor));
          if (!wait.isNegative()) {
            Thread.sleep(wait.toMillis());
          }
          Path temp = file.resolveSibling(file.getFileName() + ".tmp");
          Files.writeString(temp, (runningImage.isEmpty() ? version : runningImage) + "\n", StandardCharsets.UTF_8);
          Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          System.err.println("beelms-reference-core: cannot write --running-file " + file + ": " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "beelms-running-file");
      writer.setDaemon(true);
      writer.start();
    });
  }

  /** The version of this build of the reference core, from the filtered {@code reference-core.properties}. */
  public static String projectVersion() {
    Properties properties = new Properties();
    try (InputStream in = ReferenceCoreConfig.class.getResourceAsStream("reference-core.properties")) {
      if (in == null) {
        throw new IllegalStateException("reference-core.properties is missing from the classpath; rebuild the module");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference-core.properties", e);
    }
    return properties.getProperty("version");
  }
}
