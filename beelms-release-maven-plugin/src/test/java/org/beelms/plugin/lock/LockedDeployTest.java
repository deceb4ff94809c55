package org.beelms.plugin.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.beelms.plugin.deploy.DeployWorld;
import org.beelms.plugin.deploy.Deployment;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.release.ReleaseRecordStore;
import org.beelms.plugin.release.ReleaseRecordSync;
import org.beelms.plugin.smoke.Environment;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys as a pipeline runs them: each runner a fresh clone of a bare repository (the remote),
 * images on the loopback registry, a real HTTP "environment" started by a real hook; every
 * deploy wrapped in {@link LockedGate} as the deploy goal wraps it.
 */
@ExtendWith(LoopbackRegistry.Extension.class)
class LockedDeployTest {

  @TempDir Path work;

  /** The world's releases, pushed (branch, tags, records) to a bare repository. */
  private static String bareRemote(DeployWorld world, Path work) throws Exception {
    try (Git bare = Git.init().setBare(true).setDirectory(work.resolve("remote.git").toFile()).call();
        Git project = Git.open(world.repo().toFile())) {
      String url = bare.getRepository().getDirectory().toURI().toString();
      project.push().setRemote(url).setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"),
          new RefSpec("+refs/tags/*:refs/tags/*"), new RefSpec(ReleaseRecordStore.NOTES_REF + ":" + ReleaseRecordStore.NOTES_REF)).call();
      bare.getRepository().updateRef("HEAD").link("refs/heads/" + project.getRepository().getBranch());
      return url;
    }
  }

  /** A runner: a fresh clone; {@link #deploy} runs a locked deploy from it. */
  private static final class Runner implements AutoCloseable {
    final Git clone;
    final ReleaseHistory history;
    final Path output;

    Runner(String url, Path folder) throws Exception {
      clone = Git.cloneRepository().setURI(url).setDirectory(folder.toFile()).call();
      history = ReleaseHistory.open(folder);
      output = folder.resolve("target/beelms-release");
    }

    ReleaseRecords records() {
      return new ReleaseRecords(history, output);
    }

    GateResult deploy(DeployWorld world, Environment environment, String version, String actor,
        Optional<String> breakLock, Clock clock) throws Exception {
      Deployment deployment = new Deployment(world.deploySettings(environment, version, null), records(),
          world.rollout(Duration.ofSeconds(10)));
      LockedGate.Settings settings = new LockedGate.Settings(environment.name(), actor, version,
          Duration.ofMinutes(30), breakLock, true, true);
      return new LockedGate(deployment, settings,
          EnvironmentLocks.of(clone.getRepository(), "origin", Optional.empty(), Duration.ofSeconds(10)),
          new ReleaseRecordSync(clone.getRepository(), "origin", Optional.empty(), Duration.ofSeconds(30)),
          records(), clock).check(ReleaseListener.NONE);
    }

    @Override
    public void close() {
      history.close();
      clone.close();
    }
  }

  private static String messages(GateResult result) {
    return String.join("\n", result.findings().stream().map(Finding::message).toList());
  }

  private static String health(DeployWorld world) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(world.apiUrl() + "/health"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void ofTwoDeploysToOneEnvironmentExactlyOneRunsAndTagServerAndRecordAgree(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("world"), registry)) {
      ReleaseRecord v1 = world.release("0.1.0");
      ReleaseRecord v2 = world.release("0.2.0");
      // The hook takes a while, as a real platform does: the second deploy arrives while it runs.
      Environment staging = world.environment("staging", "staging", "sleep 2 && " + world.startingHook(), "");
      String url = bareRemote(world, work);
      try (Runner a = new Runner(url, work.resolve("a")); Runner b = new Runner(url, work.resolve("b"))) {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<GateResult> results = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        try {
          List<Callable<Object[]>> deploys = List.of(
              () -> { together.await(); long t = System.nanoTime();
                GateResult r = a.deploy(world, staging, "v0.1.0", "anna", Optional.empty(), Clock.systemUTC());
                return new Object[] {r, (System.nanoTime() - t) / 1_000_000}; },
              () -> { together.await(); long t = System.nanoTime();
                GateResult r = b.deploy(world, staging, "v0.2.0", "bob", Optional.empty(), Clock.systemUTC());
                return new Object[] {r, (System.nanoTime() - t) / 1_000_000}; });
          for (Future<Object[]> f : pool.invokeAll(deploys)) {
            results.add((GateResult) f.get()[0]);
            millis.add((Long) f.get()[1]);
          }
        } finally {
          pool.shutdownNow();
        }
        List<GateResult> passed = results.stream().filter(r -> r.status() == GateStatus.PASSED).toList();
        List<GateResult> failed = results.stream().filter(GateResult::failed).toList();
        assertEquals(1, passed.size(), results.stream().map(LockedDeployTest::messages).toList().toString());
        assertEquals(1, failed.size());
        String refusal = messages(failed.get(0));
        assertTrue(refusal.contains("environment staging is locked by "), refusal);
        assertTrue(refusal.contains("(deploy v0.") && refusal.contains(") since "), refusal);
        // The refused one failed fast (the winner's hook alone sleeps 2 s).
        long refusedMillis = millis.get(results.indexOf(failed.get(0)));
        assertTrue(refusedMillis < 5_000, "refused after " + refusedMillis + " ms");

        ReleaseRecord winner = refusal.contains("locked by bob") ? v2 : v1;
        assertEquals(1, world.hookCalls().size(), world.hookCalls().toString());
        assertEquals(Optional.of(winner.image().digest()), world.tagDigest("staging"));
        assertTrue(health(world).contains("\"version\":\"" + winner.version() + "\""), health(world));
        // The records, as a third fresh runner sees them, say the same.
        try (Runner c = new Runner(url, work.resolve("c"))) {
          new ReleaseRecordSync(c.clone.getRepository(), "origin", Optional.empty(), Duration.ofSeconds(30)).fetch();
          List<DeploymentEntry> entries = new ArrayList<>();
          for (ReleaseRecord r : c.records().tagged()) {
            entries.addAll(ReleaseRecords.deployments(r));
          }
          assertEquals(1, entries.size(), entries.toString());
          assertEquals(winner.tag(), entries.get(0).tag());
          assertEquals("deployed", entries.get(0).outcome());
        }
      }
    }
  }

  @Test
  void productionFromAnotherCloneSeesTheStagingPassWithoutAManualPush(LoopbackRegistry registry) throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("world"), registry)) {
      world.release("0.1.0");
      String url = bareRemote(world, work);
      try (Runner a = new Runner(url, work.resolve("a")); Runner b = new Runner(url, work.resolve("b"))) {
        GateResult staged = a.deploy(world, world.environment("staging", "staging", world.startingHook(), ""),
            "v0.1.0", "ci-staging", Optional.empty(), Clock.systemUTC());
        assertEquals(GateStatus.PASSED, staged.status(), messages(staged));
        assertTrue(messages(staged).contains("pushed the release records to origin"), messages(staged));

        GateResult production = b.deploy(world, world.environment("production", "production", world.startingHook(), ""),
            "v0.1.0", "ci-production", Optional.empty(), Clock.systemUTC());

        assertEquals(GateStatus.PASSED, production.status(), messages(production));
        assertTrue(messages(production).contains("fetched the release records from origin"), messages(production));
        assertTrue(messages(production).contains("passed smoke on staging"), messages(production));
      }
    }
  }

  @Test
  void aDeployKilledHoldingTheLockBlocksUntilTheLockIsBrokenWithAReasonRecordedOnTheEntry(LoopbackRegistry registry)
      throws Exception {
    try (DeployWorld world = new DeployWorld(work.resolve("world"), registry)) {
      world.release("0.1.0");
      Environment staging = world.environment("staging", "staging", world.startingHook(), "");
      String url = bareRemote(world, work);
      try (Runner a = new Runner(url, work.resolve("a")); Runner b = new Runner(url, work.resolve("b"))) {
        // Runner A took the lock an hour ago and was killed (kill -9): nothing gave it back.
        // (The deploy world's clock, which its rollout writes the entries' times with, starts 2026-01-01.)
        Clock clock = world.clock();
        Instant killedAt = Instant.parse("2025-12-31T09:00:00Z");
        EnvironmentLocks.of(a.clone.getRepository(), "origin", Optional.empty(), Duration.ofSeconds(10))
            .acquire(new EnvironmentLock("staging", "anna on runner-a", "deploy", "v0.1.0", killedAt,
                killedAt.plus(Duration.ofMinutes(30)), ""), Optional.empty());

        GateResult blocked = b.deploy(world, staging, "v0.1.0", "bob", Optional.empty(), clock);
        assertEquals(GateStatus.FAILED, blocked.status());
        assertTrue(messages(blocked).contains("the lock expired at"), messages(blocked));
        assertTrue(messages(blocked).contains("-Dbeelms.deploy.breakLock"), messages(blocked));
        assertEquals(List.of(), world.hookCalls());

        GateResult taken = b.deploy(world, staging, "v0.1.0", "bob", Optional.of("runner-a was killed"), clock);

        assertEquals(GateStatus.PASSED, taken.status(), messages(taken));
        ReleaseRecord record = b.records().locate(Optional.of("v0.1.0"), "test").record();
        String broken = record.smoke().path("staging").path("deployments").get(0).path(LockedGate.LOCK_BROKEN).asText();
        assertTrue(broken.startsWith("runner-a was killed (took over the expired lock of anna on runner-a"), broken);
        // Given back at the end: the next deploy takes it without ceremony.
        assertEquals(List.of(), EnvironmentLocks.of(a.clone.getRepository(), "origin", Optional.empty(),
            Duration.ofSeconds(10)).held());
      }
    }
  }
}
