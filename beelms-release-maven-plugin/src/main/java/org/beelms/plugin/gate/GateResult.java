package org.beelms.plugin.gate;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one gate concluded. Every gate returns exactly one; every report (build log, {@code
 * summary.md}, {@code summary.json}, the release record) is rendered from a list of these.
 *
 * @param gate the gate's name, the same as its goal (e.g. {@code openapi-check})
 * @param status passed, failed or skipped
 * @param duration how long it ran
 * @param findings everything it found, failing or not, in the order found
 * @param skipReason why it did not run; empty unless {@link GateStatus#SKIPPED}
 */
public record GateResult(
    String gate, GateStatus status, Duration duration, List<Finding> findings, String skipReason) {

  public GateResult {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(status, "status");
    duration = duration == null ? Duration.ZERO : duration;
    findings = List.copyOf(findings == null ? List.of() : findings);
    skipReason = skipReason == null ? "" : skipReason;
    if (status == GateStatus.SKIPPED && skipReason.isBlank()) {
      throw new IllegalArgumentException("a skipped gate needs a reason: " + gate);
    }
  }

  /**
   * The result of a gate that ran: failed when any finding reaches {@code failOn}, passed
   * otherwise.
   */
  public static GateResult of(
      String gate, Duration duration, List<Finding> findings, Severity failOn) {
    boolean failed = findings.stream().anyMatch(f -> f.severity().atLeast(failOn));
    return new GateResult(
        gate, failed ? GateStatus.FAILED : GateStatus.PASSED, duration, findings, "");
  }

  public static GateResult skipped(String gate, String reason) {
    return new GateResult(gate, GateStatus.SKIPPED, Duration.ZERO, List.of(), reason);
  }

  public boolean failed() {
    return status == GateStatus.FAILED;
  }

  /** The findings at or above {@code severity}. */
  public List<Finding> findingsAtLeast(Severity severity) {
    return findings.stream().filter(f -> f.severity().atLeast(severity)).toList();
  }

  /** The same result with the time it took, measured by whoever ran it. */
  public GateResult withDuration(Duration measured) {
    return new GateResult(gate, status, measured, findings, skipReason);
  }
}
