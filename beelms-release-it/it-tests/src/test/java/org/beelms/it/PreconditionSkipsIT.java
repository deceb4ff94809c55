package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.ReferenceCoreConfigBuilder;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When the smoke account cannot log in (its registration or its login answers 500), the checks that only need the
 * login are skipped saying so and pointing at WS2-API-2, and no raw exception text (an empty Optional's "No value
 * present", a class cast) reaches any check's message.
 */
class PreconditionSkipsIT {

  /** Texts of exceptions that escaped a check instead of a sentence saying what failed. */
  private static final List<String> RAW_EXCEPTION_TEXTS =
      List.of(
          "No value present",
          "NoSuchElementException",
          "NullPointerException",
          "ClassCastException",
          "cannot be cast",
          "IndexOutOfBoundsException",
          "IllegalStateException");

  static Stream<Arguments> brokenLogins() {
    return Stream.of(
        Arguments.of(
            "registration answers 500",
            (UnaryOperator<ReferenceCoreConfigBuilder>) s -> s.fault500("POST /auth/register")),
        Arguments.of(
            "login answers 500",
            (UnaryOperator<ReferenceCoreConfigBuilder>) s -> s.fault500("POST /auth/login")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenLogins")
  void checksNeedingTheLoginAreSkippedPointingAtIt(
      String name, UnaryOperator<ReferenceCoreConfigBuilder> fault, @TempDir Path reports) {
    try (RunningReferenceCore core = ReferenceServer.start(fault)) {
      SmokeRunResult result = SmokeRuns.run(core, reports, c -> c);
      String account = SmokeRuns.describe(result);

      assertEquals(CheckStatus.FAILED, result.statusOf("WS2-API-2"), account);
      CheckResult me = result.checksFor("WS2-API-3").get(0);
      assertEquals(CheckStatus.SKIPPED, me.status(), account);
      assertTrue(
          me.message().startsWith("needs the smoke account's login (see WS2-API-2): "),
          "WS2-API-3 says what it needs and points at WS2-API-2: " + me.message());
      assertTrue(me.message().contains("500"), "and says why: " + me.message());
      assertAll(
          result.checks().stream()
              .filter(c -> c.message() != null)
              .map(
                  c ->
                      () ->
                          RAW_EXCEPTION_TEXTS.forEach(
                              raw ->
                                  assertFalse(
                                      c.message().contains(raw),
                                      c.displayName() + " reports a raw exception text: "
                                          + c.message()))));
    }
  }
}
