package org.beelms.plugin.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.beelms.plugin.release.SharedRemote;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environment locks on a real bare repository as the remote, taken from two clones; and file locks. */
class EnvironmentLocksTest {

  @TempDir Path work;

  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  static EnvironmentLock lock(String environment, String holder, String version, Instant since) {
    return new EnvironmentLock(environment, holder, "deploy", version, since, since.plus(EnvironmentLock.DEFAULT_TIMEOUT), "");
  }

  static EnvironmentLocks locks(Git clone) {
    return EnvironmentLocks.of(clone.getRepository(), "origin", Optional.empty(), Duration.ofSeconds(10));
  }

  @Test
  void ofTwoRunnersAtOnceExactlyOneGetsTheLockAndTheOtherIsToldWhoHoldsIt() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a"); Git b = remote.cloneAs("b")) {
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Object> outcomes = new ArrayList<>();
      try {
        List<Callable<EnvironmentLock>> takes = List.of(
            () -> { together.await(); return locks(a).acquire(lock("staging", "anna", "v0.1.0", NOW), Optional.empty()); },
            () -> { together.await(); return locks(b).acquire(lock("staging", "bob", "v0.2.0", NOW), Optional.empty()); });
        for (Future<EnvironmentLock> take : pool.invokeAll(takes)) {
          try {
            outcomes.add(take.get());
          } catch (java.util.concurrent.ExecutionException e) {
            outcomes.add(e.getCause());
          }
        }
      } finally {
        pool.shutdownNow();
      }
      List<EnvironmentLock> taken = outcomes.stream().filter(EnvironmentLock.class::isInstance).map(EnvironmentLock.class::cast).toList();
      List<LockHeldException> refused = outcomes.stream().filter(LockHeldException.class::isInstance).map(LockHeldException.class::cast).toList();
      assertEquals(1, taken.size(), outcomes.toString());
      assertEquals(1, refused.size(), outcomes.toString());
      EnvironmentLock winner = taken.get(0);
      String message = refused.get(0).getMessage();
      assertTrue(message.contains("environment staging is locked by " + winner.holder()), message);
      assertTrue(message.contains("(deploy " + winner.version() + ") since " + NOW), message);
      assertTrue(message.contains("nothing was moved"), message);

      // The lock is a ref on the remote, pointing at a commit that says who holds it.
      assertTrue(remote.repository().exactRef("refs/beelms-release/locks/staging") != null);
      assertEquals(List.of(winner), locks(a).held());

      // Another environment is not blocked.
      EnvironmentLock production = locks(b).acquire(lock("production", "bob", "v0.1.0", NOW), Optional.empty());
      assertEquals("production", production.environment());

      String released = locks(a).release(winner);
      assertTrue(released.startsWith("released the lock of staging"), released);
      assertNull(remote.repository().exactRef("refs/beelms-release/locks/staging"));
      // Now the other runner gets it.
      locks(b).acquire(lock("staging", "bob", "v0.2.0", NOW.plusSeconds(60)), Optional.empty());
    }
  }

  @Test
  void anExpiredLockIsTakenOverOnlyWithAReason() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a"); Git b = remote.cloneAs("b")) {
      // A deploy killed (kill -9) an hour ago: its lock stays, and has expired.
      EnvironmentLock killed = locks(a).acquire(lock("staging", "anna", "v0.1.0", NOW.minus(Duration.ofHours(1))), Optional.empty());

      LockHeldException refused = assertThrows(LockHeldException.class,
          () -> locks(b).acquire(lock("staging", "bob", "v0.2.0", NOW), Optional.empty()));
      assertTrue(refused.getMessage().contains("the lock expired at " + killed.expires()), refused.getMessage());
      assertTrue(refused.getMessage().contains("mvn beelms:deploy -Dtarget=staging -Dbeelms.deploy.breakLock=\"<reason>\""),
          refused.getMessage());

      EnvironmentLock taken = locks(b).acquire(lock("staging", "bob", "v0.2.0", NOW), Optional.of("runner died"));
      assertTrue(taken.brokeLock().startsWith("runner died (took over the expired lock of anna"), taken.brokeLock());
      assertEquals(List.of(taken), locks(a).held());
      // The killed run's lock is no longer its own: giving it back leaves the new one alone.
      assertTrue(locks(a).release(killed).contains("no longer ours"));
      assertEquals(List.of(taken), locks(a).held());
    }
  }

  @Test
  void aLockThatHasNotExpiredCannotBeBroken() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a"); Git b = remote.cloneAs("b")) {
      locks(a).acquire(lock("staging", "anna", "v0.1.0", NOW), Optional.empty());
      LockHeldException refused = assertThrows(LockHeldException.class,
          () -> locks(b).acquire(lock("staging", "bob", "v0.2.0", NOW.plusSeconds(60)), Optional.of("impatient")));
      assertTrue(refused.getMessage().startsWith("-Dbeelms.deploy.breakLock only takes over an expired lock"),
          refused.getMessage());
    }
  }

  @Test
  void withoutARemoteTheLockIsAFileInTheGitDirectory() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a")) {
      a.remoteRemove().setRemoteName("origin").call();
      EnvironmentLocks locks = locks(a);
      assertTrue(locks.where().startsWith("lock file in "), locks.where());
      EnvironmentLock held = locks.acquire(lock("staging", "anna", "v0.1.0", NOW), Optional.empty());
      Path file = a.getRepository().getDirectory().toPath().resolve("beelms-release/locks/staging.lock");
      assertTrue(Files.readString(file).contains("holder: anna"));

      LockHeldException refused = assertThrows(LockHeldException.class,
          () -> locks.acquire(lock("staging", "bob", "v0.2.0", NOW), Optional.empty()));
      assertTrue(refused.getMessage().contains("is locked by anna (deploy v0.1.0) since " + NOW), refused.getMessage());

      EnvironmentLock taken = locks.acquire(lock("staging", "bob", "v0.2.0", NOW.plus(Duration.ofHours(1))), Optional.of("stuck"));
      assertTrue(taken.brokeLock().startsWith("stuck"), taken.brokeLock());
      assertTrue(locks.release(held).contains("no longer ours"));
      assertTrue(locks.release(taken).startsWith("released"));
      assertTrue(Files.notExists(file));
    }
  }

  @Test
  void anEnvironmentNameThatCannotNameARefIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EnvironmentLocks.refName("stag..ing"));
    assertTrue(e.getMessage().contains("'stag..ing'"), e.getMessage());
  }
}
