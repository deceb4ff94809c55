package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.beelms.reference.ReferenceCoreConfig;
import org.beelms.reference.ReferenceCoreConfigBuilder;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.smoke.client.ResidueEntry;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.regression.EndpointLoad;
import org.beelms.smoke.regression.LoadReport;
import org.beelms.smoke.regression.RegressionItems;
import org.beelms.smoke.report.ChecklistReport;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunRequest;
import org.beelms.smoke.runner.SmokeRunResult;
import org.beelms.smoke.runner.SmokeRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The regression tier against the reference core: it passes on a healthy server inside the default rate limits (with
 * the smoke tier in the same run); each fault is caught by the check meant for it; the parallel-user smoke's figures
 * reach the report and a slowed endpoint fails its p95 threshold.
 */
class RegressionTierIT {

  static final Path SPEC = Path.of("..", "reference-core", "docs", "architecture", "openapi.yaml");

  private static SmokeRunResult run(
      RunningReferenceCore core, Path reports, String suites, UnaryOperator<SmokeConfig.Builder> variant) {
    SmokeConfig config =
        variant
            .apply(
                SmokeRuns.configFor(core)
                    .spec(SPEC)
                    .loadUsers(5)
                    .loadDuration(Duration.ofSeconds(3))
                    .loadMaxP95(Duration.ofSeconds(1)))
            .build();
    return SmokeRunner.run(
        SmokeRunRequest.builder(config).suites(suites).reportDirectory(reports).build());
  }

  private static String account(SmokeRunResult result) {
    StringBuilder text = new StringBuilder(SmokeRuns.describe(result));
    result.problems().forEach(p -> text.append("problem: ").append(p).append('\n'));
    result
        .regression()
        .contractViolations()
        .forEach(v -> text.append("contract: ").append(v).append('\n'));
    return text.toString();
  }

  @Test
  void healthyServerPassesBothTiersInsideTheRateLimits(@TempDir Path reports) throws IOException {
    assertTrue(Files.isRegularFile(SPEC), "the reference spec is at " + SPEC.toAbsolutePath());
    try (RunningReferenceCore core = ReferenceServer.start()) {
      SmokeRunResult result = run(core, reports, "all", c -> c.failOnContractDeviation(true));
      String account = account(result);

      assertEquals(0, result.exitCode(), account);
      // REG-HDR-1 only observes: it is information, never a passed check.
      assertAll(
          RegressionItems.ids().stream()
              .map(
                  id ->
                      () -> assertEquals(
                          id.equals(RegressionItems.HEADERS) ? CheckStatus.INFO : CheckStatus.PASSED,
                          result.statusOf(id), id + "\n" + account)));
      assertAll(
          SmokeRuns.allItems().stream()
              .map(
                  id ->
                      () -> assertEquals(CheckStatus.PASSED, result.statusOf(id), id + "\n" + account)));
      assertTrue(result.regression().specChecked().isPresent(), account);
      assertTrue(result.regression().validatedResponses() > 50, account);
      assertTrue(result.regression().contractViolations().isEmpty(), account);

      long registered =
          result.created().stream().filter(r -> r.what().startsWith("account ")).count();
      assertTrue(registered <= 5, "at most 5 registrations per hour per IP: " + result.residue());
      assertEquals(
          registered,
          result.removed().stream().filter(r -> r.what().startsWith("account ")).count(),
          "every throwaway account is deleted: " + result.residue());

      LoadReport load = result.regression().loadReport().orElseThrow();
      assertEquals(5, load.users());
      assertTrue(load.accounts() >= 1 && load.accounts() <= 4, "accounts inside the budget: " + load);
      assertTrue(load.requests() > 20, load.toString());
      assertEquals(0, load.errors(), load.toString());

      String md = Files.readString(reports.resolve(ChecklistReport.MARKDOWN_FILE));
      assertTrue(md.contains("## Regression tier"), md);
      assertTrue(md.contains("### Parallel-user smoke"), md);
      for (EndpointLoad e : load.endpoints()) {
        assertTrue(
            md.contains("| " + e.endpoint() + " | " + e.requests() + " | " + e.errors() + " | "),
            "report row of " + e.endpoint() + ":\n" + md);
      }
      assertTrue(md.contains("p95"), md);
      assertTrue(md.contains("X-Content-Type-Options: nosniff"), "security headers reported:\n" + md);
      assertTrue(md.contains("### Contract conformance"), md);
      String html = Files.readString(reports.resolve(ChecklistReport.HTML_FILE));
      assertTrue(html.contains("<h3>Parallel-user smoke</h3>"), html);
    }
  }

  @Test
  void registrationBudgetIsNeverExceededAndSkipsSayWhy(@TempDir Path reports) {
    try (RunningReferenceCore core = ReferenceServer.start()) {
      SmokeRunResult result =
          run(
              core,
              reports,
              "regression",
              c -> c.registrationBudget(1).loadDuration(Duration.ofMillis(500)));
      String account = account(result);

      assertEquals(0, result.exitCode(), account);
      assertEquals(
          1,
          result.created().stream().filter(r -> r.what().startsWith("account ")).count(),
          "only the smoke account is registered: " + result.residue());
      assertEquals(CheckStatus.SKIPPED, result.statusOf(RegressionItems.DEACTIVATION), account);
      CheckResult lifecycle = result.checksFor(RegressionItems.DEACTIVATION).get(0);
      assertTrue(
          lifecycle.message().contains("registration budget"),
          "the skip names the budget: " + lifecycle.message());
      LoadReport load = result.regression().loadReport().orElseThrow();
      assertEquals(1, load.accounts(), "the virtual users share the smoke account: " + load);
      assertEquals(CheckStatus.PASSED, result.statusOf(RegressionItems.PARALLEL_USERS), account);
    }
  }

  @Test
  void productionModeWritesNothingAndRegistersNothing(@TempDir Path reports) {
    try (RunningReferenceCore core = ReferenceServer.start()) {
      String email = "regression-account@example.test";
      String password = "Regression-Account-Pass-1";
      io.restassured.RestAssured.given()
          .baseUri(core.apiUri().toString())
          .contentType("application/json")
          .body(java.util.Map.of("email", email, "password", password))
          .post("/auth/register")
          .then()
          .statusCode(201);

      SmokeRunResult result =
          run(
              core,
              reports,
              "regression",
              c ->
                  c.mode(org.beelms.smoke.config.SmokeMode.PRODUCTION)
                      .user(email, password)
                      .loadDuration(Duration.ofMillis(500)));
      String account = account(result);

      assertEquals(0, result.exitCode(), account);
      assertTrue(result.created().isEmpty(), "production leaves no residue: " + result.residue());
      for (String id :
          List.of(
              RegressionItems.REFRESH,
              RegressionItems.IDEMPOTENT,
              RegressionItems.DEACTIVATION,
              RegressionItems.DELETION)) {
        assertEquals(CheckStatus.SKIPPED, result.statusOf(id), id + "\n" + account);
      }
      for (String id :
          List.of(
              RegressionItems.JWT_GUARD,
              RegressionItems.ADMIN_GUARD,
              RegressionItems.MALFORMED_IDS,
              RegressionItems.USER_SECRETS,
              RegressionItems.PARALLEL_USERS)) {
        assertEquals(CheckStatus.PASSED, result.statusOf(id), id + "\n" + account);
      }
      assertEquals(1, result.regression().loadReport().orElseThrow().accounts(), account);
    }
  }

  record Fault(
      String name,
      UnaryOperator<ReferenceCoreConfigBuilder> server,
      UnaryOperator<SmokeConfig.Builder> smoke,
      String mustFail,
      String messagePart) {

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> faults() {
    UnaryOperator<SmokeConfig.Builder> shortLoad = c -> c.loadDuration(Duration.ofMillis(500));
    return Stream.of(
            new Fault(
                "guard accepts alg none",
                s -> s.faultAcceptAlgNone(true),
                shortLoad,
                RegressionItems.JWT_GUARD,
                "unsigned token (alg none)"),
            new Fault(
                "JWT guard off: /users/me/courses",
                s -> s.faultUnguard("GET /users/me/courses"),
                shortLoad,
                RegressionItems.JWT_GUARD,
                "GET /users/me/courses with no token answered 200"),
            new Fault(
                "users/me leaks the password hash",
                s -> s.faultLeakPasswordHash(true),
                shortLoad,
                RegressionItems.USER_SECRETS,
                "passwordHash"),
            new Fault(
                "500 on a malformed id",
                s -> s.faultMalformedId500(true),
                shortLoad,
                RegressionItems.MALFORMED_IDS,
                "answered 500"),
            new Fault(
                "500 from admin metrics",
                s -> s.fault500("GET /admin/metrics/overview"),
                shortLoad,
                RegressionItems.ADMIN_GUARD,
                "the admin on GET /admin/metrics/overview got 500"),
            new Fault(
                "slowed course detail",
                s ->
                    s.faultSlow(Duration.ofMillis(1500))
                        .faultSlowRoute("GET /courses/{courseId}"),
                c -> c.loadDuration(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(5)),
                RegressionItems.PARALLEL_USERS,
                "GET /courses/{courseId}: p95"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void eachFaultIsCaughtByItsCheck(Fault fault, @TempDir Path reports) {
    try (RunningReferenceCore core = ReferenceServer.start(fault.server())) {
      SmokeRunResult result = run(core, reports, "regression", fault.smoke());
      String account = account(result);

      assertEquals(1, result.exitCode(), account);
      assertEquals(CheckStatus.FAILED, result.statusOf(fault.mustFail()), account);
      CheckResult failed =
          result.checksFor(fault.mustFail()).stream()
              .filter(c -> c.status() == CheckStatus.FAILED)
              .findFirst()
              .orElseThrow();
      assertTrue(failed.displayName().contains(fault.mustFail()), failed.displayName());
      assertTrue(
          failed.message().contains(fault.messagePart()),
          "the failure says " + fault.messagePart() + ": " + failed.message());
      assertFalse(
          result.residue().stream()
              .anyMatch(r -> r.kind() == ResidueEntry.Kind.LEFT),
          "nothing is left behind: " + result.residue());
    }
  }

  @Test
  void wrongFieldTypeIsAContractDeviationThatFailsTheRunWhenAskedTo(@TempDir Path reports)
      throws IOException {
    try (RunningReferenceCore core = ReferenceServer.start(s -> s.faultPriceAsString(true))) {
      SmokeRunResult reported =
          run(core, reports.resolve("report-only"), "ws3", c -> c.loadDuration(Duration.ofMillis(500)));
      Predicate<String> priceDeviation = m -> m.contains("priceCents") || m.contains("string");
      assertTrue(
          reported.regression().contractViolations().stream()
              .anyMatch(
                  v -> v.operation().equals("GET /courses") && priceDeviation.test(v.message())),
          account(reported));
      assertEquals(0, reported.exitCode(), "reported only by default: " + account(reported));
      String md = Files.readString(reports.resolve("report-only").resolve(ChecklistReport.MARKDOWN_FILE));
      assertTrue(md.contains("| GET /courses |"), md);

      SmokeRunResult failing =
          run(core, reports.resolve("failing"), "ws3", c -> c.failOnContractDeviation(true));
      assertEquals(1, failing.exitCode(), account(failing));
      assertTrue(
          failing.problems().stream().anyMatch(p -> p.contains("deviate from the OpenAPI spec")),
          account(failing));
    }
  }
}
