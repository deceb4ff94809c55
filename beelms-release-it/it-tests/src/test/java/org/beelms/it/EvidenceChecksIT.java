package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.smoke.checks.Ws2AuthSmoke;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.regression.InputRegression;
import org.beelms.smoke.runner.ResultProof;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Checks that used to pass on little evidence, each run alone against the reference core: what
 * they pass with (the proof says what was seen) and the target that used to fool them.
 */
class EvidenceChecksIT {

  /** One check's outcome: its status, its failure or skip message, the proof it published. */
  record Outcome(TestExecutionResult.Status status, String message, String proof) {
    @Override
    public String toString() {
      return status + ": " + message + " (proof: " + proof + ")";
    }
  }

  /** Runs the check method {@code method} of {@code checks} alone through the JUnit Platform. */
  private static Outcome runCheck(RunningReferenceCore core, Class<?> checks, String method) {
    SmokeConfig config = SmokeRuns.configFor(core).build();
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectMethod(checks, method,
            BeelmsApi.class.getName() + "," + TestReporter.class.getName()))
        .configurationParameters(config.toConfigurationParameters())
        .enableImplicitConfigurationParameters(false)
        .build();
    Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
    Map<String, String> proofs = new ConcurrentHashMap<>();
    LauncherFactory.create().execute(request, new TestExecutionListener() {
      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
          results.put(id.getUniqueId(), result);
        }
      }

      @Override
      public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        String proof = entry.getKeyValuePairs().get(ResultProof.KEY);
        if (proof != null) {
          proofs.put(id.getUniqueId(), proof);
        }
      }
    });
    assertEquals(1, results.size(), () -> checks.getSimpleName() + "." + method + " ran once: " + results);
    Map.Entry<String, TestExecutionResult> only = results.entrySet().iterator().next();
    TestExecutionResult result = only.getValue();
    return new Outcome(result.getStatus(), result.getThrowable().map(Throwable::getMessage).orElse(""),
        proofs.getOrDefault(only.getKey(), ""));
  }

  @Test
  void errorBodiesPassWithTheErrorAnswersExaminedNamed() {
    try (RunningReferenceCore core = ReferenceServer.start()) {
      Outcome outcome = runCheck(core, InputRegression.class, "errorBodiesLeakNothing");

      assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcome.status(), outcome.toString());
      assertTrue(outcome.proof().startsWith("6 error answer(s) examined"), outcome.toString());
      assertTrue(outcome.proof().contains("GET /users/me without a token (401)"), outcome.toString());
    }
  }

  @Test
  void errorBodiesFailWhenEveryProbeAnswersTheSpaFallbackPage() {
    try (RunningReferenceCore core = ReferenceServer.start(s -> s.changeFrontEnd(f -> f.withSpaFallback(true)))) {
      Outcome outcome = runCheck(core, InputRegression.class, "errorBodiesLeakNothing");

      assertEquals(TestExecutionResult.Status.FAILED, outcome.status(),
          "an SPA answering 200 to every probe showed no error body: " + outcome);
      assertTrue(outcome.message().contains("no probe answered an error, so no error body was examined"),
          outcome.toString());
      assertTrue(outcome.message().contains("answered the SPA fallback page"), outcome.toString());
      assertTrue(outcome.message().contains("GET /users/me without a token"), outcome.toString());
      assertTrue(outcome.message().contains("beelms.smoke.url seems to reach a front end's catch-all"),
          outcome.toString());
    }
  }

  @Test
  void logoutSaysTheApiHasNoServerSideLogoutAndHowLongTheDroppedTokenStaysValid() {
    try (RunningReferenceCore core = ReferenceServer.start()) {
      Outcome outcome = runCheck(core, Ws2AuthSmoke.class, "logsOut");

      assertNotNull(outcome);
      assertEquals(TestExecutionResult.Status.SUCCESSFUL, outcome.status(), outcome.toString());
      assertTrue(outcome.proof().contains("no server-side logout"), outcome.toString());
      assertTrue(outcome.proof().matches(".*stays valid until it expires \\(in \\d+ s,.*"), outcome.toString());
    }
  }
}
