package org.beelms.reference;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Losing the database behind a running API: the db-down fault, a real stop, and the global slow fault. */
class DatabaseFaultsTest {

  @Test
  void dbDownFaultMakesHealthAndDataEndpointsFailWhileTheRealDatabaseStaysUp() {
    try (RunningReferenceCore core = ReferenceCore.start(TestServers.config().faultDbDown(true).build())) {
      given(TestServers.api(core)).get("/health").then().statusCode(503)
          .body("status", equalTo("error")).body("db", equalTo("down"))
          .body("version", equalTo(ReferenceCoreConfig.projectVersion()));
      given(TestServers.api(core)).get("/courses").then().statusCode(503).contentType("application/json")
          .body("statusCode", equalTo(503));
      assertEquals(3, TestServers.count(core, "SELECT count(*) FROM courses"));
    }
  }

  @Test
  void stoppingTheEmbeddedDatabaseTurnsHealthDown() {
    try (RunningReferenceCore core = ReferenceCore.start(TestServers.config().faultSlow(Duration.ofMillis(700))
        .build())) {
      long upMillis = given(TestServers.api(core)).get("/health").then().statusCode(200)
          .body("db", equalTo("up")).extract().time();
      assertTrue(upMillis >= 700, "every answer is delayed by the slow fault, health took " + upMillis + " ms");
      core.stopDatabase();
      given(TestServers.api(core)).get("/health").then().statusCode(503).body("db", equalTo("down"))
          .time(org.hamcrest.Matchers.lessThan(6_000L));
      given(TestServers.api(core)).get("/wiki/articles").then().statusCode(greaterThanOrEqualTo(500))
          .contentType("application/json");
    }
  }
}
