package org.beelms.plugin.deploy;

import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.release.ReleaseRecord;

/**
 * What a deploy does after its checks and before the environment tag moves (and so before the
 * deploy hook): take a database backup ({@code org.beelms.plugin.backup}). Kept as an interface
 * here so the deploy package does not depend on the backup package, which builds on it.
 */
@FunctionalInterface
public interface BeforeMove {

  /** Does nothing: no backup configured. */
  BeforeMove NOTHING = (release, running, listener) -> new Result(List.of(), Optional.empty(), false);

  /**
   * @param findings what happened (a refusal is an error naming the fix)
   * @param backup the backup taken, recorded on the deployment entry; empty when none was needed
   * @param stop true when the deploy must stop with nothing moved
   */
  record Result(List<Finding> findings, Optional<DeploymentBackup> backup, boolean stop) {
    public Result {
      findings = List.copyOf(findings);
    }
  }

  /**
   * @param release the release about to be deployed
   * @param running the release running on the environment now (whose digest the tag has); empty
   *     on a first deploy or when no record knows it
   */
  Result run(ReleaseRecord release, Optional<ReleaseRecord> running, ReleaseListener listener) throws Exception;
}
