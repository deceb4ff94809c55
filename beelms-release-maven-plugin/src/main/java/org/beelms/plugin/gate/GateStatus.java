package org.beelms.plugin.gate;

/** The outcome of one release gate. */
public enum GateStatus {
  PASSED,
  FAILED,
  /** The gate did not run; its {@link GateResult#skipReason()} says why. */
  SKIPPED
}
