package org.beelms.plugin.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.DatabaseRestore;
import org.beelms.smoke.config.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin backup API client, restore and its verification against the reference core's real
 * admin backup API (its runnable jar as a process) on an embedded PostgreSQL this test owns, so
 * the migration history is read over JDBC as an environment's {@code <database>} would be.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBackupApiTest {

  private static final ReleaseListener QUIET = new ReleaseListener() { };

  private Path work;
  private EmbeddedPostgres postgres;
  private ReferenceCoreProcess core;
  private DatabaseAccess database;

  @BeforeAll
  void start() throws Exception {
    work = Files.createTempDirectory("beelms-backup-api-test-");
    postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start();
    database = new DatabaseAccess(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    core = ReferenceCoreProcess.start(work.resolve("core.log"), "--jdbc-url", database.url(), "--jdbc-user", "postgres",
        "--backup-dir", work.resolve("backups").toString());
  }

  @AfterAll
  void stop() throws Exception {
    if (core != null) {
      core.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private AdminBackupApi client(URI api, String email, String password, Optional<String> encryption) {
    return new AdminBackupApi(api, new Credentials(email, password), encryption, "beelms-admin", Clock.systemUTC());
  }

  private void sql(String statement) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private long count(String query) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static ReleaseRecord release(String tag, String newestMigration) {
    return ReleaseRecord.fromJson("{\"schema\":\"beelms-release-record/1\",\"commit\":\"abc\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"version\":\"" + tag.substring(1) + "\",\"tag\":\"" + tag
        + "\",\"flyway\":{\"targetVersion\":\"" + newestMigration + "\",\"newMigrations\":[]}}", "test");
  }

  private static String messages(List<Finding> findings) {
    return findings.stream().map(f -> f.severity() + " " + f.message()).collect(Collectors.joining("\n"));
  }

  @Test
  void aBackupIsTakenListedRestoredAndTheRestoreVerifiedAgainstTheMigrationHistory() throws Exception {
    AdminBackupApi api = client(core.api(), ReferenceCoreProcess.ADMIN_EMAIL, ReferenceCoreProcess.ADMIN_PASSWORD,
        Optional.of("encrypt-it-please"));
    sql("ALTER TABLE courses ADD COLUMN note text");
    sql("UPDATE courses SET note = 'before ' || id");
    String jobId = api.startBackup();
    AdminBackupApi.Job job = api.await(jobId, Duration.ofSeconds(60), Duration.ofMillis(100));
    assertTrue(job.done(), job.toString());
    String id = job.backupId().orElseThrow();
    AdminBackupApi.Listed listed = api.find(id).orElseThrow();
    assertEquals(64, listed.sha256().length());
    assertTrue(listed.sizeBytes() > 1_000, "size " + listed.sizeBytes());
    assertTrue(listed.encrypted(), "the encryption password of <backupPasswordServerId> was used");
    assertFalse(listed.createdAt().isEmpty());

    sql("ALTER TABLE courses DROP COLUMN note");
    sql("INSERT INTO course_categories (name) VALUES ('after the backup')");
    DatabaseRestore restore = new VerifiedRestore(new ApiRestore(api, "staging", Duration.ofSeconds(60),
        Duration.ofMillis(100)), Optional.of(database), "staging");
    assertEquals(Optional.empty(), restore.refusal(id));
    DatabaseRestore.Result restored = restore.restore(id, release("v0.1.0", "3"), Map.of(), QUIET);

    assertTrue(restored.succeeded(), messages(restored.findings()));
    assertTrue(messages(restored.findings()).contains("restore verified: flyway_schema_history of "
        + database.shown() + " ends at 3, the newest migration of v0.1.0"), messages(restored.findings()));
    assertEquals(3, count("SELECT count(*) FROM courses WHERE note LIKE 'before %'"), "the column and its data are back");
    assertEquals(0, count("SELECT count(*) FROM course_categories WHERE name = 'after the backup'"));

    // The same backup checked against a release whose newest migration is V4: refused, never claimed.
    DatabaseRestore.Result mismatch = restore.restore(id, release("v0.2.0", "4"), Map.of(), QUIET);
    assertFalse(mismatch.succeeded());
    assertTrue(messages(mismatch.findings()).contains("ends at 3, not at 4"), messages(mismatch.findings()));
    sql("ALTER TABLE courses DROP COLUMN note");
  }

  @Test
  void withoutADatabaseTheRestoreIsSaidNotVerifiedAndAnUnknownIdIsRefused() throws Exception {
    AdminBackupApi api = client(core.api(), ReferenceCoreProcess.ADMIN_EMAIL, ReferenceCoreProcess.ADMIN_PASSWORD,
        Optional.empty());
    String id = api.await(api.startBackup(), Duration.ofSeconds(60), Duration.ofMillis(100)).backupId().orElseThrow();
    DatabaseRestore restore = new VerifiedRestore(new ApiRestore(api, "staging", Duration.ofSeconds(60),
        Duration.ofMillis(100)), Optional.empty(), "staging");
    DatabaseRestore.Result restored = restore.restore(id, release("v0.1.0", "3"), Map.of(), QUIET);
    assertTrue(restored.succeeded());
    Finding warning = restored.findings().stream().filter(f -> f.severity() == Severity.WARNING).findFirst().orElseThrow();
    assertTrue(warning.message().startsWith("restore not verified: staging declares no <database>"), warning.message());
    assertFalse(messages(restored.findings()).contains("restore verified"));

    String unknown = UUID.randomUUID().toString();
    assertTrue(restore.refusal(unknown).orElseThrow().contains("is not one the core of 'staging' lists"));
  }

  @Test
  void aNonAdminAccountIsRefusedWith403AndTheServerNamed() throws Exception {
    String email = "user-" + UUID.randomUUID() + "@example.com";
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(core.api() + "/auth/register"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"password-123\"}"))
        .build(), HttpResponse.BodyHandlers.discarding());
    AdminBackupApi api = client(core.api(), email, "password-123", Optional.empty());
    BackupApiException e = assertThrows(BackupApiException.class, api::startBackup);
    assertTrue(e.getMessage().contains("answered 403: the account '" + email + "' of settings.xml server"
        + " 'beelms-admin' (<adminServerId>) has no admin rights"), e.getMessage());
    assertFalse(e.getMessage().contains("password-123"));
  }

  @Test
  void aCoreWithoutTheApiIs404AndAFailingJobIsReported() throws Exception {
    try (ReferenceCoreProcess faulty = ReferenceCoreProcess.start(work.resolve("faulty.log"), "--jdbc-url",
        database.url(), "--jdbc-user", "postgres", "--fault-backup-fails", "--fault-remove-route", "GET /admin/backups")) {
      AdminBackupApi api = client(faulty.api(), ReferenceCoreProcess.ADMIN_EMAIL, ReferenceCoreProcess.ADMIN_PASSWORD,
          Optional.empty());
      AdminBackupApi.Job job = api.await(api.startBackup(), Duration.ofSeconds(30), Duration.ofMillis(100));
      assertEquals("failed", job.status());
      assertTrue(job.error().contains("--fault-backup-fails"), job.error());
      BackupApiException e = assertThrows(BackupApiException.class, api::list);
      assertTrue(e.getMessage().contains("answered 404: this core has no admin backup API"), e.getMessage());
    }
  }
}
