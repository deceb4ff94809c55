package org.beelms.plugin.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.release.SharedRemote;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate that throws inside the lock (a broken environment, not a failed gate): the lock is given
 * back and what happened to it (taken over, released) still reaches the log, although no result
 * carries it. A real remote (bare JGit repository) holds the lock ref.
 */
class LockedGateTest {

  @TempDir Path work;

  @Test
  void whenTheGateThrowsTheLockIsGivenBackAndItsLinesAreLogged() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git clone = remote.cloneAs("a");
        ReleaseHistory history = ReleaseHistory.open(clone.getRepository().getWorkTree().toPath())) {
      // A run killed holding the lock left it behind, expired: this run takes it over with a reason.
      Instant now = Instant.now();
      EnvironmentLocksTest.locks(clone).acquire(new EnvironmentLock("staging", "runner-killed", "deploy", "v0.1.0",
          now.minusSeconds(120), now.minusSeconds(60), ""), Optional.empty());
      Gate broken = new Gate() {
        @Override
        public String name() {
          return "deploy";
        }

        @Override
        public GateResult check(ReleaseListener listener) {
          throw new IllegalStateException("the registry client could not start");
        }
      };
      List<Finding> logged = new CopyOnWriteArrayList<>();
      ReleaseListener log = new ReleaseListener() {
        @Override
        public void finding(String gate, Finding finding) {
          assertEquals("deploy", gate);
          logged.add(finding);
        }
      };
      LockedGate locked = new LockedGate(broken,
          new LockedGate.Settings("staging", "bob", "0.1.0", Duration.ofMinutes(30),
              Optional.of("the runner was killed"), true, true),
          EnvironmentLocksTest.locks(clone), SharedRemote.sync(clone, "origin"),
          new ReleaseRecords(history, work.resolve("out")), Clock.systemUTC());

      IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> locked.check(log));

      assertEquals("the registry client could not start", thrown.getMessage(), "the gate's exception, unchanged");
      assertNull(remote.repository().exactRef(EnvironmentLocks.PREFIX + "staging"), "the lock was given back");
      String lines = String.join("\n", logged.stream().map(f -> f.severity() + " " + f.message()).toList());
      assertTrue(lines.contains("WARNING took over the lock of staging: the runner was killed (took over the expired"
          + " lock of runner-killed"), lines);
      assertTrue(lines.contains("INFO released the lock of staging (" + EnvironmentLocks.PREFIX + "staging)"), lines);
      assertTrue(logged.stream().noneMatch(f -> f.severity() == Severity.ERROR), lines);
    }
  }
}
