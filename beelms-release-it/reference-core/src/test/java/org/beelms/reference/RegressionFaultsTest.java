package org.beelms.reference;

import static io.restassured.RestAssured.given;
import static org.beelms.reference.TestServers.ADMIN_EMAIL;
import static org.beelms.reference.TestServers.ADMIN_PASSWORD;
import static org.beelms.reference.TestServers.loginBody;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fault switches the regression tier's checks are proven against, all on one server. */
class RegressionFaultsTest {

  private static RunningReferenceCore core;
  private static RunningReferenceCore healthy;
  private static RequestSpecification api;
  private static RequestSpecification healthyApi;

  @BeforeAll
  static void start() {
    core = ReferenceCore.start(TestServers.config()
        .faultAcceptAlgNone(true)
        .faultLeakPasswordHash(true)
        .faultMalformedId500(true)
        .faultPriceAsString(true)
        .faultPageScript(true)
        .build());
    api = TestServers.api(core);
    healthy = ReferenceCore.start(TestServers.config().build());
    healthyApi = TestServers.api(healthy);
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
    if (healthy != null) {
      healthy.close();
    }
  }

  private static String adminId(RequestSpecification spec) {
    String token = given(spec).body(loginBody(ADMIN_EMAIL, ADMIN_PASSWORD)).post("/auth/login")
        .then().statusCode(200).extract().path("accessToken");
    return given(spec).header("Authorization", "Bearer " + token).get("/users/me")
        .then().statusCode(200).extract().path("id");
  }

  private static String unsignedToken(String subject) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".";
  }

  @Test
  void algNoneTokenIsAcceptedOnlyWithTheFault() {
    given(api).header("Authorization", "Bearer " + unsignedToken(adminId(api))).get("/users/me")
        .then().statusCode(200).body("email", equalTo(ADMIN_EMAIL));
    given(healthyApi).header("Authorization", "Bearer " + unsignedToken(adminId(healthyApi))).get("/users/me")
        .then().statusCode(401);
  }

  @Test
  void usersMeLeaksThePasswordHash() {
    String token = given(api).body(loginBody(ADMIN_EMAIL, ADMIN_PASSWORD)).post("/auth/login")
        .then().statusCode(200).extract().path("accessToken");
    given(api).header("Authorization", "Bearer " + token).get("/users/me")
        .then().statusCode(200).body("passwordHash", startsWith("$2")).body("tokenVersion", notNullValue());
  }

  @Test
  void malformedIdAnswers500WithTheCastError() {
    given(api).get("/courses/not-a-uuid").then().statusCode(500).contentType("application/json")
        .body("message", containsString("invalid input syntax for type uuid"));
    given(api).get("/courses/" + TestServers.FREE_COURSE).then().statusCode(200);
    given(healthyApi).get("/courses/not-a-uuid").then().statusCode(404);
  }

  @Test
  void priceCentsIsAString() {
    given(api).get("/courses").then().statusCode(200)
        .body("find { it.isPaid }.priceCents", instanceOf(String.class));
    given(api).get("/courses/" + TestServers.PAID_COURSE).then().statusCode(200)
        .body("priceCents", equalTo("4900"));
    given(healthyApi).get("/courses/" + TestServers.PAID_COURSE).then().statusCode(200)
        .body("priceCents", equalTo(4900));
  }

  @Test
  void brokenPageScriptChangesTheScriptButNotTheHtml() {
    for (String page : java.util.List.of("/app/wiki", "/app/courses", "/my-courses")) {
      String broken = given(TestServers.pages(core)).get(page).then().statusCode(200).extract().asString()
          .replaceAll("127\\.0\\.0\\.1:\\d+", "");
      String fine = given(TestServers.pages(healthy)).get(page).then().statusCode(200).extract().asString()
          .replaceAll("127\\.0\\.0\\.1:\\d+", "");
      org.junit.jupiter.api.Assertions.assertEquals(fine, broken, page + ": an HTTP-level check sees the same page");
    }
    given(TestServers.pages(core)).get("/app/_app.js").then().statusCode(200)
        .body(org.hamcrest.Matchers.containsString("return body.items;"));
    given(TestServers.pages(healthy)).get("/app/_app.js").then().statusCode(200)
        .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("body.items")));
  }
}
