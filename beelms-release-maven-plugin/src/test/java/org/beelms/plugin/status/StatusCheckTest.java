package org.beelms.plugin.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.Rollback;
import org.beelms.plugin.rollback.RollbackSettings;
import org.beelms.plugin.smoke.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code beelms:status} on real parts: releases pushed to the loopback registry, deployed and
 * rolled back with the real deploy and rollback services (records in git notes), environments
 * answering {@code /health} from real HTTP servers.
 */
@ExtendWith(LoopbackRegistry.Extension.class)
class StatusCheckTest {

  @TempDir Path work;

  /** Staging runs v0.1.1, production v0.1.0, both deployed with smoke PASSED. */
  private static final class History {
    final DeployWorld world;
    final ReleaseRecord v1;
    final ReleaseRecord v2;

    History(DeployWorld world) throws Exception {
      this.world = world;
      v1 = world.release("0.1.0");
      v2 = world.release("0.1.1", "4:V4__add_tags.sql:expand");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      Environment production = world.environment("production", "production", world.startingHook(), "");
      assertEquals(GateStatus.PASSED, world.deploy(staging, "v0.1.0").status());
      assertEquals(GateStatus.PASSED, world.deploy(production, "v0.1.0").status());
      assertEquals(GateStatus.PASSED, world.deploy(staging, "v0.1.1").status());
    }
  }

  private static Environment env(String name, String mode, HealthServer health) {
    return Environment.declared(name, health.api().toString(), "", mode, name, "", "", "", Map.of(), "", "", null);
  }

  private GateResult status(DeployWorld world, boolean failOnDrift, ManifestCopy registry, Environment... envs) {
    List<Environment> list = List.of(envs);
    StatusSettings settings = new StatusSettings(list, list, Duration.ofSeconds(3), failOnDrift, "origin", false,
        work.resolve("out"), Optional.of(work.resolve("step-summary.md")));
    ReleaseHistory history = world.history();
    try (history) {
      return new StatusCheck(settings, new ReleaseRecords(history, work.resolve("out")),
          new NotesSync(history.repository(), "origin", Optional.empty(), Duration.ofSeconds(3)),
          ledger -> new EnvironmentInspector(ledger, registry, new HealthProbe(Duration.ofSeconds(2))),
          Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC))
          .check(ReleaseListener.NONE);
    }
  }

  /** As {@link #status}, each environment's identity read as {@code identities} says. */
  private GateResult status(DeployWorld world, ManifestCopy registry,
      Map<String, org.beelms.plugin.identity.IdentitySettings> identities, Environment... envs) {
    List<Environment> list = List.of(envs);
    StatusSettings settings = new StatusSettings(list, list, Duration.ofSeconds(3), true, "origin", false,
        work.resolve("out"), Optional.empty());
    org.beelms.plugin.deploy.HookRunner hooks =
        new org.beelms.plugin.deploy.HookRunner(work, work.resolve("out/hooks"), Duration.ofSeconds(5));
    ReleaseHistory history = world.history();
    try (history) {
      return new StatusCheck(settings, new ReleaseRecords(history, work.resolve("out")),
          new NotesSync(history.repository(), "origin", Optional.empty(), Duration.ofSeconds(3)),
          ledger -> new EnvironmentInspector(ledger, registry, new HealthProbe(Duration.ofSeconds(2)),
              name -> new org.beelms.plugin.identity.IdentityCheck(identities.get(name),
                  hooks.identityCommands(name + "-status-identity")),
              Duration.ofSeconds(3)),
          Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC))
          .check(ReleaseListener.NONE);
    }
  }

  @Test
  void findsAnotherReleaseRunningOnACoreWhoseHealthHasNoVersionThroughTheIdentityCommand(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("w"), registry);
        HealthServer staging = new HealthServer(null);
        HealthServer production = new HealthServer(null)) {
      History h = new History(world);
      // what the container runtime says runs: staging still runs v0.1.0's image, production v0.1.0's
      java.nio.file.Files.writeString(work.resolve("running"), h.v1.image().reference() + "\n");
      org.beelms.plugin.identity.IdentitySettings command = org.beelms.plugin.identity.IdentitySettings.declared(
          "<environments>/<environment> 'staging'", staging.api(), "command", null, null, null,
          "cat '" + work.resolve("running") + "'");
      org.beelms.plugin.identity.IdentitySettings none = org.beelms.plugin.identity.IdentitySettings.declared(
          "<environments>/<environment> 'production'", production.api(), "none", null, null, null, null);

      GateResult result = status(world, registry(), Map.of("staging", command, "production", none),
          env("staging", "staging", staging), env("production", "production", production));

      assertEquals(GateStatus.FAILED, result.status(), all(result));
      List<String> drift = drift(result);
      assertEquals(1, drift.size(), all(result));
      assertTrue(drift.get(0).startsWith("staging: another release runs: the <identityCommand> printed "
          + h.v1.image().reference() + " (<identity>command</identity>), but the records say staging runs v0.1.1"),
          drift.get(0));
      assertTrue(all(result).contains("production (production): records: v0.1.0"), all(result));
      assertTrue(all(result).contains("no version reported; identity not verified; in step"), all(result));
      String board = java.nio.file.Files.readString(work.resolve("out/board.md"));
      assertTrue(board.contains("identity not verified"), board);
      assertTrue(board.contains("another release runs"), board);
    }
  }

  private static ManifestCopy registry() {
    return new ManifestCopy(Optional.empty(), true, Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  private static List<String> drift(GateResult result) {
    return result.findings().stream().filter(f -> f.severity() != Severity.INFO).map(Finding::message).toList();
  }

  private static String all(GateResult result) {
    return String.join("\n", result.findings().stream().map(f -> f.severity() + " " + f.message() + " | " + f.fix()).toList());
  }

  @Test
  void saysWhatRunsWhereWhenRecordsRegistryAndHealthAgree(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("w"), registry);
        HealthServer staging = new HealthServer("0.1.1");
        HealthServer production = new HealthServer("0.1.0")) {
      History h = new History(world);

      GateResult result = status(world, true, registry(), env("staging", "staging", staging),
          env("production", "production", production));

      assertEquals(GateStatus.PASSED, result.status(), all(result));
      assertEquals(List.of(), drift(result));
      String log = all(result);
      assertTrue(log.contains("staging (staging): records: v0.1.1 (" + ReleaseBoard.shortDigest(h.v2.image().digest())
          + ") deploy "), log);
      // Staging runs both tiers (smoke and regression): each tier's outcome is shown.
      // Not attested, deployed where no <verifyKey> checks: said, never ticked.
      assertTrue(log.contains("by tester, deployed, smoke PASSED, regression PASSED; supply chain: not signed / no"
          + " provenance / SBOM: none (beelms:attest did not run); signature not verified (no <verifyKey>); registry: "
          + world.repository()
          + ":staging -> " + h.v2.image().digest() + "; health: HTTP 200, version 0.1.1; in step"), log);
      assertTrue(log.contains("production (production): records: v0.1.0"), log);
      assertTrue(log.contains("no remote 'origin'"), log);
      String html = Files.readString(work.resolve("out/board.html"));
      assertTrue(html.contains("id=\"cell-v0.1.1-staging\""), html);
      assertTrue(html.contains("id=\"cell-v0.1.1-production\" class=\"empty\""), html);
      assertTrue(html.contains("in step"), html);
      assertTrue(Files.readString(work.resolve("step-summary.md")).contains("## What runs where now"));
    }
  }

  @Test
  void findsATagMovedByHandThroughTheRegistryApi(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("w"), registry);
        HealthServer staging = new HealthServer("0.1.1");
        HealthServer production = new HealthServer("0.1.0")) {
      History h = new History(world);
      // Someone points staging back at v0.1.0's image by hand, outside the tool.
      registry().copy(h.v1.image().reference(), "staging");

      GateResult warned = status(world, false, registry(), env("staging", "staging", staging),
          env("production", "production", production));
      GateResult failed = status(world, true, registry(), env("staging", "staging", staging),
          env("production", "production", production));

      assertEquals(GateStatus.PASSED, warned.status(), "drift is a warning without failOnDrift");
      assertEquals(GateStatus.FAILED, failed.status(), all(failed));
      List<String> drift = drift(failed);
      assertEquals(1, drift.size(), all(failed));
      assertTrue(drift.get(0).startsWith("staging: registry tag moved outside the tool: " + world.repository()
          + ":staging points at " + h.v1.image().digest() + " (the image of v0.1.0), but the records say staging"
          + " runs v0.1.1 (" + h.v2.image().digest() + ")"), drift.get(0));
      assertTrue(all(failed).contains("mvn beelms:deploy -Dtarget=staging -Dbeelms.deploy.version=v0.1.1"), all(failed));
    }
  }

  @Test
  void findsHealthDownAndAnotherVersionRunning(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("w"), registry);
        HealthServer staging = new HealthServer("0.1.0");
        HealthServer production = new HealthServer("0.1.0")) {
      new History(world);
      Environment productionEnv = env("production", "production", production);
      production.close();

      GateResult result = status(world, true, registry(), env("staging", "staging", staging), productionEnv);

      assertEquals(GateStatus.FAILED, result.status());
      List<String> drift = drift(result);
      assertEquals(2, drift.size(), all(result));
      assertTrue(drift.get(0).startsWith("staging: another release runs: " + staging.api() + "/health reports version"
          + " 0.1.0, but the records say staging runs 0.1.1 (v0.1.1)"), drift.get(0));
      assertTrue(drift.get(1).startsWith("production: health down: no answer from GET " + productionEnv.url() + "/health ("),
          drift.get(1));
    }
  }

  @Test
  void aRollbackWhoseStepsAllRanButWhoseSmokeFailedNamesTheCheckNotARerun(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("w"), registry);
        HealthServer production = new HealthServer("0.1.0")) {
      History h = new History(world);
      Environment prod = world.environment("production", "production", world.startingHook(), "");
      world.deploy(prod, "v0.1.1");
      world.smokeStatus = GateStatus.FAILED;
      // The post-rollback smoke's own report, as the smoke gate writes it.
      Path report = Files.createDirectories(world.work().resolve("target/beelms-release"))
          .resolve("smoke-production.json");
      Files.writeString(report, """
          {"status":"FAILED","failures":[{"checklistIds":["OPS-HEALTH-1"],"check":"running version is the release",
           "message":"GET /health does not report a version, so the running release cannot be compared"}]}
          """);
      GateResult back =
          new Rollback(new RollbackSettings(prod, Optional.empty(), Optional.empty(), false, "on-call"),
              world.records(), world.rollout(Duration.ofSeconds(5))).check(ReleaseListener.NONE);
      assertEquals(GateStatus.FAILED, back.status());

      GateResult result = status(world, true, registry(), env("production", "production", production));

      List<String> drift = drift(result);
      assertEquals(1, drift.size(), all(result));
      assertTrue(drift.get(0).startsWith("production: rolled back, a smoke check failed: the last rollback of"
          + " production (from v0.1.1 to v0.1.0, at "), drift.get(0));
      assertTrue(drift.get(0).contains("by on-call) ran every step and production runs v0.1.0; only the"
          + " post-rollback smoke failed: OPS-HEALTH-1 running version is the release: GET /health does not"
          + " report a version"), drift.get(0));
      assertFalse(all(result).contains("half-way"), all(result));
      assertFalse(all(result).contains("run the rollback again"), all(result));
      assertTrue(all(result).contains("running the rollback again changes nothing: fix what that check found"),
          all(result));
      String html = Files.readString(work.resolve("out/board.html"));
      String cell = html.substring(html.indexOf("id=\"cell-v0.1.0-production\""), html.indexOf("</td>",
          html.indexOf("id=\"cell-v0.1.0-production\"")));
      assertTrue(cell.contains("<li class=\"entry deploy ok\"><b>deploy</b>"), cell);
      assertTrue(cell.contains("<li class=\"entry rollback fail\"><b>rollback (manual)</b>"), cell);
      assertTrue(cell.contains("by on-call"), cell);
      assertTrue(cell.contains("from v0.1.1; image-rollback"), cell);
      assertTrue(html.contains("rolled back, a smoke check failed"), html);
      assertEquals(h.v1.image().digest(), world.tagDigest("production").orElseThrow());
    }
  }

  @Test
  void anUnverifiedPromotionIsADeployThatDidNotFinishNeverAPassOrInStep(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("w"), registry);
        org.beelms.plugin.image.FaultyRegistryProxy proxy = new org.beelms.plugin.image.FaultyRegistryProxy(registry);
        HealthServer health = new HealthServer("0.1.0")) {
      world.registryVia(proxy.hostPort());
      world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      assertEquals(GateStatus.PASSED, world.deploy(staging, "v0.1.0").status());
      proxy.failTheCheckAfterTheNextManifestPut();
      assertEquals(GateStatus.FAILED, world.deploy(staging, "v0.2.0").status());
      assertEquals(1, proxy.faults(), "the check after the PUT got the injected 500");

      GateResult result = status(world, true, registry(), env("staging", "staging", health));

      assertEquals(GateStatus.FAILED, result.status(), all(result));
      String log = all(result);
      assertTrue(log.contains("staging (staging): records: v0.2.0 (" + ReleaseBoard.shortDigest(v2.image().digest())
          + ") deploy "), log);
      assertTrue(log.contains("by tester, promotion-unverified, smoke SKIPPED"), log);
      assertFalse(log.contains("in step"), log);
      List<String> drift = drift(result);
      assertTrue(drift.stream().anyMatch(d -> d.startsWith("staging: deploy failed half-way: the last deploy of v0.2.0"
          + " to staging (at ") && d.contains("did not finish: outcome promotion-unverified (the registry accepted"
          + " the move of the environment tag but the check after it failed: moved, unverified; no hook, health or"
          + " smoke ran after it), smoke SKIPPED")), log);
      assertTrue(drift.stream().anyMatch(d -> d.startsWith("staging: another release runs:")),
          "nothing ran after the move, so staging still runs v0.1.0: " + log);
      String html = Files.readString(work.resolve("out/board.html"));
      String cell = html.substring(html.indexOf("id=\"cell-v0.2.0-staging\""), html.indexOf("</td>",
          html.indexOf("id=\"cell-v0.2.0-staging\"")));
      assertTrue(cell.contains("<li class=\"entry deploy fail\"><b>deploy</b>"), cell);
      assertTrue(cell.contains("<span class=\"badge fail\">promotion-unverified</span>"), cell);
      String md = Files.readString(work.resolve("out/board.md"));
      assertTrue(md.contains(", promotion-unverified, smoke SKIPPED"), md);
    }
  }

  @Test
  void aTagWithoutRecordAndARegistryItCannotReadAreDrift(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("w"), registry);
        HealthServer qa = new HealthServer("0.1.0")) {
      ReleaseRecord v1 = world.release("0.1.0");
      registry().copy(v1.image().reference(), "qa");

      // Declared for smoke only (no <imageTag>, nothing recorded): not drift.
      Environment smokeOnly = Environment.declared("local", qa.api().toString(), "", "staging", "", "", "", "",
          Map.of(), "", "", null);
      GateResult byHand = status(world, true, registry(), env("qa", "staging", qa), smokeOnly);
      // HTTPS only: the loopback registry speaks plain HTTP, so the tag cannot be read.
      GateResult unreadable = status(world, true,
          new ManifestCopy(Optional.empty(), false, Duration.ofSeconds(3), Duration.ofSeconds(3)), env("qa", "staging", qa));

      assertEquals(List.of("qa: deployed without a record: " + world.repository() + ":qa points at "
          + v1.image().digest() + " (v0.1.0), but no release record has a deploy or rollback to qa"), drift(byHand));
      assertEquals(GateStatus.FAILED, unreadable.status());
      assertTrue(drift(unreadable).get(0).startsWith("qa: could not verify: could not read " + world.repository() + ":qa"),
          all(unreadable));
    }
  }
}
