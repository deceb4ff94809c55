package org.beelms.plugin.release;

import java.util.ArrayList;
import java.util.List;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateRunner;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;

/**
 * Release plan 2.1–2.2: runs the release-candidate gates in order. It keeps going after a failed
 * gate, and after a gate that could not run at all, so one run shows everything that stands
 * between the candidate and a release; the caller fails the build at the end.
 */
public final class ReleaseCandidate {

  private final ReleaseListener listener;

  public ReleaseCandidate(ReleaseListener listener) {
    this.listener = listener;
  }

  public List<GateResult> runGates(List<PlannedGate> plan) {
    GateRunner runner = new GateRunner(listener);
    List<GateResult> results = new ArrayList<>();
    for (PlannedGate planned : plan) {
      if (planned.gate().isEmpty()) {
        GateResult skipped = GateResult.skipped(planned.name(), planned.skipReason());
        listener.gateFinished(skipped);
        results.add(skipped);
        continue;
      }
      try {
        results.add(runner.run(planned.gate().get()));
      } catch (Exception e) {
        GateResult broken =
            GateResult.of(
                planned.name(),
                java.time.Duration.ZERO,
                List.of(
                    Finding.error(
                        "the gate could not run: " + describe(e),
                        "",
                        "fix the cause above and run the release candidate again")),
                Severity.ERROR);
        listener.finding(planned.name(), broken.findings().get(0));
        listener.gateFinished(broken);
        results.add(broken);
      }
    }
    return results;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
