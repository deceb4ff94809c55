package org.beelms.reference;

import static io.restassured.RestAssured.given;
import static org.beelms.reference.TestServers.ADMIN_EMAIL;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The per-route fault switches, all on one server because each touches a different route. */
class FaultSwitchesTest {

  private static final Duration SLOW = Duration.ofMillis(1500);

  private static RunningReferenceCore core;
  private static RequestSpecification api;

  @BeforeAll
  static void start() {
    core = ReferenceCore.start(TestServers.config()
        .faultRemoveRoute("GET /wiki/articles/{slug}")
        .faultUnguard("GET /users/me")
        .fault500("GET /courses")
        .faultSlow(SLOW)
        .faultSlowRoute("GET /api/wiki/articles")
        .faultVersion("9.9.9")
        .build());
    api = TestServers.api(core);
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
  }

  @Test
  void removedRouteAnswers404JsonLikeAnUnknownRoute() {
    given(api).get("/wiki/articles/getting-started").then().statusCode(404).contentType("application/json")
        .body("message", equalTo("Cannot GET /api/wiki/articles/getting-started"));
  }

  @Test
  void unguardedRouteAnswersWithoutAToken() {
    given(api).get("/users/me").then().statusCode(200).body("email", equalTo(ADMIN_EMAIL));
  }

  @Test
  void failingRouteAnswers500Json() {
    given(api).get("/courses").then().statusCode(500).contentType("application/json")
        .body("statusCode", equalTo(500));
    given(api).get("/courses/" + TestServers.FREE_COURSE).then().statusCode(200);
  }

  @Test
  void slowRouteIsDelayedAndOthersAreNot() {
    long slowMillis = given(api).get("/wiki/articles").then().statusCode(200).extract().time();
    assertTrue(slowMillis >= SLOW.toMillis(), "GET /wiki/articles took " + slowMillis + " ms");
    long healthMillis = given(api).get("/health").then().statusCode(200).extract().time();
    assertTrue(healthMillis < SLOW.toMillis(), "GET /health took " + healthMillis + " ms");
  }

  @Test
  void healthReportsTheFaultVersion() {
    given(api).get("/health").then().statusCode(200).body("version", equalTo("9.9.9"))
        .body("db", equalTo("up"));
  }
}
