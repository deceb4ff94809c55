package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.DeploymentBackup;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.image.LoopbackRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The release plan's planned backup/restore (issue 26), run as a user runs it ({@code mvn} in a
 * project folder) on real parts: v0.1.0 adds a column and fills it (V4, expand), v0.2.0 drops it
 * (V5, contract); the reference core (its jar, started by the deploy hook as the deployed version
 * with that version's migrations) runs on one embedded PostgreSQL that outlives the restarts, and
 * backs up and restores it through its admin backup API (a real dump and restore). Deploying v0.2.0
 * with {@code <backup>api</backup>} records the backup; its post-deploy smoke fails (a fault switch);
 * {@code rollback-with-restore} brings v0.1.0 back with the column, its data and the rows written
 * before the backup, verified against the Flyway history through {@code <database>}. Then the
 * refusals: no {@code -Dbeelms.rollback.restore=true}, an unknown id, another environment's
 * backup, a 403 account, a failing backup job and a core without the API (404).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreIT {

  private static final String ADMIN_SERVER = "beelms-it-admin";
  private static final String USER_SERVER = "beelms-it-user";
  private static final String DB_SERVER = "beelms-it-db";
  private static final String USER_EMAIL = "not-an-admin@example.com";
  private static final String USER_PASSWORD = "Not-Admin-Pass-1";

  private LoopbackRegistry registry;
  private EmbeddedPostgres postgres;
  private Path work;
  private DeployWorld world;
  private Path project;
  private String v1;
  private String v2;
  private int stagingPort;

  private String environment(String name, int port, String deployCommand, String extra) {
    return """
                    <environment>
                      <name>%s</name>
                      <url>http://127.0.0.1:%d/api</url>
                      <mode>staging</mode>
                      <imageTag>%s</imageTag>
                      <adminServerId>%s</adminServerId>
                      <deployCommand>%s</deployCommand>
                      <smokeTiers>smoke</smokeTiers>
                      %s
                      <properties>
                        <beelms.smoke.readyTimeout>PT30S</beelms.smoke.readyTimeout>
                      </properties>
                    </environment>
        """.formatted(name, port, name, ADMIN_SERVER, deployCommand, extra);
  }

  private String hook(int port) {
    return "sh '" + work.resolve("deploy-hook.sh") + "' " + port;
  }

  @BeforeAll
  void releaseTwoVersions() throws Exception {
    registry = LoopbackRegistry.start();
    postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start();
    work = Files.createTempDirectory("beelms-backup-it-");
    ReferenceDeployHook.write(work);
    String v4 = "ALTER TABLE courses ADD COLUMN subtitle text;\nUPDATE courses SET subtitle = 'subtitle of ' || title;\n";
    Files.writeString(Files.createDirectories(work.resolve("migrations-0.1.0")).resolve("V4__add_course_subtitle.sql"), v4);
    Path v2Migrations = Files.createDirectories(work.resolve("migrations-0.2.0"));
    Files.writeString(v2Migrations.resolve("V4__add_course_subtitle.sql"), v4);
    Files.writeString(v2Migrations.resolve("V5__drop_course_subtitle.sql"), "ALTER TABLE courses DROP COLUMN subtitle;\n");
    String jdbc = postgres.getJdbcUrl("postgres", "postgres");
    Files.writeString(work.resolve("args-staging"), String.join("\n", "--jdbc-url", jdbc, "--jdbc-user", "postgres",
        "--backup-dir", work.resolve("backups-staging").toString()) + "\n");

    world = new DeployWorld(Files.createDirectories(work.resolve("world")), registry);
    v1 = world.release("0.1.0", "4:V4__add_course_subtitle.sql:expand").image().digest();
    v2 = world.release("0.2.0", "5:V5__drop_course_subtitle.sql:contract").image().digest();
    project = world.repo();
    stagingPort = ReferenceDeployHook.freePort();
    String environments =
        environment("staging", stagingPort, hook(stagingPort), """
            <backup>api</backup>
            <database>%s</database>
            <databaseServerId>%s</databaseServerId>
            <onFailure>rollback-with-restore</onFailure>""".formatted(jdbc, DB_SERVER))
            // The same core as staging, a tag of its own, nothing restarted: a backup taken by command.
            + environment("qa", stagingPort, "true", """
                <backup>command</backup>
                <backupBefore>always</backupBefore>
                <backupCommand>echo qa-backup-7</backupCommand>""")
            // The same core, the account of a user who is not an admin.
            + environment("user403", stagingPort, "true", "<backup>api</backup>")
                .replace("<adminServerId>" + ADMIN_SERVER, "<adminServerId>" + USER_SERVER)
            // A core of its own (embedded database), started with the fault switches of args-faulty.
            + environment("faulty", ReferenceDeployHook.freePort(), hook(0), "<backup>api</backup>");
    int faultyPort = Integer.parseInt(environments.replaceAll("(?s).*<name>faulty</name>\\s*<url>http://127.0.0.1:(\\d+)/api.*", "$1"));
    environments = environments.replace(hook(0), hook(faultyPort));
    Files.writeString(project.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>org.example.beelms</groupId>
          <artifactId>core</artifactId>
          <version>0.2.0</version>
          <packaging>pom</packaging>
          <build>
        %s
          </build>
        </project>
        """.formatted(MavenBuild.pluginManagement(environments)), StandardCharsets.UTF_8);
    Files.writeString(work.resolve("settings.xml"), """
        <settings>
          <servers>
            <server><id>%s</id><username>%s</username><password>%s</password></server>
            <server><id>%s</id><username>%s</username><password>%s</password></server>
            <server><id>%s</id><username>postgres</username><password>unused</password></server>
          </servers>
        </settings>
        """.formatted(ADMIN_SERVER, ReferenceServer.ADMIN_EMAIL, ReferenceServer.ADMIN_PASSWORD, USER_SERVER,
        USER_EMAIL, USER_PASSWORD, DB_SERVER), StandardCharsets.UTF_8);
  }

  @AfterAll
  void stopEverything() throws Exception {
    for (String env : List.of("staging", "faulty")) {
      Path pid = work.resolve("server-" + env + ".pid");
      if (Files.exists(pid)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(p -> {
          p.destroy();
          p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
            p.destroyForcibly();
            return p;
          }).join();
        });
      }
    }
    if (world != null) {
      world.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    if (work != null) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private MavenBuild.Result mvn(String goal, String target, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(MavenBuild.pluginGoal(goal), "-Dtarget=" + target, "-s",
        work.resolve("settings.xml").toString(), "-Dbeelms.image.allowInsecureRegistries=true",
        "-Dbeelms.deploy.backupTimeout=PT60S"));
    args.addAll(List.of(more));
    MavenBuild.Result build = MavenBuild.in(project)
        .args(args.toArray(String[]::new))
        .env("BEELMS_ADMIN_PASSWORD", ReferenceServer.ADMIN_PASSWORD)
        .env("REFERENCE_JAR", ReferenceDeployHook.referenceJar().toString())
        .env("BEELMS_DEPLOY_ACTOR", "it-runner")
        .run();
    assertFalse(build.log().contains(ReferenceServer.ADMIN_PASSWORD), "a password was logged");
    assertFalse(build.log().contains(USER_PASSWORD), "a password was logged");
    return build;
  }

  private MavenBuild.Result deploy(String target, String version, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("-Dbeelms.deploy.version=" + version));
    args.addAll(List.of(more));
    return mvn("deploy", target, args.toArray(String[]::new));
  }

  private List<DeploymentEntry> entries(String tag, String environment, String action) {
    return ReleaseRecords.deployments(world.note(tag)).stream()
        .filter(e -> e.environment().equals(environment) && e.action().equals(action))
        .toList();
  }

  private long count(String sql) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  @Test
  @Order(1)
  void rollbackWithRestoreBringsV1BackWithTheDroppedColumnItsDataAndEarlierRows() throws Exception {
    MavenBuild.Result first = deploy("staging", "v0.1.0");
    assertEquals(0, first.exitCode(), first.log());
    assertTrue(first.log().contains("no backup before this deploy"), first.log());
    assertEquals(3, count("SELECT count(*) FROM courses WHERE subtitle = 'subtitle of ' || title"));
    sql("INSERT INTO course_categories (name) VALUES ('written before the backup')");
    Files.writeString(work.resolve("fault-staging-0.2.0"), "GET /courses");

    MavenBuild.Result build = deploy("staging", "v0.2.0");

    String log = build.log();
    assertNotEquals(0, build.exitCode(), "the release did not go out: " + log);
    DeploymentEntry deployed = entries("v0.2.0", "staging", "deploy").get(0);
    DeploymentBackup backup = deployed.backup().orElseThrow(() -> new AssertionError("no backup recorded: " + log));
    assertEquals("api", backup.kind());
    assertEquals(64, backup.sha256().length());
    assertTrue(backup.sizeBytes() > 1_000, "size " + backup.sizeBytes());
    assertFalse(backup.createdAt().isEmpty());
    assertTrue(log.contains("post-deploy smoke FAILED on staging running v0.2.0"), log);
    assertTrue(log.contains("decision: restore-and-image-rollback"), log);
    assertTrue(log.contains("data-loss window: every write to staging's database after " + backup.createdAt()), log);
    assertTrue(log.contains("restore verified: flyway_schema_history of"), log);
    assertTrue(log.contains("ends at 4, the newest migration of v0.1.0"), log);
    assertTrue(log.contains("restored backup " + backup.id() + " (api, "), log);
    assertTrue(log.contains("post-rollback smoke PASSED on staging"), log);
    assertEquals(Optional.of(v1), world.tagDigest("staging"), "the tag is at v0.1.0's digest");
    DeploymentEntry back = entries("v0.1.0", "staging", "rollback").get(0);
    assertEquals("automatic", back.trigger());
    assertEquals(backup.id(), back.backupId());
    assertEquals(backup.id(), back.backup().orElseThrow().id());
    assertEquals(3, count("SELECT count(*) FROM courses WHERE subtitle = 'subtitle of ' || title"),
        "the dropped column and its data are back");
    assertEquals(1, count("SELECT count(*) FROM course_categories WHERE name = 'written before the backup'"));
    assertEquals(0, count("SELECT count(*) FROM flyway_schema_history WHERE version = '5'"));
  }

  @Test
  @Order(2)
  void aRollbackOverTheContractMigrationRestoresOnlyWhenAskedAndRefusesOtherBackups() throws Exception {
    Files.deleteIfExists(work.resolve("fault-staging-0.2.0"));
    MavenBuild.Result deployed = deploy("staging", "v0.2.0", "-Dbeelms.deploy.onFailure=stop");
    assertEquals(0, deployed.exitCode(), deployed.log());
    String taken = entries("v0.2.0", "staging", "deploy").stream().reduce((a, b) -> b).orElseThrow()
        .backup().orElseThrow().id();
    MavenBuild.Result qa = deploy("qa", "v0.2.0");
    assertEquals(0, qa.exitCode(), qa.log());

    MavenBuild.Result notAsked = mvn("rollback", "staging");
    assertNotEquals(0, notAsked.exitCode());
    assertTrue(notAsked.log().contains("restore-and-image-rollback is offered with backup " + taken), notAsked.log());
    assertTrue(notAsked.log().contains("-Dbeelms.rollback.restore=true"), notAsked.log());

    MavenBuild.Result unknown = mvn("rollback", "staging", "-Dbeelms.rollback.backupId=no-such-backup");
    assertNotEquals(0, unknown.exitCode());
    assertTrue(unknown.log().contains("backup no-such-backup is not one the core of 'staging' lists"), unknown.log());

    MavenBuild.Result otherEnvironment = mvn("rollback", "staging", "-Dbeelms.rollback.backupId=qa-backup-7");
    assertNotEquals(0, otherEnvironment.exitCode());
    assertTrue(otherEnvironment.log().contains("backup qa-backup-7 was taken on environment 'qa'"),
        otherEnvironment.log());
    assertEquals(Optional.of(v2), world.tagDigest("staging"), "nothing moved");
    assertEquals(0, count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'courses'"
        + " AND column_name = 'subtitle'"), "nothing restored");
  }

  @Test
  @Order(3)
  void aNonAdminAccountStopsTheDeployWithNothingMoved() throws Exception {
    HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stagingPort
        + "/api/auth/register")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + USER_EMAIL + "\",\"password\":\"" + USER_PASSWORD
            + "\"}")).build(), HttpResponse.BodyHandlers.discarding());
    MavenBuild.Result build = deploy("user403", "v0.2.0");
    assertNotEquals(0, build.exitCode());
    assertTrue(build.log().contains("answered 403: the account '" + USER_EMAIL + "' of settings.xml server '"
        + USER_SERVER + "' (<adminServerId>) has no admin rights"), build.log());
    assertTrue(build.log().contains("nothing was moved"), build.log());
    assertEquals(Optional.empty(), world.tagDigest("user403"));
  }

  @Test
  @Order(4)
  void aFailingBackupJobAndACoreWithoutTheApiStopTheDeploy() throws Exception {
    Files.writeString(work.resolve("args-faulty"), "--fault-backup-fails\n");
    assertEquals(0, deploy("faulty", "v0.1.0").exitCode());
    MavenBuild.Result failing = deploy("faulty", "v0.2.0");
    assertNotEquals(0, failing.exitCode());
    assertTrue(failing.log().contains("failed: fault switch --fault-backup-fails"), failing.log());
    assertTrue(failing.log().contains("nothing was moved, faulty still runs v0.1.0"), failing.log());
    assertEquals(Optional.of(v1), world.tagDigest("faulty"));

    Files.writeString(work.resolve("args-faulty"), "--fault-remove-route\nPOST /admin/backups\n");
    assertEquals(0, deploy("faulty", "v0.1.0").exitCode(), "a redeploy of v0.1.0 restarts the core");
    MavenBuild.Result missing = deploy("faulty", "v0.2.0");
    assertNotEquals(0, missing.exitCode());
    assertTrue(missing.log().contains("answered 404: this core has no admin backup API"), missing.log());
    assertEquals(Optional.of(v1), world.tagDigest("faulty"));
  }
}
