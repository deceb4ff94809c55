package org.beelms.plugin.rollback;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.deploy.HookResult;
import org.beelms.plugin.deploy.HookRunner;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;

/** The restore through the environment's {@code <restoreCommand>}, given {@code BACKUP_ID}. */
public final class HookRestore implements DatabaseRestore {

  private final Environment environment;
  private final HookRunner hooks;

  public HookRestore(Environment environment, HookRunner hooks) {
    this.environment = environment;
    this.hooks = hooks;
  }

  @Override
  public Optional<String> via() {
    return environment.restoreCommand().isEmpty() ? Optional.empty() : Optional.of("the <restoreCommand>");
  }

  @Override
  public Optional<String> refusal(String backupId) {
    return Optional.empty();
  }

  @Override
  public Result restore(String backupId, ReleaseRecord target, Map<String, String> variables, ReleaseListener listener)
      throws IOException {
    String where = "<environments>/<environment> '" + environment.name() + "' <restoreCommand>";
    listener.progress(Rollback.NAME, "running the <restoreCommand> of " + environment.name() + " with backup " + backupId);
    HookResult restore = hooks.run(environment.name() + "-restore-hook", environment.restoreCommand(), variables);
    if (!restore.succeeded()) {
      return new Result(false, List.of(Finding.error(
          "the restore hook " + restore.describe() + "; the image was not moved (" + environment.name()
              + " still runs the release it ran) but the database may be partly restored", where,
          "check the restore log and the database; restore backup " + backupId + " by hand or fix"
              + " forward, then run the rollback again")));
    }
    return new Result(true, List.of(Finding.info("restore hook " + restore.describe(), where)));
  }
}
