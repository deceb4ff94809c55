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
  CONTRACT
}
