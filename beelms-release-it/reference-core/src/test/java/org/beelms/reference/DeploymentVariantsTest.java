package org.beelms.reference;

import static io.restassured.RestAssured.given;
import static org.beelms.reference.TestServers.FREE_COURSE;
import static org.beelms.reference.TestServers.QUESTIONS;
import static org.beelms.reference.TestServers.QUIZ;
import static org.beelms.reference.TestServers.TASK;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The "How real deployments differ" switches: accept-terms register, no task route, quiz submit 201. */
class DeploymentVariantsTest {

  private static RunningReferenceCore core;
  private static RequestSpecification api;

  @BeforeAll
  static void start() {
    core = ReferenceCore.start(TestServers.config().requireAcceptTerms(true).taskRouteEnabled(false)
        .quizSubmitStatus(201).apiPrefix("/api").build());
    api = TestServers.api(core);
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
  }

  private static String registerAndLogin() {
    String email = "variant-" + UUID.randomUUID() + "@example.com";
    given(api).body("{\"email\":\"" + email + "\",\"password\":\"password-123\",\"acceptTerms\":true,"
        + "\"captchaToken\":\"any\"}").post("/auth/register").then().statusCode(201);
    return given(api).body(TestServers.loginBody(email, "password-123")).post("/auth/login").then().statusCode(200)
        .extract().path("accessToken");
  }

  @Test
  void registerRequiresAcceptedTermsAndRejectsUnknownFields() {
    given(api).body(TestServers.loginBody("terms-" + UUID.randomUUID() + "@example.com", "password-123"))
        .post("/auth/register").then().statusCode(400).body("message", hasItem("acceptTerms must be true"));
    given(api).body("{\"email\":\"t-" + UUID.randomUUID() + "@example.com\",\"password\":\"password-123\","
        + "\"acceptTerms\":true,\"nickname\":\"x\"}").post("/auth/register").then().statusCode(400)
        .body("message", hasItem("property nickname should not exist"));
  }

  @Test
  void onlyTheCurriculumRouteCompletesTasks() {
    String token = registerAndLogin();
    RequestSpecification user = given(api).header("Authorization", "Bearer " + token);
    user.post("/courses/" + FREE_COURSE + "/enroll").then().statusCode(204);
    given(api).header("Authorization", "Bearer " + token)
        .post("/courses/" + FREE_COURSE + "/tasks/" + TASK + "/complete").then().statusCode(404)
        .contentType("application/json");
    // Absent means absent: even without a token the route is a 404, not a 401 from its guard.
    given(api).post("/courses/" + FREE_COURSE + "/tasks/" + TASK + "/complete").then().statusCode(404);
    given(api).header("Authorization", "Bearer " + token)
        .post("/courses/" + FREE_COURSE + "/curriculum/c1000000-0000-4000-8000-000000000002/complete")
        .then().statusCode(204);
  }

  @Test
  void quizSubmitAnswers201() {
    String token = registerAndLogin();
    given(api).header("Authorization", "Bearer " + token).post("/courses/" + FREE_COURSE + "/enroll")
        .then().statusCode(204);
    given(api).header("Authorization", "Bearer " + token)
        .body("{\"answers\":[{\"questionId\":\"" + QUESTIONS[0] + "\",\"optionIndex\":1}]}")
        .post("/courses/" + FREE_COURSE + "/quizzes/" + QUIZ + "/submit").then().statusCode(201)
        .body("score", equalTo(1)).body("maxScore", equalTo(3));
  }
}
