package org.beelms.plugin.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;

class ReleaseCandidateTest {

  private static Gate gate(String name, GateStatus outcome) {
    return new Gate() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GateResult check(ReleaseListener listener) {
        List<Finding> findings =
            outcome == GateStatus.FAILED
                ? List.of(Finding.error(name + " is red", "x", "fix"))
                : List.of();
        return GateResult.of(name, Duration.ZERO, findings, Severity.ERROR);
      }
    };
  }

  private static Gate broken(String name) {
    return new Gate() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GateResult check(ReleaseListener listener) throws IOException {
        throw new IOException("cannot start embedded PostgreSQL: no space left on device");
      }
    };
  }

  @Test
  void runsEveryGateInOrderAfterFailuresAndShowsSkips() {
    List<String> finished = new ArrayList<>();
    ReleaseListener recorder =
        new ReleaseListener() {
          @Override
          public void gateFinished(GateResult result) {
            finished.add(result.gate() + "=" + result.status());
          }
        };

    List<GateResult> results =
        new ReleaseCandidate(recorder)
            .runGates(
                List.of(
                    PlannedGate.run(gate("scope-freeze", GateStatus.FAILED)),
                    PlannedGate.skippedByFlag("openapi-check"),
                    PlannedGate.run(broken("migrations-check")),
                    PlannedGate.run(gate("dod-check", GateStatus.PASSED))));

    assertEquals(
        List.of(
            "scope-freeze=FAILED",
            "openapi-check=SKIPPED",
            "migrations-check=FAILED",
            "dod-check=PASSED"),
        finished);
    assertEquals("skipped by -Dbeelms.skip.openapi-check=true", results.get(1).skipReason());
    assertEquals(
        "the gate could not run: cannot start embedded PostgreSQL: no space left on device",
        results.get(2).findings().get(0).message());
  }
}
