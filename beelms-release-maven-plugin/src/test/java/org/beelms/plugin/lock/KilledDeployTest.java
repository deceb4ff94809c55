package org.beelms.plugin.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.release.SharedRemote;
import org.beelms.plugin.status.NotesSync;
import org.beelms.plugin.status.StatusCheck;
import org.beelms.plugin.status.StatusSettings;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy killed with SIGKILL while it holds the lock (a JVM of its own, {@link LockHolder}):
 * the lock stays on the remote, {@code status} names it and, once expired, the command to break
 * it; breaking it with a reason lets the next deploy in.
 */
class KilledDeployTest {

  @TempDir Path work;

  @Test
  void aLockLeftByAKilledDeployExpiresAndStatusNamesTheCommandToBreakIt() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a"); Git b = remote.cloneAs("b")) {
      String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Process deploy = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
              LockHolder.class.getName(), a.getRepository().getWorkTree().toString(), "staging", "1500")
          .redirectErrorStream(true).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(deploy.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null && !line.equals("LOCKED")) {
          seen.append(line).append('\n');
        }
        assertEquals("LOCKED", line, seen.toString());
        deploy.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
        assertTrue(deploy.waitFor(20, TimeUnit.SECONDS));
        assertEquals(137, deploy.exitValue(), "killed by SIGKILL");
      }
      // The lock it held is still on the remote.
      assertTrue(remote.repository().exactRef("refs/beelms-release/locks/staging") != null);
      Thread.sleep(1600); // past its expiry

      GateResult status = status(b);
      String lines = String.join("\n", status.findings().stream().map(Finding::message).toList());
      assertTrue(lines.contains("deploy in progress on staging: deploy by runner-killed"), lines);
      assertTrue(lines.contains("EXPIRED: if that run is gone (killed), take the lock over with mvn beelms:deploy"
          + " -Dtarget=staging -Dbeelms.deploy.breakLock=\"<reason>\""), lines);
      String board = Files.readString(work.resolve("out/board.md"));
      assertTrue(board.contains("**deploy in progress**: staging: deploy by runner-killed"), board);

      EnvironmentLock taken = EnvironmentLocks.of(b.getRepository(), "origin", Optional.empty(), Duration.ofSeconds(10))
          .acquire(EnvironmentLocksTest.lock("staging", "bob", "v0.1.0", java.time.Instant.now()),
              Optional.of("the runner was killed"));
      assertTrue(taken.brokeLock().startsWith("the runner was killed (took over the expired lock of runner-killed"),
          taken.brokeLock());
    }
  }

  private GateResult status(Git clone) throws Exception {
    StatusSettings settings = new StatusSettings(List.of(), List.of(), Duration.ofSeconds(5), false, "origin", true,
        work.resolve("out"), Optional.empty());
    try (ReleaseHistory history = ReleaseHistory.open(clone.getRepository().getWorkTree().toPath())) {
      return new StatusCheck(settings, new ReleaseRecords(history, work.resolve("out")),
          new NotesSync(history.repository(), "origin", Optional.empty(), Duration.ofSeconds(5)),
          ledger -> new org.beelms.plugin.status.EnvironmentInspector(ledger,
              new org.beelms.plugin.image.ManifestCopy(Optional.empty(), true),
              new org.beelms.plugin.status.HealthProbe(Duration.ofSeconds(1))),
          Clock.systemUTC(),
          EnvironmentLocks.of(history.repository(), "origin", Optional.empty(), Duration.ofSeconds(5))::held)
          .check(ReleaseListener.NONE);
    }
  }
}
