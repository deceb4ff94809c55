package org.beelms.reference;

import static io.restassured.RestAssured.given;
import static org.beelms.reference.TestServers.ADMIN_EMAIL;
import static org.beelms.reference.TestServers.ADMIN_PASSWORD;
import static org.beelms.reference.TestServers.loginBody;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documented rate limits, with their default values, against a real server. */
class RateLimitTest {

  private static RunningReferenceCore core;
  private static RequestSpecification api;

  @BeforeAll
  static void start() {
    core = ReferenceCore.start(TestServers.config().build());
    api = TestServers.api(core);
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
  }

  @Test
  void fiveFailedLoginsLockTheAccountForThisAddress() {
    for (int attempt = 1; attempt <= 5; attempt++) {
      given(api).body(loginBody(ADMIN_EMAIL, "wrong-password-" + attempt)).post("/auth/login").then()
          .statusCode(401).header("X-RateLimit-Limit", "5")
          .header("X-RateLimit-Remaining", String.valueOf(5 - attempt));
    }
    given(api).body(loginBody(ADMIN_EMAIL, ADMIN_PASSWORD)).post("/auth/login").then()
        .statusCode(429).header("Retry-After", notNullValue()).header("X-RateLimit-Limit", notNullValue())
        .header("X-RateLimit-Remaining", "0").header("X-RateLimit-Reset", notNullValue())
        .body("statusCode", equalTo(429));
  }

  @Test
  void registerAllowsFivePerHourPerAddressCountingFailures() {
    String email = "limit-" + UUID.randomUUID() + "@example.com";
    given(api).body(loginBody(email, "password-123")).post("/auth/register").then().statusCode(201)
        .header("X-RateLimit-Remaining", "4");
    for (int attempt = 2; attempt <= 5; attempt++) {
      given(api).body(loginBody(email, "password-123")).post("/auth/register").then().statusCode(409);
    }
    given(api).body(loginBody("other-" + UUID.randomUUID() + "@example.com", "password-123"))
        .post("/auth/register").then().statusCode(429).header("Retry-After", notNullValue());
  }
}
