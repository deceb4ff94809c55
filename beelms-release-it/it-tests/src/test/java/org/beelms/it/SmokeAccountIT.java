package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong password for the pre-provisioned smoke account gives one clear failure, not a cascade. */
class SmokeAccountIT {

  @Test
  void wrongSmokePasswordFailsLoginOnceAndNamesIt(@TempDir Path reports) {
    try (RunningReferenceCore core = ReferenceServer.start()) {
      String email = "smoke-account@example.test";
      io.restassured.RestAssured.given()
          .baseUri(core.apiUri().toString())
          .contentType("application/json")
          .body(java.util.Map.of("email", email, "password", "The-Real-Password-1"))
          .post("/auth/register")
          .then()
          .statusCode(201);

      SmokeRunResult result =
          SmokeRuns.run(
              core, reports, c -> c.mode(SmokeMode.PRODUCTION).user(email, "Not-The-Password-1"));

      String account = SmokeRuns.describe(result);
      assertEquals(1, result.exitCode(), account);
      assertEquals(CheckStatus.FAILED, result.statusOf("WS2-API-2"), account);
      long failed = result.checks().stream().filter(c -> c.status() == CheckStatus.FAILED).count();
      assertTrue(failed <= 2, "one clear failure, not a cascade:\n" + account);
      CheckResult login =
          result.checksFor("WS2-API-2").stream()
              .filter(c -> c.status() == CheckStatus.FAILED)
              .findFirst()
              .orElseThrow();
      assertTrue(login.message().contains("/auth/login"), login.message());
      assertFalse(login.message().contains("Not-The-Password-1"), "the password must not leak");
      assertEquals(CheckStatus.PASSED, result.statusOf("WS1-API-1"), "public checks still run");
    }
  }
}
