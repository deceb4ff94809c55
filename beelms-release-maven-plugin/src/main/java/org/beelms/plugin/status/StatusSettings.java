package org.beelms.plugin.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.smoke.Environment;

/**
 * What {@code beelms:status} is asked to do, resolved once from the goal's parameters.
 *
 * @param declared every declared environment, in declaration order (the board's columns)
 * @param inspected the environments to inspect now: all declared, or the one {@code -Dtarget} names
 * @param timeout the bound of each registry request, each health request and the remote comparison
 * @param failOnDrift fail the build on drift or on a check that could not run
 * @param remote the git remote whose records are compared (a name such as {@code origin}, or a URL)
 * @param fetch fetch the remote's records first (fast-forward only)
 * @param outputDirectory where {@code board.html} and {@code board.md} are written
 * @param stepSummary a CI job summary file the Markdown board is appended to ({@code $GITHUB_STEP_SUMMARY})
 */
public record StatusSettings(
    List<Environment> declared,
    List<Environment> inspected,
    Duration timeout,
    boolean failOnDrift,
    String remote,
    boolean fetch,
    Path outputDirectory,
    Optional<Path> stepSummary) {

  public static final String FAIL_ON_DRIFT_PROPERTY = "beelms.status.failOnDrift";

  public StatusSettings {
    declared = List.copyOf(declared);
    inspected = List.copyOf(inspected);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "-Dbeelms.status.timeout=" + timeout + " must be positive, e.g. PT5S");
    }
    remote = remote == null || remote.isBlank() ? "origin" : remote.trim();
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    stepSummary = stepSummary == null ? Optional.empty() : stepSummary;
  }
}
