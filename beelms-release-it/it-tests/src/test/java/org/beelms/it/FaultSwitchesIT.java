package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.ReferenceCoreConfigBuilder;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fault switch of the reference core breaks one feature; the smoke check that covers it must
 * turn red with a message naming its checklist item and the endpoint, while the checks of
 * untouched features stay green.
 */
class FaultSwitchesIT {

  record Fault(
      String name,
      UnaryOperator<ReferenceCoreConfigBuilder> server,
      UnaryOperator<SmokeConfig.Builder> smoke,
      List<String> mustFail,
      String endpoint,
      List<String> mustPass) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> faults() {
    return Stream.of(
            new Fault(
                "route removed: article detail",
                s -> s.faultRemoveRoute("GET /wiki/articles/{slug}"),
                c -> c,
                List.of("WS1-API-2"),
                "/wiki/articles/",
                concat(SmokeRuns.OPS, SmokeRuns.WS2, SmokeRuns.WS3)),
            new Fault(
                "JWT guard off: /users/me",
                s -> s.faultUnguard("GET /users/me"),
                c -> c,
                List.of("WS2-SEC-2"),
                "/users/me",
                concat(SmokeRuns.OPS, SmokeRuns.WS1, SmokeRuns.WS3)),
            new Fault(
                "500 from the course catalogue",
                s -> s.fault500("GET /courses"),
                c -> c,
                List.of("WS3-API-1"),
                "/courses",
                concat(SmokeRuns.OPS, SmokeRuns.WS1, SmokeRuns.WS2)),
            new Fault(
                "slow article list",
                // The suites keep their ordinary 5 s read timeout (bcrypt logins on embedded PostgreSQL
                // on a busy 2-core machine stay well under it); only the faulted route, three times
                // slower than that, can time out.
                s -> s.faultSlow(Duration.ofSeconds(15)).faultSlowRoute("GET /wiki/articles"),
                c -> c,
                List.of("WS1-API-1"),
                "/wiki/articles",
                concat(SmokeRuns.OPS, SmokeRuns.WS2)),
            new Fault(
                "database down behind the API",
                s -> s.faultDbDown(true),
                c -> c,
                List.of("OPS-DB-1"),
                "/health",
                List.of()),
            new Fault(
                "wrong reported version",
                s -> s.faultVersion("9.9.9"),
                c -> c,
                List.of("OPS-HEALTH-1"),
                "/health",
                concat(List.of("OPS-DB-1"), SmokeRuns.WS1, SmokeRuns.WS2, SmokeRuns.WS3)))
        .map(Arguments::of);
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void coveringCheckTurnsRedAndOthersStayGreen(Fault fault, @TempDir Path reports) {
    try (RunningReferenceCore core = ReferenceServer.start(fault.server())) {
      SmokeRunResult result = SmokeRuns.run(core, reports, fault.smoke());
      String account = SmokeRuns.describe(result);

      assertEquals(1, result.exitCode(), account);
      for (String id : fault.mustFail()) {
        assertEquals(CheckStatus.FAILED, result.statusOf(id), id + "\n" + account);
        CheckResult failed =
            result.checksFor(id).stream()
                .filter(c -> c.status() == CheckStatus.FAILED)
                .findFirst()
                .orElseThrow();
        assertTrue(
            failed.displayName().contains(id) || failed.message().contains(id),
            "the failure names its checklist item " + id + ": " + failed);
        assertTrue(
            failed.message().contains(fault.endpoint()),
            "the failure names the endpoint " + fault.endpoint() + ": " + failed.message());
      }
      assertAll(
          fault.mustPass().stream()
              .map(id -> () -> assertEquals(CheckStatus.PASSED, result.statusOf(id), id + "\n" + account)));
    }
  }
}
