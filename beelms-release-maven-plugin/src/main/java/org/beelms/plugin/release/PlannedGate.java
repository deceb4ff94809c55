package org.beelms.plugin.release;

import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.gate.Gate;

/**
 * A gate in the release-candidate order: either one to run, or one the user skipped, with the
 * reason the summary shows.
 */
public record PlannedGate(String name, Optional<Gate> gate, String skipReason) {

  public PlannedGate {
    Objects.requireNonNull(name, "name");
    gate = gate == null ? Optional.empty() : gate;
    skipReason = skipReason == null ? "" : skipReason;
  }

  public static PlannedGate run(Gate gate) {
    return new PlannedGate(gate.name(), Optional.of(gate), "");
  }

  /** A gate skipped by its {@code -Dbeelms.skip.<gate>} flag. */
  public static PlannedGate skippedByFlag(String name) {
    return new PlannedGate(name, Optional.empty(), "skipped by -Dbeelms.skip." + name + "=true");
  }
}
