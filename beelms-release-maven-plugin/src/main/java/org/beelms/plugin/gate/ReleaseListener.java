package org.beelms.plugin.gate;

/**
 * Receives what the release services do, so they never print: the Mojo adapts it to Maven's
 * log, tests collect the events in a list.
 */
public interface ReleaseListener {

  /** A listener that ignores everything. */
  ReleaseListener NONE = new ReleaseListener() {};

  default void gateStarted(String gate) {}

  default void finding(String gate, Finding finding) {}

  default void gateFinished(GateResult result) {}

  /** Progress worth a line in the build log (what is being read, pushed, started). */
  default void progress(String gate, String message) {}
}
