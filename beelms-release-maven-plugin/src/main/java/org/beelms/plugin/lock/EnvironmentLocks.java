package org.beelms.plugin.lock;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.git.GitCredentials;
import org.beelms.plugin.release.ReleaseRecordSync;
import org.eclipse.jgit.lib.Repository;

/**
 * One deploy or rollback at a time per environment. With a remote (the one the release tag and
 * the records go to) the lock is a ref there, {@code refs/beelms-release/locks/<environment>},
 * created only if absent, so two runners on two machines exclude each other; without one, a file
 * in the repository's {@code .git}.
 */
public interface EnvironmentLocks {

  /** The ref (and file) prefix of the locks. */
  String PREFIX = "refs/beelms-release/locks/";

  /**
   * Takes the lock of {@code wanted.environment()}, without waiting.
   *
   * @param breakReason take over an expired lock, for this reason (recorded in the new lock);
   *     empty = never take over
   * @return the lock taken (with {@code brokeLock} set when it took over one)
   * @throws LockHeldException naming the holder, the goal, the version and since when, or why the
   *     lock could not be taken
   */
  EnvironmentLock acquire(EnvironmentLock wanted, Optional<String> breakReason) throws LockHeldException;

  /** Gives the lock back, if it is still {@code held}'s; says what happened. */
  String release(EnvironmentLock held);

  /** The locks held now, for {@code beelms:status}. */
  List<EnvironmentLock> held() throws LockHeldException;

  /** Where the locks are, for messages. */
  String where();

  /** The remote's locks when {@code remote} is configured (or a URL), else file locks in {@code .git}. */
  static EnvironmentLocks of(
      Repository repository, String remote, Optional<GitCredentials> credentials, Duration timeout) {
    boolean hasRemote = ReleaseRecordSync.isUrl(remote)
        || repository.getConfig().getString("remote", remote, "url") != null;
    return hasRemote
        ? new RemoteEnvironmentLocks(repository, remote, credentials, timeout)
        : new FileEnvironmentLocks(repository.getDirectory().toPath().resolve("beelms-release/locks"));
  }

  /** Checks that {@code environment} can name a lock ref. */
  static String refName(String environment) {
    String ref = PREFIX + environment;
    if (!Repository.isValidRefName(ref)) {
      throw new IllegalArgumentException(
          "the environment name '" + environment + "' cannot name a lock (" + ref + " is not a valid git"
              + " ref); rename the <environment> (letters, digits, '-', '_')");
    }
    return ref;
  }

  /** The message of a lock held by someone else, with what to do. */
  static String heldMessage(EnvironmentLock holder, EnvironmentLock wanted, String where, java.time.Instant now) {
    String command = "mvn beelms:" + wanted.goal() + " -Dtarget=" + wanted.environment()
        + " -Dbeelms.deploy.breakLock=\"<reason>\"";
    return "environment " + wanted.environment() + " is locked by " + holder.describe() + " (" + where + "); "
        + (holder.expiredAt(now)
            ? "the lock expired at " + holder.expires() + ": if that run is gone (killed), take it over with "
                + command
            : "another " + holder.goal() + " is running there: wait for it to finish (the lock expires at "
                + holder.expires() + "; once expired it can be taken over with " + command + ")")
        + "; nothing was moved";
  }
}
