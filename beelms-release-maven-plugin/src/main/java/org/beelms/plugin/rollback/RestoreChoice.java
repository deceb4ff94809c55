package org.beelms.plugin.rollback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.deploy.DeploymentBackup;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.release.ReleaseRecord;

/**
 * Which backup a rollback over a contract migration would restore, and whether it may: a backup id
 * given with {@code -Dbeelms.rollback.backupId}, or the one the deploy being undone recorded
 * ({@code backup} on its deployment entry), used only with {@code -Dbeelms.rollback.restore=true}.
 * Never implicit.
 *
 * @param backupId {@code -Dbeelms.rollback.backupId}; empty when not given
 * @param confirmed {@code -Dbeelms.rollback.restore=true}
 * @param via how the environment restores, e.g. {@code the <restoreCommand>} or {@code beelms core's admin
 *     backup API}; empty when it cannot
 */
public record RestoreChoice(Optional<String> backupId, boolean confirmed, Optional<String> via) {

  public RestoreChoice {
    backupId = backupId == null ? Optional.empty() : backupId.map(String::trim).filter(s -> !s.isEmpty());
    via = via == null ? Optional.empty() : via;
  }

  /** The restore hook alone (the behaviour before backups were taken by deploy). */
  public static RestoreChoice hook(Optional<String> backupId, boolean restoreCommand) {
    return new RestoreChoice(backupId, false, restoreCommand ? Optional.of("the <restoreCommand>") : Optional.empty());
  }

  /**
   * What the choice comes to on {@code environment}, running {@code current}.
   *
   * @param backupId the backup to restore; empty when none may be used
   * @param backup what the records say of it (kind, sha256, size, time); empty when they do not know it
   * @param offered the backup the deploy of {@code current} recorded, offered when not confirmed
   * @param refusal why the backup must not be used (taken on another environment); empty when it may
   */
  public record Resolved(Optional<String> backupId, Optional<DeploymentBackup> backup,
      Optional<DeploymentBackup> offered, Optional<String> refusal, Optional<String> via) {
  }

  public Resolved resolve(String environment, List<ReleaseRecord> records, ReleaseRecord current) {
    Optional<DeploymentBackup> offered = recordedBy(environment, records, current);
    Optional<String> id = backupId.isPresent() ? backupId : confirmed ? offered.map(DeploymentBackup::id) : Optional.empty();
    if (id.isEmpty()) {
      return new Resolved(Optional.empty(), Optional.empty(), offered, Optional.empty(), via);
    }
    List<DeploymentEntry> takenWith = new ArrayList<>();
    for (ReleaseRecord r : records) {
      ReleaseRecords.deployments(r).stream()
          .filter(e -> e.backup().map(b -> b.id().equals(id.get())).orElse(false))
          .forEach(takenWith::add);
    }
    Optional<DeploymentEntry> here = takenWith.stream().filter(e -> e.environment().equals(environment)).findFirst();
    Optional<DeploymentBackup> known = (here.isPresent() ? here : takenWith.stream().findFirst())
        .flatMap(DeploymentEntry::backup);
    Optional<String> refusal = Optional.empty();
    if (here.isEmpty() && !takenWith.isEmpty()) {
      DeploymentEntry elsewhere = takenWith.get(0);
      refusal = Optional.of("backup " + id.get() + " was taken on environment '" + elsewhere.environment()
          + "' (before the " + elsewhere.action() + " of " + elsewhere.tag() + " at " + elsewhere.at() + "), not on '"
          + environment + "': restoring it here would replace " + environment + "'s data with " + elsewhere.environment()
          + "'s");
    }
    return new Resolved(id, known, offered, refusal, via);
  }

  /** The backup the newest deploy of {@code current} to {@code environment} took. */
  static Optional<DeploymentBackup> recordedBy(String environment, List<ReleaseRecord> records, ReleaseRecord current) {
    return records.stream()
        .filter(r -> r.tag().equals(current.tag()))
        .flatMap(r -> ReleaseRecords.deployments(r).stream())
        .filter(e -> e.environment().equals(environment) && "deploy".equals(e.action()) && e.backup().isPresent())
        .filter(e -> current.image() == null || e.digest().equals(current.image().digest()))
        .max(Comparator.comparing(DeploymentEntry::at))
        .flatMap(DeploymentEntry::backup);
  }
}
