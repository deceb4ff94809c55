package org.beelms.plugin.backup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.DatabaseRestore;
import org.beelms.plugin.rollback.Rollback;

/**
 * The restore through beelms core's admin backup API: the backup must be one the core lists (else
 * refused before anything moves); {@code POST /admin/backups/{id}/restore}, then its job is awaited,
 * bounded by {@code -Dbeelms.deploy.backupTimeout}.
 */
final class ApiRestore implements DatabaseRestore {

  private final AdminBackupApi api;
  private final String environment;
  private final Duration timeout;
  private final Duration poll;

  ApiRestore(AdminBackupApi api, String environment, Duration timeout, Duration poll) {
    this.api = api;
    this.environment = environment;
    this.timeout = timeout;
    this.poll = poll;
  }

  @Override
  public Optional<String> via() {
    return Optional.of("beelms core's admin backup API");
  }

  @Override
  public Optional<String> refusal(String backupId) throws Exception {
    try {
      Optional<AdminBackupApi.Listed> listed = api.find(backupId);
      if (listed.isEmpty()) {
        return Optional.of("backup " + backupId + " is not one the core of '" + environment + "' lists (GET"
            + " /api/admin/backups): an unknown id");
      }
      if (!listed.get().status().isEmpty() && !"ready".equals(listed.get().status())) {
        return Optional.of("backup " + backupId + " is '" + listed.get().status() + "', not ready, on '" + environment + "'");
      }
      return Optional.empty();
    } catch (BackupApiException e) {
      return Optional.of("cannot check backup " + backupId + ": " + e.getMessage());
    }
  }

  @Override
  public Result restore(String backupId, ReleaseRecord target, Map<String, String> variables, ReleaseListener listener)
      throws Exception {
    String where = "<environments>/<environment> '" + environment + "' <backup>api</backup>";
    listener.progress(Rollback.NAME, "restoring backup " + backupId + " through the admin backup API of "
        + environment + " (waiting up to " + timeout.toSeconds() + " s)");
    try {
      String jobId = api.startRestore(backupId);
      AdminBackupApi.Job job = api.await(jobId, timeout, poll);
      if (!job.done()) {
        return new Result(false, List.of(Finding.error(
            "the restore job " + jobId + " of backup " + backupId + " failed: " + job.error() + "; the image was"
                + " not moved, but the database may be partly restored", where,
            "check the core's log and its database; restore by hand or fix forward, then run the rollback again")));
      }
      return new Result(true, List.of(Finding.info(
          "restored backup " + backupId + " through the admin backup API (job " + jobId + ")", where)));
    } catch (BackupApiException e) {
      return new Result(false, List.of(Finding.error(
          e.getMessage() + "; the image was not moved; the database may be partly restored if the job had started",
          where, "fix what the message names, check the database, then run the rollback again")));
    }
  }
}
