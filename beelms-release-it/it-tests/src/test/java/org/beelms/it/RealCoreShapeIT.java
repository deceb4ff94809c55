package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.identity.IdentityMode;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.release.ReleaseRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The real beelms core's shape end to end, green, without force: health answers {@code
 * {"status":"ok"}} only ({@code --health-without-version}), so the release that runs is proven by
 * the environment's identity: on staging an {@code <identityCommand>} reading what the "container
 * runtime" says runs (the reference core's {@code --running-file}, written with the deployed
 * {@code $IMAGE_REFERENCE}), on production an endpoint ({@code /health}'s {@code X-App-Version}
 * header). Every start keeps the previous identity answering for a few seconds after health is up
 * ({@code --previous-for}), as an old instance would. staging → production → rollback → automatic
 * rollback → status, then drift found through the identity command. Releases are written
 * directly (images on the loopback registry, git notes), as in {@link AutomaticRollbackIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealCoreShapeIT {

  private static final String ADMIN_SERVER = "beelms-it-admin";
  /** How long a new start keeps showing the previous identity. */
  private static final String PREVIOUS_FOR = "PT4S";

  private LoopbackRegistry registry;
  private Path work;
  private DeployWorld world;
  private Path project;
  private ReleaseRecord v1;
  private ReleaseRecord v2;
  private ReleaseRecord v3;

  private String staging(int port) {
    Path running = work.resolve("running-staging");
    return """
                    <environment>
                      <name>staging</name>
                      <url>http://127.0.0.1:%d/api</url>
                      <mode>staging</mode>
                      <imageTag>staging</imageTag>
                      <adminServerId>%s</adminServerId>
                      <deployCommand>sh '%s' %d --health-without-version --running-file '%s' --running-image "$IMAGE_REFERENCE" --previous-for %s</deployCommand>
                      <identity>command</identity>
                      <identityCommand>cat '%s'</identityCommand>
                      <properties>
                        <beelms.smoke.readyTimeout>PT30S</beelms.smoke.readyTimeout>
                        <beelms.smoke.load.duration>PT2S</beelms.smoke.load.duration>
                      </properties>
                    </environment>
        """.formatted(port, ADMIN_SERVER, work.resolve("deploy-hook.sh"), port, running, PREVIOUS_FOR, running);
  }

  private String production(int port) {
    return """
                    <environment>
                      <name>production</name>
                      <url>http://127.0.0.1:%d/api</url>
                      <mode>production</mode>
                      <imageTag>production</imageTag>
                      <serverId>%s</serverId>
                      <adminServerId>%s</adminServerId>
                      <deployCommand>sh '%s' %d --health-without-version --previous-version "$(cat '%s' 2>/dev/null || echo 0.0.0)" --previous-for %s</deployCommand>
                      <identity>endpoint</identity>
                      <identityUrl>/health</identityUrl>
                      <identityPointer>header:X-App-Version</identityPointer>
                      <properties>
                        <beelms.smoke.readyTimeout>PT30S</beelms.smoke.readyTimeout>
                      </properties>
                    </environment>
        """.formatted(port, ADMIN_SERVER, ADMIN_SERVER, work.resolve("deploy-hook.sh"), port,
        work.resolve("version-production"), PREVIOUS_FOR);
  }

  @BeforeAll
  void releaseThreeVersions() throws Exception {
    registry = LoopbackRegistry.start();
    work = Files.createTempDirectory("beelms-real-shape-it-");
    ReferenceDeployHook.write(work);
    world = new DeployWorld(Files.createDirectories(work.resolve("world")), registry);
    v1 = world.release("0.1.0");
    v2 = world.release("0.1.1", "4:V4__add_course_tags.sql:expand");
    v3 = world.release("0.1.2");
    project = world.repo();
    String environments = staging(ReferenceDeployHook.freePort()) + production(ReferenceDeployHook.freePort());
    Files.writeString(project.resolve("pom.xml"), MavenBuild.deployProjectPom("0.1.2", environments),
        StandardCharsets.UTF_8);
    ReferenceServer.writeAdminSettings(work.resolve("settings.xml"), ADMIN_SERVER);
  }

  @AfterAll
  void stopEverything() throws Exception {
    ReferenceDeployHook.stopServers(work, List.of("staging", "production"));
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


  private MavenBuild.Result maven(String goal, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(MavenBuild.pluginGoal(goal)));
    args.addAll(List.of(more));
    return ReferenceDeployHook.maven(project, work, args);
  }

  private MavenBuild.Result deploy(String target, String tag, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("-Dtarget=" + target, "-Dbeelms.deploy.version=" + tag));
    args.addAll(List.of(more));
    return maven("deploy", args.toArray(String[]::new));
  }

  private DeploymentEntry last(String tag, String environment, String action) {
    List<DeploymentEntry> entries = ReleaseRecords.deployments(world.note(tag)).stream()
        .filter(e -> e.environment().equals(environment) && e.action().equals(action))
        .toList();
    return entries.get(entries.size() - 1);
  }

  private static String imageProof(ReleaseRecord release) {
    return "running image " + release.image().digest() + " = " + release.tag();
  }

  /** How long the health wait took, from {@code answered … after N ms}. */
  private static long waitMillis(String log) {
    Matcher m = Pattern.compile("answered HTTP 200 and .* after (\\d+) ms").matcher(log);
    assertTrue(m.find(), log);
    return Long.parseLong(m.group(1));
  }

  @Test
  @Order(1)
  void stagingIsGreenThroughTheIdentityCommandAndOpsHealthPassesWithTheProof() throws Exception {
    for (ReleaseRecord release : List.of(v1, v2)) {
      MavenBuild.Result build = deploy("staging", release.tag());

      assertEquals(0, build.exitCode(), build.log());
      assertTrue(build.log().contains("post-deploy smoke tiers on staging: smoke PASSED, regression PASSED"), build.log());
      assertTrue(build.log().contains("identity: " + imageProof(release)), build.log());
      // the new start kept the previous identity for PREVIOUS_FOR after health was up: the wait went on
      assertTrue(waitMillis(build.log()) >= 4000, build.log());
      DeploymentEntry entry = last(release.tag(), "staging", "deploy");
      assertEquals(IdentityMode.COMMAND, entry.identity().mode());
      assertTrue(entry.identity().proven(), entry.toString());
      assertEquals(imageProof(release), entry.identity().detail());
      String report = Files.readString(project.resolve("target/beelms-smoke/staging/checklist-report.md"));
      assertTrue(report.contains(imageProof(release) + " (command)"), report);
    }
  }

  @Test
  @Order(2)
  void productionTakesWhatPassedStagingProvenByTheEndpointHeader() throws Exception {
    for (ReleaseRecord release : List.of(v1, v2)) {
      MavenBuild.Result build = deploy("production", release.tag());

      assertEquals(0, build.exitCode(), build.log());
      assertTrue(build.log().contains("identity: running version " + release.version() + " = " + release.tag()),
          build.log());
      DeploymentEntry entry = last(release.tag(), "production", "deploy");
      assertEquals(IdentityMode.ENDPOINT, entry.identity().mode());
      assertTrue(entry.identity().proven(), entry.toString());
      assertEquals("", entry.forced());
    }
    assertEquals(Optional.of(v2.image().digest()), world.tagDigest("production"));
  }

  @Test
  @Order(3)
  void aManualRollbackOfProductionIsProvenTheSameWay() throws Exception {
    MavenBuild.Result build = maven("rollback", "-Dtarget=production");

    assertEquals(0, build.exitCode(), build.log());
    assertTrue(build.log().contains("post-rollback smoke PASSED on production"), build.log());
    assertEquals(Optional.of(v1.image().digest()), world.tagDigest("production"));
    DeploymentEntry back = last("v0.1.0", "production", "rollback");
    assertTrue(back.identity().proven(), back.toString());
    assertEquals("running version 0.1.0 = v0.1.0", back.identity().detail());
  }

  @Test
  @Order(4)
  void aFailedStagingDeployIsRolledBackAutomaticallyWithTheRollbackProvenByTheCommand() throws Exception {
    Files.writeString(work.resolve("fault-staging-0.1.2"), "GET /courses");

    MavenBuild.Result build = deploy("staging", "v0.1.2", "-Dbeelms.deploy.onFailure=rollback");

    assertNotEquals(0, build.exitCode(), "the release did not go out: " + build.log());
    assertTrue(build.log().contains("post-deploy smoke FAILED on staging running v0.1.2"), build.log());
    assertTrue(build.log().contains("staging was rolled back automatically to v0.1.1"), build.log());
    assertEquals(Optional.of(v2.image().digest()), world.tagDigest("staging"));
    DeploymentEntry failed = last("v0.1.2", "staging", "deploy");
    assertTrue(failed.identity().proven(), "the broken build did run: " + failed);
    assertEquals(imageProof(v3), failed.identity().detail());
    DeploymentEntry back = last("v0.1.1", "staging", "rollback");
    assertEquals("automatic", back.trigger());
    assertEquals("PASSED", back.smoke());
    assertEquals(imageProof(v2), back.identity().detail());
  }

  @Test
  @Order(5)
  void statusSeesWhatRunsThroughTheIdentityAndFindsAnotherReleaseRunning() throws Exception {
    MavenBuild.Result inStep = maven("status", "-Dbeelms.status.failOnDrift=true");

    assertEquals(0, inStep.exitCode(), inStep.log());
    assertTrue(inStep.log().contains("identity: " + imageProof(v2) + "; in step"), inStep.log());
    assertTrue(inStep.log().contains("identity: running version 0.1.0 = v0.1.0; in step"), inStep.log());
    String board = Files.readString(project.resolve("target/beelms-release/board.md"));
    assertTrue(board.contains(imageProof(v2)), board);

    // the platform runs v0.1.0's image on staging behind the tool's back; health has no version
    Files.writeString(work.resolve("running-staging"), v1.image().reference() + "\n");
    MavenBuild.Result drift = maven("status", "-Dtarget=staging", "-Dbeelms.status.failOnDrift=true");

    assertNotEquals(0, drift.exitCode(), drift.log());
    assertTrue(drift.log().contains("another release runs: the <identityCommand> printed " + v1.image().reference()),
        drift.log());
  }
}
