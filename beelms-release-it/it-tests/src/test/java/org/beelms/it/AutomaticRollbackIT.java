package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.image.ManifestCopy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code beelms:deploy} with {@code onFailure=rollback}, run as a user runs it ({@code mvn} in a
 * project folder) on real parts on loopback: three releases (v0.1.0; v0.1.1 with an expand
 * migration; v0.1.2 with a contract one) with images in Debian's docker-registry and release records
 * as git notes (written directly, as {@link DeployWorld} does: no release-candidate run, which keeps
 * this class short), deploy hooks that start the reference core jar as the deployed version, its
 * {@code --fault-500} switch breaking a release (health stays green, smoke fails), the real smoke
 * suite, and a notify hook that writes its environment to a file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutomaticRollbackIT {

  private static final String ADMIN_SERVER = "beelms-it-admin";

  private LoopbackRegistry registry;
  private Path work;
  private DeployWorld world;
  private Path project;
  private String v1;
  private String v2;
  private String v3;

  private String environment(String name, int port, String onFailure) {
    return environment(name, "sh '" + work.resolve("deploy-hook.sh") + "' " + port, port, onFailure);
  }

  private String environment(String name, String deployCommand, int port, String onFailure) {
    return """
                    <environment>
                      <name>%s</name>
                      <url>http://127.0.0.1:%d/api</url>
                      <mode>staging</mode>
                      <imageTag>%s</imageTag>
                      <adminServerId>%s</adminServerId>
                      <deployCommand>%s</deployCommand>
                      <!-- the smoke tier only: these tests are about the rollback, not the tiers -->
                      <smokeTiers>smoke</smokeTiers>
                      %s
                      <notifyCommand>env | grep '^BEELMS_' | sort > '%s'</notifyCommand>
                      <properties>
                        <beelms.smoke.readyTimeout>PT30S</beelms.smoke.readyTimeout>
                      </properties>
                    </environment>
        """.formatted(name, port, name, ADMIN_SERVER, deployCommand,
        onFailure.isEmpty() ? "" : "<onFailure>" + onFailure + "</onFailure>", work.resolve("notify-" + name + ".env"));
  }

  @BeforeAll
  void releaseThreeVersions() throws Exception {
    registry = LoopbackRegistry.start();
    work = Files.createTempDirectory("beelms-auto-rollback-it-");
    ReferenceDeployHook.write(work);
    world = new DeployWorld(Files.createDirectories(work.resolve("world")), registry);
    v1 = world.release("0.1.0").image().digest();
    v2 = world.release("0.1.1", "4:V4__add_course_tags.sql:expand").image().digest();
    v3 = world.release("0.1.2", "5:V5__drop_course_tags.sql:contract").image().digest();
    project = world.repo();
    String environments =
        environment("staging", ReferenceDeployHook.freePort(), "rollback")
            + environment("qa", ReferenceDeployHook.freePort(), "")
            // A platform that never starts anything: health never answers.
            + environment("down", "true", ReferenceDeployHook.freePort(), "rollback");
    Files.writeString(project.resolve("pom.xml"), MavenBuild.deployProjectPom("0.1.2", environments),
        StandardCharsets.UTF_8);
    ReferenceServer.writeAdminSettings(work.resolve("settings.xml"), ADMIN_SERVER);
  }

  @AfterAll
  void stopEverything() throws Exception {
    ReferenceDeployHook.stopServers(work, List.of("staging", "qa", "down"));
    if (world != null) {
      world.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (work != null) {
      ReferenceDeployHook.deleteTree(work);
    }
  }


  private MavenBuild.Result deploy(String target, String version, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(MavenBuild.pluginGoal("deploy"), "-Dtarget=" + target,
        "-Dbeelms.deploy.version=" + version));
    args.addAll(List.of(more));
    return ReferenceDeployHook.maven(project, work, args);
  }

  /**
   * The environment ran {@code tag} before: its tag points at that release's digest (a manifest
   * copy, as a deploy makes; the server itself is started by the next deploy hook). Saves a Maven
   * run per test: the deploys under test are the ones that fail.
   */
  private void runsBefore(String environment, String tag) throws Exception {
    new ManifestCopy(Optional.empty(), true).copy(world.note(tag).image().reference(), environment);
  }

  private List<DeploymentEntry> entries(String tag, String environment, String action) {
    return ReleaseRecords.deployments(world.note(tag)).stream()
        .filter(e -> e.environment().equals(environment) && e.action().equals(action))
        .toList();
  }

  private Map<String, String> notified(String environment) throws IOException {
    return Files.readAllLines(work.resolve("notify-" + environment + ".env")).stream()
        .filter(l -> l.contains("="))
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
  }

  @Test
  @Order(1)
  void aReleaseWhoseSmokeFailsIsRolledBackToTheOneBeforeWithSmokeGreen() throws Exception {
    long start = System.nanoTime();
    runsBefore("staging", "v0.1.0");
    Files.writeString(work.resolve("fault-staging-0.1.1"), "GET /courses");

    MavenBuild.Result build = deploy("staging", "v0.1.1");

    assertNotEquals(0, build.exitCode(), "the release did not go out: " + build.log());
    assertTrue(build.log().contains("post-deploy smoke FAILED on staging running v0.1.1"), build.log());
    assertTrue(build.log().contains("decision: image-rollback"), build.log());
    assertTrue(build.log().contains("post-rollback smoke PASSED on staging"), build.log());
    assertTrue(build.log().contains("v0.1.1 did not go out: the deploy smoke-failed and staging was rolled back"
        + " automatically to v0.1.0"), build.log());
    assertEquals(Optional.of(v1), world.tagDigest("staging"), "the tag is at v0.1.0's digest");
    DeploymentEntry failed = entries("v0.1.1", "staging", "deploy").get(0);
    assertEquals("smoke-failed", failed.outcome());
    assertTrue(failed.rolledBack());
    DeploymentEntry back = entries("v0.1.0", "staging", "rollback").get(0);
    assertEquals("automatic", back.trigger());
    assertEquals("PASSED", back.smoke());
    assertEquals("v0.1.1", back.from());

    Map<String, String> vars = notified("staging");
    assertEquals("deploy", vars.get("BEELMS_ACTION"));
    assertEquals("smoke-failed", vars.get("BEELMS_OUTCOME"));
    assertEquals("staging", vars.get("BEELMS_ENVIRONMENT"));
    assertEquals("0.1.1", vars.get("BEELMS_VERSION"));
    assertEquals(v2, vars.get("BEELMS_DIGEST"));
    assertEquals("0.1.0", vars.get("BEELMS_PREVIOUS_VERSION"));
    assertEquals(v1, vars.get("BEELMS_PREVIOUS_DIGEST"));
    assertEquals("rolled-back", vars.get("BEELMS_ROLLBACK"));
    assertEquals("image-rollback", vars.get("BEELMS_DECISION"));
    assertEquals(v1, vars.get("BEELMS_CURRENT_DIGEST"));
    assertTrue(Files.isRegularFile(Path.of(vars.get("BEELMS_REPORT"))), vars.get("BEELMS_REPORT"));
    // For docs/goals/deploy.md: the failed deploy plus its automatic rollback, one mvn run.
    System.out.println("deploy + automatic rollback wall time: " + (System.nanoTime() - start) / 1_000_000 + " ms");
    build.log().lines()
        .filter(l -> l.contains("Gate FAILED") || l.contains("finished in") || l.contains("answered HTTP 200")
            || l.contains("Total time"))
        .forEach(System.out::println);
  }

  @Test
  @Order(2)
  void aReleaseWithAContractMigrationIsNotRolledBackAndTheRunSaysWhy() throws Exception {
    Files.writeString(work.resolve("fault-staging-0.1.2"), "GET /courses");

    MavenBuild.Result build = deploy("staging", "v0.1.2");

    assertNotEquals(0, build.exitCode(), build.log());
    assertTrue(build.log().contains("V5 V5__drop_course_tags.sql [contract] from v0.1.2"), build.log());
    assertTrue(build.log().contains("not rolled back: refused: contract migration(s)"), build.log());
    assertTrue(build.log().contains("ship a forward fix"), build.log());
    assertTrue(build.log().contains("-Dbeelms.rollback.backupId=<backup id>"), build.log());
    assertEquals(Optional.of(v3), world.tagDigest("staging"), "the tag stays on v0.1.2");
    assertFalse(entries("v0.1.2", "staging", "deploy").get(0).rolledBack());
    assertEquals("refused", notified("staging").get("BEELMS_ROLLBACK"));
  }

  @Test
  @Order(3)
  void aFirstDeployHasNothingToGoBackTo() throws Exception {
    MavenBuild.Result build = deploy("down", "v0.1.0", "-Dbeelms.deploy.healthTimeout=PT3S");

    assertNotEquals(0, build.exitCode(), build.log());
    assertTrue(build.log().contains("did not answer HTTP 200 reporting version 0.1.0 within 3 s"), build.log());
    assertTrue(build.log().contains("nothing to go back to"), build.log());
    assertTrue(build.log().contains("the first deploy to down"), build.log());
    assertEquals(Optional.of(v1), world.tagDigest("down"), "the tag stays");
    assertEquals("unhealthy", notified("down").get("BEELMS_OUTCOME"));
    assertEquals("not-possible", notified("down").get("BEELMS_ROLLBACK"));
  }

  @Test
  @Order(4)
  void aRollbackWhoseOwnSmokeFailsStopsAndSaysWhereTheTagIs() throws Exception {
    runsBefore("qa", "v0.1.0");
    Files.writeString(work.resolve("fault-qa"), "GET /courses");

    MavenBuild.Result build = deploy("qa", "v0.1.1", "-Dbeelms.deploy.onFailure=rollback");

    assertNotEquals(0, build.exitCode(), build.log());
    assertTrue(build.log().contains("post-deploy smoke FAILED on qa running v0.1.1"), build.log());
    assertTrue(build.log().contains("post-rollback smoke FAILED on qa running v0.1.0"), build.log());
    assertTrue(build.log().contains("stopped, no further rollback"), build.log());
    assertTrue(build.log().contains("points at " + v1 + " (v0.1.0)"), build.log());
    assertEquals(Optional.of(v1), world.tagDigest("qa"));
    List<String> calls = Files.readAllLines(work.resolve("hook-calls.txt"));
    assertEquals(1, calls.stream().filter(c -> c.startsWith("rollback qa")).count(), "one rollback: " + calls);
    assertEquals("failed", notified("qa").get("BEELMS_ROLLBACK"));
  }
}
