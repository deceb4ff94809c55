package org.beelms.reference;

import static io.restassured.RestAssured.given;
import static org.beelms.reference.TestServers.ADMIN_EMAIL;
import static org.beelms.reference.TestServers.ADMIN_PASSWORD;
import static org.beelms.reference.TestServers.CORRECT_OPTIONS;
import static org.beelms.reference.TestServers.DRAFT_COURSE;
import static org.beelms.reference.TestServers.FREE_COURSE;
import static org.beelms.reference.TestServers.PAID_COURSE;
import static org.beelms.reference.TestServers.QUESTIONS;
import static org.beelms.reference.TestServers.QUIZ;
import static org.beelms.reference.TestServers.TASK;
import static org.beelms.reference.TestServers.WIKI_ITEM;
import static org.beelms.reference.TestServers.count;
import static org.beelms.reference.TestServers.loginBody;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API contract on one server with embedded PostgreSQL and the default (documented) behaviour. */
class ReferenceCoreTest {

  private static RunningReferenceCore core;
  private static RequestSpecification api;

  @BeforeAll
  static void start() {
    // Many tests register and log the admin in; the default limits are covered by RateLimitTest.
    core = ReferenceCore.start(TestServers.config().registerLimitPerHour(1_000).loginLimitPerMinute(1_000)
        .version("7.7.7-test").build());
    api = TestServers.api(core);
  }

  @AfterAll
  static void stop() {
    if (core != null) {
      core.close();
    }
  }

  private static String register(String email, String password) {
    return given(api).body(loginBody(email, password)).post("/auth/register")
        .then().statusCode(201).extract().path("id");
  }

  private static String login(String email, String password) {
    return given(api).body(loginBody(email, password)).post("/auth/login")
        .then().statusCode(200).extract().path("accessToken");
  }

  private static String newUserToken() {
    String email = "user-" + UUID.randomUUID() + "@example.com";
    register(email, "password-123");
    return login(email, "password-123");
  }

  private static RequestSpecification as(String token) {
    return given(api).header("Authorization", "Bearer " + token);
  }

  @Test
  void healthReportsDatabaseUpAndConfiguredVersion() {
    given(api).get("/health").then().statusCode(200)
        .body("status", equalTo("ok")).body("db", equalTo("up")).body("version", equalTo("7.7.7-test"));
  }

  @Test
  void apiUriEndsWithThePrefix() {
    assertEquals(core.baseUri() + "/api", core.apiUri().toString());
    assertTrue(core.port() > 0);
  }

  @Test
  void seedDataIsMigrated() {
    assertEquals(3, count(core, "SELECT count(*) FROM wiki_articles WHERE status = 'active'"));
    assertEquals(1, count(core, "SELECT count(*) FROM wiki_articles WHERE status = 'draft'"));
    assertEquals(6, count(core, "SELECT count(*) FROM wiki_article_translations t JOIN wiki_articles a "
        + "ON a.id = t.article_id WHERE a.status = 'active' AND t.language IN ('bg', 'en')"));
    assertEquals(3, count(core, "SELECT count(*) FROM quiz_questions"));
    given(api).get("/wiki/articles").then().statusCode(200)
        .header("X-Total-Count", "3").body("", hasSize(3)).body("status", everyItem(equalTo("active")))
        .body("slug", not(hasItem("release-notes-draft")));
    given(api).get("/courses").then().statusCode(200)
        .body("id", hasItem(FREE_COURSE)).body("id", hasItem(PAID_COURSE)).body("id", not(hasItem(DRAFT_COURSE)))
        .body("find { it.id == '" + PAID_COURSE + "' }.isPaid", equalTo(true))
        .body("find { it.id == '" + PAID_COURSE + "' }.priceCents", equalTo(4900));
    given(api).get("/courses/" + FREE_COURSE).then().statusCode(200)
        .body("curriculum.itemType", equalTo(java.util.List.of("wiki", "task", "quiz")))
        .body("curriculum[1].taskId", equalTo(TASK)).body("curriculum[2].quizId", equalTo(QUIZ));
  }

  @Test
  void wikiArticleIsBulgarianByDefaultAndEnglishOnRequest() {
    given(api).get("/wiki/articles/getting-started").then().statusCode(200)
        .body("language", equalTo("bg")).body("title", equalTo("Първи стъпки")).body("content", notNullValue());
    given(api).queryParam("lang", "en").get("/wiki/articles/getting-started").then().statusCode(200)
        .body("language", equalTo("en")).body("title", equalTo("Getting started"));
  }

  @Test
  void wikiListPagesAndSearches() {
    given(api).queryParam("pageSize", 2).queryParam("page", 2).get("/wiki/articles").then().statusCode(200)
        .header("X-Total-Count", "3").body("", hasSize(1));
    given(api).queryParam("q", "Quizzes").get("/wiki/articles").then().statusCode(200)
        .body("slug", equalTo(java.util.List.of("quizzes-and-assessments")));
    given(api).queryParam("pageSize", 0).get("/wiki/articles").then().statusCode(400)
        .body("statusCode", equalTo(400));
  }

  @Test
  void unknownSlugAndDraftArticleAre404Json() {
    given(api).get("/wiki/articles/no-such-article").then().statusCode(404)
        .contentType("application/json").body("message", equalTo("Article not found")).body("statusCode", equalTo(404));
    given(api).get("/wiki/articles/release-notes-draft").then().statusCode(404).contentType("application/json");
  }

  @Test
  void adminLogsInWithTheConfiguredPasswordOnly() {
    String token = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    as(token).get("/users/me").then().statusCode(200).body("role", equalTo("admin"))
        .body("email", equalTo(ADMIN_EMAIL));
    given(api).body(loginBody(ADMIN_EMAIL, "Not-The-Admin-Pass")).post("/auth/login").then().statusCode(401)
        .body("message", equalTo("Invalid credentials"));
  }

  @Test
  void registerAnswers201WithTheAccountAndValidates() {
    String email = "reg-" + UUID.randomUUID() + "@example.com";
    given(api).body(loginBody(email, "password-123")).post("/auth/register").then().statusCode(201)
        .body("id", notNullValue()).body("email", equalTo(email)).body("createdAt", notNullValue())
        .body("role", equalTo("user")).body("password", equalTo(null)).body("passwordHash", equalTo(null));
    given(api).body(loginBody(email.toUpperCase(), "password-123")).post("/auth/register").then().statusCode(409)
        .body("statusCode", equalTo(409));
    given(api).body(loginBody("not-an-email", "password-123")).post("/auth/register").then().statusCode(400)
        .body("message", hasItem("email must be an email"));
    given(api).body(loginBody("short-" + UUID.randomUUID() + "@example.com", "1234567")).post("/auth/register")
        .then().statusCode(400).body("message[0]", containsString("password"));
    given(api).body("{\"email\":\"x-" + UUID.randomUUID() + "@example.com\",\"password\":\"password-123\","
        + "\"isAdmin\":true}").post("/auth/register").then().statusCode(400)
        .body("message", hasItem("property isAdmin should not exist"));
  }

  @Test
  void meNeedsAValidToken() {
    given(api).get("/users/me").then().statusCode(401).body("statusCode", equalTo(401));
    given(api).header("Authorization", "Bearer not.a.jwt").get("/users/me").then().statusCode(401);
    String otherSecretToken = com.auth0.jwt.JWT.create().withIssuer("beelms-reference-core")
        .withSubject(UUID.randomUUID().toString()).withClaim("ver", 0)
        .sign(com.auth0.jwt.algorithms.Algorithm.HMAC256("another-secret-another-secret-another"));
    as(otherSecretToken).get("/users/me").then().statusCode(401);
    String token = newUserToken();
    as(token).get("/users/me").then().statusCode(200).body("role", equalTo("user"));
  }

  @Test
  void deletingTheAccountRevokesItsTokenAndCredentials() {
    String email = "delete-" + UUID.randomUUID() + "@example.com";
    String id = register(email, "password-123");
    String token = login(email, "password-123");
    as(token).delete("/users/me").then().statusCode(204);
    as(token).get("/users/me").then().statusCode(401);
    given(api).body(loginBody(email, "password-123")).post("/auth/login").then().statusCode(401);
    assertEquals(1, count(core, "SELECT count(*) FROM users WHERE id = '" + id + "' AND NOT active "
        + "AND deleted_at IS NOT NULL AND email NOT LIKE 'delete-%'"));
  }

  @Test
  void enrolmentIsIdempotentAndGuarded() {
    given(api).post("/courses/" + FREE_COURSE + "/enroll").then().statusCode(401);
    String token = newUserToken();
    as(token).post("/courses/" + FREE_COURSE + "/enroll").then().statusCode(204);
    as(token).post("/courses/" + FREE_COURSE + "/enroll").then().statusCode(204);
    as(token).post("/courses/" + PAID_COURSE + "/enroll").then().statusCode(403);
    as(token).post("/courses/" + UUID.randomUUID() + "/enroll").then().statusCode(404);
    as(token).get("/users/me/courses").then().statusCode(200).body("", hasSize(1))
        .body("[0].id", equalTo(FREE_COURSE)).body("[0].enrollmentStatus", equalTo("not_started"))
        .body("[0].progressPercent", equalTo(0)).body("[0].enrolledAt", notNullValue());
  }

  @Test
  void quizNeverShowsAnswersAndSubmitStoresTheAttempt() {
    String token = newUserToken();
    String quizPath = "/courses/" + FREE_COURSE + "/quizzes/" + QUIZ;
    as(token).get(quizPath).then().statusCode(403);
    as(token).post("/courses/" + FREE_COURSE + "/enroll").then().statusCode(204);
    Response quiz = as(token).get(quizPath);
    quiz.then().statusCode(200).body("questions", hasSize(3)).body("questions[0].options", hasSize(3))
        .body("passingScore", equalTo(60));
    assertFalse(quiz.asString().toLowerCase().contains("correct"), quiz.asString());
    long attemptsBefore = count(core, "SELECT count(*) FROM quiz_attempts");
    String allCorrect = "{\"answers\":[" + answer(0, CORRECT_OPTIONS[0]) + "," + answer(1, CORRECT_OPTIONS[1]) + ","
        + answer(2, CORRECT_OPTIONS[2]) + "]}";
    as(token).body(allCorrect).post(quizPath + "/submit").then().statusCode(200)
        .body("score", equalTo(3)).body("maxScore", equalTo(3)).body("passed", equalTo(true));
    String oneCorrect = "{\"answers\":[" + answer(0, CORRECT_OPTIONS[0]) + "]}";
    as(token).body(oneCorrect).post(quizPath + "/submit").then().statusCode(200)
        .body("score", equalTo(1)).body("passed", equalTo(false));
    assertEquals(attemptsBefore + 2, count(core, "SELECT count(*) FROM quiz_attempts"));
    as(token).body("{\"answers\":[" + answer(0, 3) + "]}").post(quizPath + "/submit").then().statusCode(400);
    as(token).body("{\"answers\":\"all of them\"}").post(quizPath + "/submit").then().statusCode(400);
    as(token).body("{\"answers\":[").post(quizPath + "/submit").then().statusCode(400);
    as(token).get("/courses/" + FREE_COURSE + "/quizzes/" + UUID.randomUUID()).then().statusCode(404);
  }

  private static String answer(int question, int option) {
    return "{\"questionId\":\"" + QUESTIONS[question] + "\",\"optionIndex\":" + option + "}";
  }

  @Test
  void completingItemsUpdatesProgress() {
    String token = newUserToken();
    String course = "/courses/" + FREE_COURSE;
    as(token).post(course + "/tasks/" + TASK + "/complete").then().statusCode(403);
    as(token).get(course + "/curriculum/progress").then().statusCode(403);
    as(token).post(course + "/enroll").then().statusCode(204);
    as(token).post(course + "/tasks/" + TASK + "/complete").then().statusCode(204);
    as(token).post(course + "/tasks/" + TASK + "/complete").then().statusCode(204);
    as(token).post(course + "/tasks/" + UUID.randomUUID() + "/complete").then().statusCode(404);
    as(token).post(course + "/curriculum/" + WIKI_ITEM + "/complete").then().statusCode(204);
    as(token).get(course + "/curriculum/progress").then().statusCode(200)
        .body("totalItems", equalTo(3)).body("completedItems", equalTo(2)).body("progressPercent", equalTo(67))
        .body("items.find { it.itemType == 'task' }.completed", equalTo(true))
        .body("items.find { it.itemType == 'quiz' }.completedAt", equalTo(null));
    as(token).get("/users/me/courses").then().body("[0].enrollmentStatus", equalTo("in_progress"));
    given(api).post(course + "/curriculum/" + WIKI_ITEM + "/complete").then().statusCode(401);
  }

  @Test
  void adminRoutesNeedTheAdminRole() {
    given(api).get("/admin/users").then().statusCode(401);
    as(newUserToken()).get("/admin/users").then().statusCode(403).body("statusCode", equalTo(403));
    String admin = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    as(admin).queryParam("role", "admin").get("/admin/users").then().statusCode(200)
        .header("X-Total-Count", "1").body("[0].email", equalTo(ADMIN_EMAIL)).body("[0].active", equalTo(true));
    as(admin).queryParam("status", "nonsense").get("/admin/users").then().statusCode(400);
    as(admin).get("/admin/wiki/articles").then().statusCode(200).header("X-Total-Count", "4")
        .body("slug", hasItem("release-notes-draft"));
  }

  @Test
  void adminDeactivationStopsLogin() {
    String email = "deactivate-" + UUID.randomUUID() + "@example.com";
    String id = register(email, "password-123");
    String userToken = login(email, "password-123");
    String admin = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    as(admin).body("{\"active\":false}").patch("/admin/users/" + id).then().statusCode(200)
        .body("id", equalTo(id)).body("active", equalTo(false));
    given(api).body(loginBody(email, "password-123")).post("/auth/login").then().statusCode(401);
    as(userToken).get("/users/me").then().statusCode(401);
    as(admin).body("{\"active\":\"no\"}").patch("/admin/users/" + id).then().statusCode(400);
    as(admin).body("{\"active\":true}").patch("/admin/users/" + UUID.randomUUID()).then().statusCode(404);
    as(admin).body("{\"active\":true}").patch("/admin/users/" + id).then().statusCode(200)
        .body("active", equalTo(true));
  }

  @Test
  void metricsCountUsersFromTheDatabase() {
    newUserToken();
    String admin = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    long users = count(core, "SELECT count(*) FROM users");
    as(admin).get("/admin/metrics/overview").then().statusCode(200)
        .body("totalUsers", equalTo((int) users)).body("totalUsers", greaterThanOrEqualTo(2));
  }

  @Test
  void unknownRouteIs404JsonNotHtml() {
    given(api).get("/no/such/route").then().statusCode(404).contentType("application/json")
        .header("X-Content-Type-Options", "nosniff")
        .body("message", equalTo("Cannot GET /api/no/such/route")).body("code", equalTo("NOT_FOUND"))
        .body(not(containsString("<html")));
  }

  @Test
  void malformedIdsAre404JsonNeverServerErrors() {
    given(api).get("/courses/not-a-uuid").then().statusCode(404).contentType("application/json")
        .body("statusCode", equalTo(404));
    String admin = login(ADMIN_EMAIL, ADMIN_PASSWORD);
    as(admin).body("{\"active\":true}").patch("/admin/users/123").then().statusCode(404)
        .contentType("application/json");
  }

  @Test
  void wrongMethodAndBadJsonAreJsonErrors() {
    given(api).put("/courses").then().statusCode(405).contentType("application/json")
        .body("statusCode", equalTo(405));
    given(api).body("{not json").post("/auth/login").then().statusCode(400).contentType("application/json")
        .body("message", equalTo("Request body is not valid JSON"));
    given(api).body("[]").post("/auth/login").then().statusCode(400).contentType("application/json");
  }

  @Test
  void htmlPagesShowWhatTheApiReturns() {
    RequestSpecification pages = TestServers.pages(core);
    given(pages).get("/wiki").then().statusCode(200).contentType(startsWith("text/html"))
        .body(containsString("Първи стъпки")).body(not(containsString("чернова")));
    given(pages).get("/wiki/getting-started").then().statusCode(200).body(containsString("Първи стъпки"));
    given(pages).queryParam("lang", "en").get("/wiki/getting-started").then().body(containsString("Getting started"));
    given(pages).get("/courses").then().statusCode(200).body(containsString("Въведение в beelms"));
    given(pages).get("/courses/" + FREE_COURSE).then().statusCode(200).body(containsString("Въведение в beelms"));
    given(pages).get("/my-courses").then().statusCode(200).contentType(startsWith("text/html"))
        .body(containsString("<script src=\"/app/_app.js\""));
    given(pages).get("/wiki/release-notes-draft").then().statusCode(404);
  }

  @Test
  void clientRenderedPagesCarryTheirDataAndTheScriptThatDrawsIt() {
    RequestSpecification pages = TestServers.pages(core);
    given(pages).get("/app/wiki").then().statusCode(200).contentType(startsWith("text/html"))
        .body(containsString("<script id=\"__NEXT_DATA__\" type=\"application/json\">"))
        .body(containsString("Първи стъпки")).body(containsString("<p class=\"loading\">Loading…</p>"))
        .body(not(containsString("<ul class=\"articles\">")));
    given(pages).queryParam("lang", "en").get("/app/wiki/getting-started").then().statusCode(200)
        .body(containsString("Getting started"));
    given(pages).get("/app/courses/" + FREE_COURSE).then().statusCode(200).body(containsString("Въведение в beelms"));
    given(pages).get("/app/courses/not-a-uuid").then().statusCode(404);
    given(pages).get("/app/wiki/release-notes-draft").then().statusCode(404);
    for (String login : java.util.List.of("/login", "/app/login")) {
      given(pages).get(login).then().statusCode(200).body(containsString("<input type=\"password\""))
          .body(containsString("<form id=\"login-form\" method=\"post\""));
    }
    given(pages).get("/app/_app.js").then().statusCode(200).contentType(startsWith("text/javascript"))
        .body(containsString("fetch(api + path")).body(containsString("localStorage"));
  }

  @Test
  void clientRenderedPagesHaveAConsentBarUntilAnsweredAndAPersistedLanguage() {
    RequestSpecification pages = TestServers.pages(core);
    given(pages).get("/app/login").then().statusCode(200)
        .body(containsString("<div id=\"consent\" class=\"consent\""))
        .body(containsString("<button type=\"button\" data-consent=\"declined\">Откажи</button>"))
        .body(containsString("<main class=\"login-page\">"));
    given(pages).cookie("beelms.consent", "declined").get("/app/login").then().statusCode(200)
        .body(not(containsString("id=\"consent\"")));
    // the persisted preference: the shell renders in it, the bar too; ?lang= asks the script to store it
    given(pages).cookie("beelms.lang", "en").get("/app/courses").then().statusCode(200)
        .body(containsString("<html lang=\"en\">")).body(containsString(">Decline</button>"))
        .body(not(containsString("hydrationMismatch")));
    given(pages).queryParam("lang", "en").get("/app/wiki/getting-started").then()
        .body(containsString("\"persistLanguage\":\"en\""));
  }
}
