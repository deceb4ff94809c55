package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.status.HeadlessChromium;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Release plan 2.4 and 3 end to end, on real parts on loopback: releases of the reference beelms
 * core (v0.1.0; v0.1.1 adding an expand migration; v0.1.2 adding a contract migration) pushed to
 * Debian's docker-registry, environments whose deploy hook starts the reference server jar of the
 * deployed version (its own embedded PostgreSQL, {@code --version} = the released version) on the
 * environment's port and returns once it is started, post-deploy smoke with the real suite.
 *
 * <p>The releases are built once for the class (they take most of the time), so the tests share
 * the project, the registry and the release records; each test uses its own environments, and
 * the last one deletes v0.1.0's image, hence the fixed order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployRollbackIT {

  private static final String REPOSITORY = "beelms/core";
  private static final String ADMIN_SERVER = "beelms-it-admin";
  private static final String WAIVERS = "-Dbeelms.dod.waivers=docs/delivery/dod-waivers.yaml";

  private LoopbackRegistry registry;
  private Path work;
  private Path project;
  private String v1;
  private String v2;

  // ---------------------------------------------------------------- fixture

  /** @param smokeTiers the {@code <smokeTiers>}; empty = the mode's default (staging: smoke,regression) */
  private String environment(String name, String mode, int port, String restoreCommand, String smokeTiers) {
    return DeployFixtures.environment(work, name, mode, port, ADMIN_SERVER, """
                      <restoreCommand>%s</restoreCommand>
                      <smokeTiers>%s</smokeTiers>
        """.formatted(restoreCommand, smokeTiers), "");
  }

  @BeforeAll
  void releaseV1AndV2() throws Exception {
    registry = LoopbackRegistry.start();
    work = Files.createTempDirectory("beelms-deploy-it-");
    ReferenceDeployHook.write(work);
    String restore = "printf '%s %s %s' \"$BACKUP_ID\" \"$TAG\" \"$ROLLBACK_FROM_TAG\" > '"
        + work.resolve("restored.txt") + "'";
    String environments =
        environment("staging", "staging", ReferenceDeployHook.freePort(), "", "")
            + environment("production", "production", ReferenceDeployHook.freePort(), "", "")
            // The rollback scenarios: the smoke tier is enough there (and keeps the IT lean).
            + environment("qa", "staging", ReferenceDeployHook.freePort(), restore, "smoke")
            // A platform that never starts anything: health never answers.
            + environment("down", "staging", ReferenceDeployHook.freePort(), "", "").replace(
                "<deployCommand>sh '" + work.resolve("deploy-hook.sh") + "'", "<deployCommand>true");
    project = DemoProject.create(work.resolve("core"), "0.1.0");
    Path pom = project.resolve("pom.xml");
    String text = Files.readString(pom, StandardCharsets.UTF_8);
    text = text.replace("\n  <build>\n", "\n  <build>\n" + MavenBuild.pluginManagement(environments));
    Files.writeString(pom, text, StandardCharsets.UTF_8);
    ReferenceServer.writeAdminSettings(work.resolve("settings.xml"), ADMIN_SERVER);
    commit("build: declare the environments");
    v1 = release("0.1.0");

    Files.writeString(
        project.resolve("src/main/resources/db/migration/V4__add_course_tags.sql"),
        "ALTER TABLE courses ADD COLUMN tags text;\n");
    specVersion("0.1.1");
    commit("feat: course tags");
    v2 = release("0.1.1");
  }

  @AfterAll
  void stopEverything() throws Exception {
    ReferenceDeployHook.stopServers(work, List.of("staging", "production", "qa", "down"));
    if (registry != null) {
      registry.close();
    }
    if (work != null) {
      ReferenceDeployHook.deleteTree(work);
    }
  }

  private void specVersion(String version) throws IOException {
    Path spec = project.resolve("docs/architecture/openapi.yaml");
    Files.writeString(spec, Files.readString(spec).replaceFirst("(?m)^  version: .*$", "  version: " + version));
  }

  private void commit(String message) throws Exception {
    DeployFixtures.commit(project, message);
  }

  /** Runs release-candidate with the image pushed to the loopback registry; returns its digest. */
  private String release(String version) throws Exception {
    MavenBuild.Result build =
        // The version is given: the feat commits here would derive the next minor (beelms:prepare).
        maven("compile", MavenBuild.pluginGoal("release-candidate"), "-Dbeelms.deriveVersion=true",
            "-Dbeelms.releaseVersion=" + version, WAIVERS,
            "-Dbeelms.image.from=scratch", "-Dbeelms.image.mainClass=org.beelms.reference.ReferenceCoreMain",
            "-Dbeelms.image.to=registry", "-Dbeelms.image.image=" + registry.image(REPOSITORY));
    assertEquals(0, build.exitCode(), build.log());
    JsonNode record = DeployFixtures.releaseJson(project);
    assertEquals("v" + version, record.get("tag").asText(), build.log());
    return record.get("image").get("digest").asText();
  }

  private MavenBuild.Result maven(String... args) throws Exception {
    return ReferenceDeployHook.maven(project, work, List.of(args));
  }

  private MavenBuild.Result deploy(String target, String version, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(MavenBuild.pluginGoal("deploy"), "-Dtarget=" + target,
        "-Dbeelms.deploy.version=" + version));
    args.addAll(List.of(more));
    return maven(args.toArray(String[]::new));
  }

  private MavenBuild.Result rollback(String target, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(MavenBuild.pluginGoal("rollback"), "-Dtarget=" + target));
    args.addAll(List.of(more));
    return maven(args.toArray(String[]::new));
  }

  private Optional<String> tag(String tag) throws Exception {
    return registry.digest(REPOSITORY, tag);
  }

  private JsonNode note(String tag) throws Exception {
    return DeployFixtures.note(project, tag);
  }

  // ---------------------------------------------------------------- tests

  @Test
  @Order(1)
  void deployStagingThenProductionAndRollProductionBackToV1() throws Exception {
    // A digest that never passed staging does not go to production.
    MavenBuild.Result refused = deploy("production", "v0.1.0");
    assertNotEquals(0, refused.exitCode(), refused.log());
    assertTrue(refused.log().contains("never passed post-deploy smoke on a staging environment"), refused.log());
    assertEquals(Optional.empty(), tag("production"), "nothing moved");

    // The post-deploy smoke cannot be pointed elsewhere and still count for the environment.
    MavenBuild.Result retargeted = deploy("staging", "v0.1.0", "-Dbeelms.smoke.url=http://127.0.0.1:9/api");
    assertNotEquals(0, retargeted.exitCode(), retargeted.log());
    assertTrue(retargeted.log().contains("-Dbeelms.smoke.url is not allowed with beelms:deploy: the smoke after"
        + " beelms:deploy runs against environment 'staging' (<url> http://127.0.0.1:"), retargeted.log());
    assertEquals(Optional.empty(), tag("staging"), "nothing moved");

    for (String version : List.of("v0.1.0", "v0.1.1")) {
      String digest = version.equals("v0.1.0") ? v1 : v2;
      for (String env : List.of("staging", "production")) {
        MavenBuild.Result build = deploy(env, version);
        assertEquals(0, build.exitCode(), build.log());
        assertEquals(Optional.of(digest), tag(env), env + " runs " + version);
        assertTrue(build.log().contains("post-deploy smoke PASSED on " + env), build.log());
        assertTrue(build.log().contains("post-deploy smoke tiers on " + env + ": smoke PASSED"
            + (env.equals("staging") ? ", regression PASSED" : "")), build.log());
        assertFalse(build.log().contains(ReferenceServer.ADMIN_PASSWORD), "a password was logged");
      }
    }
    JsonNode staged = note("v0.1.1").get("smoke").get("staging");
    assertEquals("PASSED", staged.get("status").asText());
    assertEquals(v2, staged.get("digest").asText());
    assertEquals("it-runner", staged.get("deployments").get(0).get("by").asText());
    // Release plan 2.2: staging ran both tiers, production (its default) the smoke tier.
    assertEquals("{\"smoke\":\"PASSED\",\"regression\":\"PASSED\"}",
        staged.get("deployments").get(0).get("tiers").toString());
    assertEquals("{\"smoke\":\"PASSED\"}",
        note("v0.1.1").get("smoke").get("production").get("deployments").get(0).get("tiers").toString());

    MavenBuild.Result otherMode = rollback("production", "-Dbeelms.smoke.mode=staging");
    assertNotEquals(0, otherMode.exitCode(), otherMode.log());
    assertTrue(otherMode.log().contains("-Dbeelms.smoke.mode is not allowed with beelms:rollback: the smoke after"
        + " beelms:rollback runs against environment 'production' (<mode> production from <environments>)"),
        otherMode.log());
    assertEquals(Optional.of(v2), tag("production"), "nothing moved");

    long start = System.nanoTime();
    MavenBuild.Result back = rollback("production");
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertEquals(0, back.exitCode(), back.log());
    // For docs/goals/rollback.md: the whole command and its steps on this machine.
    System.out.println("rollback command wall time: " + millis + " ms");
    back.log().lines()
        .filter(l -> l.contains("Gate PASSED") || l.contains("finished in") || l.contains("answered HTTP 200")
            || l.contains("manifest copy of") || l.contains("Total time"))
        .forEach(System.out::println);
    assertEquals(Optional.of(v1), tag("production"), "production's tag has v0.1.0's digest again");
    assertTrue(back.log().contains("current: v0.1.1 " + v2), back.log());
    assertTrue(back.log().contains("target:  v0.1.0 " + v1), back.log());
    assertTrue(back.log().contains("V4 V4__add_course_tags.sql [expand] from v0.1.1"), back.log());
    assertFalse(back.log().contains("V3__seed_courses.sql"), "v0.1.0's migrations are not between: " + back.log());
    assertTrue(back.log().contains("decision: image-rollback"), back.log());
    assertTrue(back.log().contains("post-rollback smoke PASSED on production"), back.log());
    JsonNode rolledBack = note("v0.1.0").get("smoke").get("production");
    assertEquals("rollback", rolledBack.get("action").asText());
    assertEquals("PASSED", rolledBack.get("status").asText());
  }

  @Test
  @Order(2)
  void statusAndBoardShowTheHistoryAndFindDriftAfterATagMovedByHandAndAStoppedServer() throws Exception {
    Path summary = work.resolve("step-summary.md");
    MavenBuild.Result inStep = status(project, summary, "-D" + "beelms.status.failOnDrift=true");

    assertEquals(0, inStep.exitCode(), inStep.log());
    assertTrue(inStep.log().contains("staging (staging): records: v0.1.1 (" + v2.substring(0, 19) + ") deploy "), inStep.log());
    assertTrue(inStep.log().contains("production (production): records: v0.1.0 (" + v1.substring(0, 19) + ") rollback "),
        inStep.log());
    assertTrue(inStep.log().contains("health: HTTP 200, version 0.1.0; in step"), inStep.log());
    // For docs/goals/status.md: the goal's own lines.
    inStep.log().lines().filter(l -> l.contains("status:") || l.contains("Total time")).forEach(System.out::println);
    Path out = project.resolve("target/beelms-release");
    String html = Files.readString(out.resolve("board.html"));
    String staging = cell(html, "v0.1.1-staging");
    assertTrue(staging.contains("<b>deploy</b>") && staging.contains("by it-runner") && staging.contains(v2.substring(0, 19)),
        staging);
    assertTrue(staging.contains("href=\"smoke-staging.json\""), "smoke result links to its report: " + staging);
    String production = cell(html, "v0.1.0-production");
    assertTrue(production.indexOf("<b>deploy</b>") < production.indexOf("<b>rollback (manual)</b>"), production);
    assertTrue(production.contains("from v0.1.1; image-rollback"), production);
    assertTrue(cell(html, "v0.1.1-production").contains("<b>deploy</b>"), html);
    assertTrue(html.contains("V4__add_course_tags.sql</code></td><td><span class=\"badge ok\">expand"), html);
    assertTrue(Files.isRegularFile(out.resolve("smoke-staging.json")));
    assertTrue(Files.readString(summary).contains("# Release board"), "appended to $GITHUB_STEP_SUMMARY");
    if (HeadlessChromium.available()) {
      String dom = HeadlessChromium.dumpDom(out.resolve("board.html"));
      assertTrue(dom.contains("id=\"cell-v0.1.0-production\""), dom);
      assertTrue(dom.contains("<b>rollback (manual)</b>"), dom);
      HeadlessChromium.screenshot(out.resolve("board.html"), Path.of("target/board.png"), 1400, 1500);
    }

    // A fresh clone has the tags but not the records: the status fetches them from the remote.
    Path clone = work.resolve("clone");
    try (Git git = Git.cloneRepository().setURI(project.toUri().toString()).setDirectory(clone.toFile()).call()) {
      assertTrue(git.tagList().call().size() >= 2);
    }
    MavenBuild.Result fetched = status(clone, summary, "-Dtarget=staging", "-Dbeelms.status.fetch=true");
    assertEquals(0, fetched.exitCode(), fetched.log());
    assertTrue(fetched.log().contains("fetched the release records from origin"), fetched.log());
    assertTrue(cell(Files.readString(clone.resolve("target/beelms-release/board.html")), "v0.1.1-staging")
        .contains("by it-runner"));

    // By hand, outside the tool: staging's tag back to v0.1.0 through the registry API, its server stopped.
    moveTagByHand("staging", v1);
    Path pid = work.resolve("server-staging.pid");
    ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(p -> {
      p.destroy();
      p.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
    });

    MavenBuild.Result drift = status(project, summary, "-Dtarget=staging", "-Dbeelms.status.failOnDrift=true");

    assertNotEquals(0, drift.exitCode(), drift.log());
    assertTrue(drift.log().contains("staging: registry tag moved outside the tool: " + registry.image(REPOSITORY)
        + ":staging points at " + v1 + " (the image of v0.1.0), but the records say staging runs v0.1.1"), drift.log());
    assertTrue(drift.log().contains("staging: health down: no answer from GET http://127.0.0.1:"), drift.log());
    drift.log().lines().filter(l -> l.contains("status:") || l.contains("fix:")).forEach(System.out::println);
    assertTrue(drift.log().contains("mvn beelms:deploy -Dtarget=staging -Dbeelms.deploy.version=v0.1.1"), drift.log());
    assertEquals(0, status(project, summary, "-Dtarget=staging").exitCode(), "drift fails only with failOnDrift");
    assertTrue(Files.readString(out.resolve("board.html")).contains("registry tag moved outside the tool"));
  }

  private static String cell(String html, String id) {
    int start = html.indexOf("id=\"cell-" + id + "\"");
    assertTrue(start >= 0, "no cell " + id + " in " + html);
    return html.substring(start, html.indexOf("</td>", start));
  }

  private MavenBuild.Result status(Path dir, Path summary, String... more) throws Exception {
    return MavenBuild.in(dir)
        .args("-s", work.resolve("settings.xml").toString(), "-Dbeelms.image.allowInsecureRegistries=true",
            "-Dbeelms.status.timeout=PT3S", MavenBuild.pluginGoal("status"))
        .args(more)
        .env("GITHUB_STEP_SUMMARY", summary.toString())
        .run();
  }

  /** GET the manifest of {@code digest}, PUT it as {@code tag}: what a person with registry access does. */
  private void moveTagByHand(String tag, String digest) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String base = "http://" + registry.hostPort() + "/v2/" + REPOSITORY + "/manifests/";
    HttpResponse<byte[]> manifest = http.send(HttpRequest.newBuilder(URI.create(base + digest))
        .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, manifest.statusCode());
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + tag))
        .header("Content-Type", manifest.headers().firstValue("Content-Type").orElseThrow())
        .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, put.statusCode(), put.body());
    assertEquals(Optional.of(digest), tag(tag));
  }

  @Test
  @Order(3)
  void healthThatNeverAnswersFailsWithinTheTimeout() throws Exception {
    long start = System.nanoTime();
    MavenBuild.Result build = deploy("down", "v0.1.0", "-Dbeelms.deploy.healthTimeout=PT3S");

    assertNotEquals(0, build.exitCode(), build.log());
    assertTrue(build.log().contains("did not answer HTTP 200 reporting version 0.1.0 within 3 s"), build.log());
    assertTrue(build.log().contains("/api/health"), build.log());
    assertTrue(build.log().contains("mvn beelms:rollback -Dtarget=down"), build.log());
    assertTrue(java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60);
  }

  @Test
  @Order(4)
  void contractMigrationRefusesRollbackUnlessABackupAndRestoreHook() throws Exception {
    Files.writeString(
        project.resolve("src/main/resources/db/migration/V5__drop_course_tags.sql"),
        "ALTER TABLE courses DROP COLUMN tags;\n");
    specVersion("0.1.2");
    commit("feat!: drop course tags");
    String v3 = release("0.1.2");
    for (String version : List.of("v0.1.1", "v0.1.2")) {
      MavenBuild.Result build = deploy("qa", version);
      assertEquals(0, build.exitCode(), build.log());
    }

    // qa runs the smoke tier only: no staging pass of the regression tier, production refuses v0.1.2.
    MavenBuild.Result notRegressed = deploy("production", "v0.1.2");
    assertNotEquals(0, notRegressed.exitCode(), notRegressed.log());
    assertTrue(notRegressed.log().contains("refused: v0.1.2 (" + v3 + ") has no staging pass of the regression"
        + " tier"), notRegressed.log());
    assertTrue(notRegressed.log().contains("regression not run (that environment's <smokeTiers> leaves it out)"),
        notRegressed.log());
    assertEquals(Optional.of(v1), tag("production"), "nothing moved");

    MavenBuild.Result refused = rollback("qa");

    assertNotEquals(0, refused.exitCode(), refused.log());
    assertTrue(refused.log().contains("V5 V5__drop_course_tags.sql [contract] from v0.1.2"), refused.log());
    assertTrue(refused.log().contains("previous code cannot run on"), refused.log());
    assertTrue(refused.log().contains("forward fix"), refused.log());
    assertEquals(Optional.of(v3), tag("qa"), "nothing moved");
    assertFalse(Files.exists(work.resolve("restored.txt")), "no restore without a backup id");

    MavenBuild.Result dryRun = rollback("qa", "-Dbeelms.rollback.backupId=bk-42", "-Dbeelms.dryRun=true");
    assertEquals(0, dryRun.exitCode(), dryRun.log());
    assertTrue(dryRun.log().contains("decision: restore-and-image-rollback"), dryRun.log());
    assertEquals(Optional.of(v3), tag("qa"), "a dry run moves nothing");

    MavenBuild.Result restored = rollback("qa", "-Dbeelms.rollback.backupId=bk-42");

    assertEquals(0, restored.exitCode(), restored.log());
    assertEquals("bk-42 v0.1.1 v0.1.2", Files.readString(work.resolve("restored.txt")));
    assertEquals(Optional.of(v2), tag("qa"));
    JsonNode entry = note("v0.1.1").get("smoke").get("qa").get("deployments");
    JsonNode last = entry.get(entry.size() - 1);
    assertEquals("restore-and-image-rollback", last.get("decision").asText());
    assertEquals("bk-42", last.get("backupId").asText());

    // The previous image is gone from the registry: the rollback stops before anything moves.
    registry.delete(REPOSITORY, v1);
    MavenBuild.Result missing = rollback("qa", "-Dbeelms.rollback.to=v0.1.0");
    assertNotEquals(0, missing.exitCode(), missing.log());
    assertTrue(missing.log().contains("is no longer in the registry; nothing was moved"), missing.log());
    assertEquals(Optional.of(v2), tag("qa"));

    // Post-rollback smoke fails: the build fails and says where the environment is.
    assertEquals(0, deploy("qa", "v0.1.2").exitCode());
    Files.writeString(work.resolve("fault-qa"), "GET /courses");
    MavenBuild.Result broken = rollback("qa", "-Dbeelms.rollback.backupId=bk-43");
    assertNotEquals(0, broken.exitCode(), broken.log());
    assertTrue(broken.log().contains("post-rollback smoke FAILED on qa running v0.1.1; state: environment 'qa'"
        + " tag " + registry.image(REPOSITORY) + ":qa points at " + v2 + " (v0.1.1)"), broken.log());
    assertEquals(Optional.of(v2), tag("qa"));
    JsonNode qa = note("v0.1.1").get("smoke").get("qa");
    assertEquals("FAILED", qa.get("status").asText());
    assertEquals("smoke-failed", qa.get("deployments").get(qa.get("deployments").size() - 1).get("outcome").asText());
  }
}
