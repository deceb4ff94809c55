package org.beelms.plugin.gate;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Runs gates with the events and timing every front end relies on: started, each finding,
 * finished with the measured duration.
 */
public final class GateRunner {

  private final ReleaseListener listener;
  private final LongSupplier nanoClock;

  public GateRunner(ReleaseListener listener) {
    this(listener, System::nanoTime);
  }

  GateRunner(ReleaseListener listener, LongSupplier nanoClock) {
    this.listener = listener;
    this.nanoClock = nanoClock;
  }

  public GateResult run(Gate gate) throws Exception {
    listener.gateStarted(gate.name());
    long start = nanoClock.getAsLong();
    GateResult result = gate.check(listener);
    if (result.status() != GateStatus.SKIPPED) {
      result = result.withDuration(Duration.ofNanos(nanoClock.getAsLong() - start));
    }
    for (Finding finding : result.findings()) {
      listener.finding(result.gate(), finding);
    }
    listener.gateFinished(result);
    return result;
  }
}
