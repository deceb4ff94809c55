package org.beelms.reference;

import static io.restassured.RestAssured.given;
import static org.beelms.reference.TestServers.ADMIN_EMAIL;
import static org.beelms.reference.TestServers.ADMIN_PASSWORD;
import static org.beelms.reference.TestServers.count;
import static org.beelms.reference.TestServers.loginBody;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin backup API on embedded PostgreSQL: a real dump (schema, rows, constraints, the Flyway
 * history), a real restore that undoes a dropped column and later writes, encryption, the admin
 * guard, unknown ids, and the failing-job fault switch.
 */
class AdminBackupTest {

  private static Path backups;
  private static RunningReferenceCore core;
  private static RequestSpecification api;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    backups = Files.createTempDirectory("beelms-backup-test-");
    core = ReferenceCore.start(TestServers.config().registerLimitPerHour(1_000).loginLimitPerMinute(1_000).build(),
        DataOptions.extract(new String[] {"--backup-dir", backups.toString()}));
    api = TestServers.api(core);
    admin = login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    if (core != null) {
      core.close();
    }
  }

  private static String login(String email, String password) {
    return given(api).body(loginBody(email, password)).post("/auth/login").then().statusCode(200)
        .extract().path("accessToken");
  }

  private static RequestSpecification as(String token) {
    return given(api).header("Authorization", "Bearer " + token);
  }

  /** Polls the job until it is no longer running (bounded). */
  private static JsonPath finished(String jobId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      JsonPath job = as(admin).get("/admin/backups/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
      if (!"running".equals(job.getString("status"))) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + jobId + " still running after 30 s");
  }

  private static void sql(String statement) throws Exception {
    try (Connection c = core.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  void aBackupRestoresADroppedColumnItsDataAndRemovesLaterRows() throws Exception {
    sql("ALTER TABLE courses ADD COLUMN subtitle text");
    sql("UPDATE courses SET subtitle = 'kept: ' || title");
    long courses = count(core, "SELECT count(*) FROM courses");
    long historyBefore = count(core, "SELECT count(*) FROM flyway_schema_history");

    String jobId = as(admin).body("{}").post("/admin/backups").then().statusCode(201).extract().path("jobId");
    JsonPath job = finished(jobId);
    assertEquals("done", job.getString("status"), job.prettify());
    String backupId = job.getString("backupId");
    JsonPath listed = as(admin).get("/admin/backups").then().statusCode(200).extract().jsonPath();
    assertEquals(backupId, listed.getString("find { it.id == '" + backupId + "' }.id"));
    assertEquals("ready", listed.getString("find { it.id == '" + backupId + "' }.status"));
    assertEquals(64, listed.getString("find { it.id == '" + backupId + "' }.sha256").length());
    assertTrue(listed.getLong("find { it.id == '" + backupId + "' }.sizeBytes") > 1_000);
    assertEquals(ADMIN_EMAIL, listed.getString("find { it.id == '" + backupId + "' }.createdByEmail"));

    // After the backup: a contract change that loses data, and a new row.
    sql("ALTER TABLE courses DROP COLUMN subtitle");
    sql("INSERT INTO course_categories (name) VALUES ('written after the backup')");

    String restoreJob = as(admin).body("{}").post("/admin/backups/" + backupId + "/restore").then().statusCode(201)
        .extract().path("jobId");
    assertEquals("done", finished(restoreJob).getString("status"));

    assertEquals(courses, count(core, "SELECT count(*) FROM courses WHERE subtitle = 'kept: ' || title"));
    assertEquals(0, count(core, "SELECT count(*) FROM course_categories WHERE name = 'written after the backup'"));
    assertEquals(historyBefore, count(core, "SELECT count(*) FROM flyway_schema_history"));
    // The constraints came back: a duplicate email is refused, the API still works.
    assertEquals(1, count(core, "SELECT count(*) FROM pg_constraint WHERE conname = 'courses_check'"));
    assertEquals(1, count(core, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_lower_key'"));
    given(api).get("/courses").then().statusCode(200);
    login(ADMIN_EMAIL, ADMIN_PASSWORD);

    as(admin).get("/admin/backups/" + backupId + "/download").then().statusCode(200)
        .body(containsString("COPY \"courses\"")).body(containsString("CREATE TABLE \"flyway_schema_history\""));
    sql("ALTER TABLE courses DROP COLUMN subtitle");
  }

  @Test
  void anEncryptedBackupNeedsItsPassword() throws Exception {
    String jobId = as(admin).body("{\"encryptionPassword\":\"backup-secret-1\"}").post("/admin/backups")
        .then().statusCode(201).extract().path("jobId");
    String backupId = finished(jobId).getString("backupId");
    JsonPath listed = as(admin).get("/admin/backups").then().extract().jsonPath();
    assertTrue(listed.getBoolean("find { it.id == '" + backupId + "' }.isEncrypted"));
    assertTrue(Files.readString(backups.resolve(backupId + ".json")).contains("\"isEncrypted\":true"));

    String wrong = as(admin).body("{\"encryptionPassword\":\"not-it\"}").post("/admin/backups/" + backupId + "/restore")
        .then().statusCode(201).extract().path("jobId");
    JsonPath failed = finished(wrong);
    assertEquals("failed", failed.getString("status"));
    assertTrue(failed.getString("error").contains("wrong encryptionPassword"), failed.prettify());
    String right = as(admin).body("{\"encryptionPassword\":\"backup-secret-1\"}")
        .post("/admin/backups/" + backupId + "/restore").then().statusCode(201).extract().path("jobId");
    assertEquals("done", finished(right).getString("status"));
  }

  @Test
  void onlyAdminsReachItAndUnknownIdsAre404() {
    given(api).body("{}").post("/admin/backups").then().statusCode(401);
    String email = "user-" + UUID.randomUUID() + "@example.com";
    given(api).body(loginBody(email, "password-123")).post("/auth/register").then().statusCode(201);
    as(login(email, "password-123")).body("{}").post("/admin/backups").then().statusCode(403);
    as(admin).body("{}").post("/admin/backups/" + UUID.randomUUID() + "/restore").then().statusCode(404)
        .body("message", equalTo("Backup not found"));
    as(admin).get("/admin/backups/jobs/nope").then().statusCode(404);
  }

  @Test
  void theFaultSwitchFailsEveryJob() throws Exception {
    try (RunningReferenceCore faulty = ReferenceCore.start(TestServers.config().build(),
        DataOptions.extract(new String[] {"--fault-backup-fails"}))) {
      RequestSpecification faultyApi = TestServers.api(faulty);
      String token = given(faultyApi).body(loginBody(ADMIN_EMAIL, ADMIN_PASSWORD)).post("/auth/login")
          .then().extract().path("accessToken");
      String jobId = given(faultyApi).header("Authorization", "Bearer " + token).body("{}").post("/admin/backups")
          .then().statusCode(201).extract().path("jobId");
      JsonPath job = null;
      for (int i = 0; i < 200; i++) {
        job = given(faultyApi).header("Authorization", "Bearer " + token).get("/admin/backups/jobs/" + jobId)
            .then().extract().jsonPath();
        if (!"running".equals(job.getString("status"))) {
          break;
        }
        Thread.sleep(50);
      }
      assertEquals("failed", job.getString("status"));
      assertTrue(job.getString("error").contains("--fault-backup-fails"));
    }
  }
}
