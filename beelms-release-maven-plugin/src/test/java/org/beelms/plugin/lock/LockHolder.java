package org.beelms.plugin.lock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.jgit.api.Git;

/**
 * A deploy that takes the lock and then hangs, run in its own JVM by {@link KilledDeployTest} so
 * the test can kill it with SIGKILL ({@code kill -9}): nothing of it runs after that, no finally,
 * no shutdown hook.
 *
 * <p>Arguments: the clone's folder, the environment, the lock's time to live in milliseconds.
 */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (Git clone = Git.open(Path.of(args[0]).toFile())) {
      Instant now = Instant.now();
      EnvironmentLocks.of(clone.getRepository(), "origin", Optional.empty(), Duration.ofSeconds(10))
          .acquire(new EnvironmentLock(args[1], "runner-killed", "deploy", "v0.1.0", now,
              now.plusMillis(Long.parseLong(args[2])), ""), Optional.empty());
      System.out.println("LOCKED");
      System.out.flush();
      Thread.sleep(120_000);
    }
  }
}
