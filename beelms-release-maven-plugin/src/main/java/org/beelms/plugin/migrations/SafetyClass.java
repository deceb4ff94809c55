package org.beelms.plugin.migrations;

/**
 * Whether code of the previous release still runs on the schema after a migration: the input of
 * rollback decisions and of the release notes.
 */
public enum SafetyClass {
  /** Additive and backward-compatible: the previous release's code runs on the new schema. */
  EXPAND,
  /**
   * Removes or changes something the previous release's code may use (drop, rename, type change,
   * tighter constraint): rolling the code back without the schema breaks it.
   */
  CONTRACT,
  /**
   * Not read: a statement, call chain or code block whose effect the classifier cannot see
   * (computed SQL, a helper the query runner is passed to, {@code DO} blocks, {@code CALL}, an
   * unrecognised statement). Review by hand; never counted as safe (rollback refuses it unless
   * forced).
   */
  UNKNOWN;

  /** As recorded and printed: {@code expand}, {@code contract} or {@code unknown}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The class of a migration from its statements' classes: contract, else unknown, else expand. */
  public static SafetyClass of(java.util.Collection<SafetyReason> reasons) {
    if (reasons.stream().anyMatch(r -> r.safetyClass() == CONTRACT)) {
      return CONTRACT;
    }
    return reasons.stream().anyMatch(r -> r.safetyClass() == UNKNOWN) ? UNKNOWN : EXPAND;
  }
}
