package org.beelms.plugin.gate;

/** The outcome of one release gate. */
public enum GateStatus {
  PASSED,
  FAILED,
  /** The gate did not run; its {@link GateResult#skipReason()} says why. */
  SKIPPED,
  /**
   * Only for a smoke tier ({@link org.beelms.plugin.smoke.SmokeTiers}): checks of the tier failed, and a waiver
   * accepts each of those failures (known failures, accepted one by one). Counts as passed where a tier must
   * pass (production's staging precondition), and is never shown as passed. No gate result has it.
   */
  WAIVED
}
