package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.smoke.config.StatusKey;
import org.beelms.smoke.config.TaskCompletion;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A healthy deployment of the other kind ("How real deployments differ"): register requires
 * acceptTerms, only the curriculum completion route exists, quiz submit answers 201. The library
 * passes through configuration alone, and lists the 201 as a contract deviation.
 */
class DeploymentVariantsIT {

  private static RunningReferenceCore core;

  @BeforeAll
  static void startServer() {
    core =
        ReferenceServer.start(
            s -> s.requireAcceptTerms(true).taskRouteEnabled(false).quizSubmitStatus(201));
  }

  @AfterAll
  static void stopServer() {
    core.close();
  }

  @Test
  void passesWhenConfiguredForTheVariantAndReportsTheDeviation(@TempDir Path reports) {
    SmokeRunResult result =
        SmokeRuns.run(
            core,
            reports,
            c ->
                c.registerExtraField("acceptTerms", true)
                    .taskCompletion(TaskCompletion.AUTO)
                    .acceptedStatuses(StatusKey.QUIZ_SUBMIT, 200, 201));

    assertEquals(0, result.exitCode(), () -> SmokeRuns.describe(result));
    assertEquals(CheckStatus.PASSED, result.statusOf("WS3-DEMO-5"), SmokeRuns.describe(result));
    assertEquals(CheckStatus.PASSED, result.statusOf("WS3-API-7"), SmokeRuns.describe(result));
    assertTrue(
        result.deviations().stream()
            .anyMatch(d -> d.checklistIds().contains("WS3-API-7") && d.status() == 201),
        () -> "deviations: " + result.deviations());
  }

  @Test
  void withoutTheExtraRegisterFieldRegistrationFails(@TempDir Path reports) {
    SmokeRunResult result = SmokeRuns.run(core, reports, c -> c.taskCompletion(TaskCompletion.AUTO));

    assertEquals(1, result.exitCode(), () -> SmokeRuns.describe(result));
    assertEquals(CheckStatus.FAILED, result.statusOf("WS2-API-1"), SmokeRuns.describe(result));
  }
}
