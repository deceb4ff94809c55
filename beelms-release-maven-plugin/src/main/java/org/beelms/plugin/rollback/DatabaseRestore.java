package org.beelms.plugin.rollback;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.release.ReleaseRecord;

/**
 * How an environment's database is restored from a backup before a rollback moves the image back:
 * the {@code <restoreCommand>} ({@link HookRestore}), or beelms core's admin backup API
 * ({@code org.beelms.plugin.backup}). An interface here so the rollback package does not depend on
 * the backup package, which builds on it.
 */
public interface DatabaseRestore {

  /** How it restores, for the plan (e.g. {@code the <restoreCommand>}); empty when the environment cannot. */
  Optional<String> via();

  /**
   * Why {@code backupId} must not be restored here (e.g. the core does not know it), asked before
   * anything moves; empty when it may.
   */
  Optional<String> refusal(String backupId) throws Exception;

  /**
   * Restores {@code backupId} and waits for it; when it fails nothing else moves.
   *
   * @param target the release rolled back to: the restored database should end at its newest migration
   * @param variables the hook variables of the rollback
   */
  Result restore(String backupId, ReleaseRecord target, Map<String, String> variables, ReleaseListener listener)
      throws Exception;

  /**
   * @param succeeded false stops the rollback before the image moves
   * @param findings what happened: the restore, and whether the migration history was verified
   */
  record Result(boolean succeeded, List<Finding> findings) {
    public Result {
      findings = List.copyOf(findings);
    }
  }
}
