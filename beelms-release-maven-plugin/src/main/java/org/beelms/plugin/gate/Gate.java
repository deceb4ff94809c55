package org.beelms.plugin.gate;

/** One release gate: a plain-Java check that knows nothing of Maven. */
public interface Gate {

  /** The gate's name, the same as its goal (e.g. {@code scope-freeze}). */
  String name();

  /**
   * Runs the gate. Findings are returned in the result, not thrown; an exception means the gate
   * could not run at all (a broken environment), not that it failed.
   */
  GateResult check(ReleaseListener listener) throws Exception;
}
