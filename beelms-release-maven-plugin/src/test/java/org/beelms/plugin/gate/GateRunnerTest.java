package org.beelms.plugin.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GateRunnerTest {

  private static Gate gateReturning(String name, List<Finding> findings, Severity failOn) {
    return new Gate() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public GateResult check(ReleaseListener listener) {
        return GateResult.of(name, Duration.ZERO, findings, failOn);
      }
    };
  }

  @Test
  void failsOnlyWhenAFindingReachesFailOn() {
    List<Finding> warnings = List.of(Finding.warning("spec lags", "openapi.yaml:3", "edit it"));
    assertEquals(
        GateStatus.PASSED, GateResult.of("g", Duration.ZERO, warnings, Severity.ERROR).status());
    assertEquals(
        GateStatus.FAILED, GateResult.of("g", Duration.ZERO, warnings, Severity.WARNING).status());
  }

  @Test
  void emitsStartedFindingsAndFinishedWithMeasuredDuration() throws Exception {
    List<String> events = new ArrayList<>();
    ReleaseListener recorder =
        new ReleaseListener() {
          @Override
          public void gateStarted(String gate) {
            events.add("started " + gate);
          }

          @Override
          public void finding(String gate, Finding finding) {
            events.add("finding " + finding.message());
          }

          @Override
          public void gateFinished(GateResult result) {
            events.add("finished " + result.status() + " " + result.duration().toMillis());
          }
        };
    AtomicLong clock = new AtomicLong();
    GateRunner runner =
        new GateRunner(recorder, () -> clock.getAndAdd(Duration.ofMillis(1500).toNanos()));

    GateResult result =
        runner.run(
            gateReturning(
                "scope-freeze",
                List.of(Finding.error("tree is dirty", "README.md", "commit it")),
                Severity.ERROR));

    assertEquals(GateStatus.FAILED, result.status());
    assertEquals(Duration.ofMillis(1500), result.duration());
    assertEquals(
        List.of("started scope-freeze", "finding tree is dirty", "finished FAILED 1500"), events);
  }

  @Test
  void skippedResultNeedsAReason() {
    assertThrows(IllegalArgumentException.class, () -> GateResult.skipped("smoke", " "));
    assertEquals("no target", GateResult.skipped("smoke", "no target").skipReason());
  }

  @Test
  void severitySettingErrorNamesTheSettingAndTheChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Severity.parse("fatal", "<failOn> / -Dbeelms.openapi.failOn"));
    assertEquals(
        "<failOn> / -Dbeelms.openapi.failOn is 'fatal'; use one of: info, warning, error",
        e.getMessage());
    assertEquals(Severity.WARNING, Severity.parse(" Warning ", "x"));
  }
}
