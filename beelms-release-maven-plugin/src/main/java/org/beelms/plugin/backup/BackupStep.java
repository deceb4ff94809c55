package org.beelms.plugin.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.deploy.BeforeMove;
import org.beelms.plugin.deploy.Deployment;
import org.beelms.plugin.deploy.DeploymentBackup;
import org.beelms.plugin.deploy.HookResult;
import org.beelms.plugin.deploy.HookRunner;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.deploy.Rollout;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.PlannedMigration;
import org.beelms.plugin.rollback.RollbackPlanner;
import org.beelms.plugin.smoke.Environment;

/**
 * The backup a deploy takes before it moves the environment tag (and so before the deploy hook):
 * with {@code <backupBefore>contract</backupBefore>} only when the release brings a contract
 * migration compared with the release running there (or its migrations are not known); with
 * {@code always} every time. Through the admin backup API (job awaited, bounded) or the {@code
 * <backupCommand>} (its last line is the id). Any failure stops the deploy with nothing moved.
 */
final class BackupStep implements BeforeMove {

  private final Environment environment;
  private final BackupSettings settings;
  private final ReleaseRecords records;
  private final HookRunner hooks;
  private final Optional<AdminBackupApi> api;
  private final Clock clock;

  BackupStep(Environment environment, BackupSettings settings, ReleaseRecords records, HookRunner hooks,
      Optional<AdminBackupApi> api, Clock clock) {
    this.environment = environment;
    this.settings = settings;
    this.records = records;
    this.hooks = hooks;
    this.api = api;
    this.clock = clock;
  }

  @Override
  public Result run(ReleaseRecord release, Optional<ReleaseRecord> running, ReleaseListener listener)
      throws Exception {
    String where = "<environments>/<environment> '" + environment.name() + "' <backup>" + settings.kind().label()
        + "</backup>";
    Optional<String> why = settings.before() == BackupBefore.ALWAYS
        ? Optional.of("<backupBefore>always</backupBefore>")
        : contractReason(release, running);
    if (why.isEmpty()) {
      return new Result(List.of(Finding.info("no backup before this deploy: " + release.tag() + " brings no contract"
          + " migration over " + running.map(ReleaseRecord::tag).orElse("what runs there") + " (<backupBefore>contract"
          + "</backupBefore>)", where)), Optional.empty(), false);
    }
    String state = "nothing was moved, " + environment.name() + " still runs "
        + running.map(ReleaseRecord::tag).orElse("what it ran");
    listener.progress(Deployment.NAME, "backing up the database of " + environment.name() + " before the tag moves ("
        + why.get() + "), through " + (settings.kind() == BackupKind.API ? "the admin backup API" : "the <backupCommand>")
        + ", waiting up to " + settings.timeout().toSeconds() + " s");
    try {
      DeploymentBackup taken = settings.kind() == BackupKind.API ? throughApi() : throughCommand(release);
      return new Result(List.of(Finding.info("took " + taken.describe() + " before the tag moved (" + why.get() + ")",
          where)), Optional.of(taken), false);
    } catch (BackupApiException e) {
      return new Result(List.of(Finding.error("the backup before the deploy failed: " + e.getMessage() + "; " + state,
          where, "fix what the message names and deploy again; the deploy does not go ahead without the backup")),
          Optional.empty(), true);
    }
  }

  private DeploymentBackup throughApi() throws IOException, InterruptedException {
    AdminBackupApi client = api.orElseThrow();
    String jobId = client.startBackup();
    AdminBackupApi.Job job = client.await(jobId, settings.timeout(), settings.poll());
    if (!job.done()) {
      throw new BackupApiException("the backup job " + jobId + " failed: " + (job.error().isEmpty() ? "no reason given"
          : job.error()) + " (check the core's log: it runs pg_dump)");
    }
    String id = job.backupId().orElseThrow(() -> new BackupApiException(
        "the backup job " + jobId + " is done but names no backup id"));
    AdminBackupApi.Listed listed = client.find(id).orElseThrow(() -> new BackupApiException(
        "backup " + id + " (job " + jobId + ") is not in GET /api/admin/backups"));
    return new DeploymentBackup(BackupKind.API.label(), id, listed.sha256(), listed.sizeBytes(), listed.createdAt());
  }

  private DeploymentBackup throughCommand(ReleaseRecord release) throws IOException {
    Map<String, String> vars = Rollout.variables(release, environment, "backup");
    HookResult hook = hooks.run(environment.name() + "-backup-hook", settings.backupCommand(), vars);
    if (!hook.succeeded()) {
      throw new BackupApiException("the <backupCommand> " + hook.describe());
    }
    List<String> lines = Files.readAllLines(hook.log(), StandardCharsets.UTF_8).stream()
        .map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty() || !lines.get(lines.size() - 1).matches("[A-Za-z0-9._:+-]{1,200}")) {
      throw new BackupApiException("the <backupCommand> succeeded but its last line is not a backup id (letters,"
          + " digits, . _ : + -); print the id as the last line (log: " + hook.log() + ")");
    }
    return new DeploymentBackup(BackupKind.COMMAND.label(), lines.get(lines.size() - 1), "", -1,
        clock.instant().toString());
  }

  /** Why a backup is needed under {@code contract}: the contract migrations (or unknown ones) since what runs. */
  Optional<String> contractReason(ReleaseRecord release, Optional<ReleaseRecord> running) {
    if (running.isEmpty()) {
      if (release.flyway() == null || release.flyway().newMigrations() == null) {
        return Optional.of("the migrations of " + release.tag() + " are not known and no release record knows what"
            + " runs on " + environment.name());
      }
      return release.flyway().hasContractMigrations()
          ? Optional.of(release.tag() + " brings a contract migration") : Optional.empty();
    }
    List<ReleaseRecord> all = new ArrayList<>(records.tagged());
    if (all.stream().noneMatch(r -> r.tag().equals(release.tag()))) {
      all.add(release);
    }
    var from = ReleaseRecords.semanticVersion(running.get());
    var to = ReleaseRecords.semanticVersion(release);
    if (from.compareTo(to) >= 0) {
      return Optional.empty();
    }
    List<String> contract = RollbackPlanner.migrationsBetween(all, from, to, Optional.empty()).stream()
        .filter(PlannedMigration::contract).map(m -> "V" + m.version() + " " + m.file() + " (" + m.release() + ")")
        .toList();
    if (!contract.isEmpty()) {
      return Optional.of("contract migration(s) since " + running.get().tag() + ": " + String.join(", ", contract));
    }
    List<String> unknown = RollbackPlanner.migrationsUnknown(all, records.tagsWithoutRecord(), from, to);
    return unknown.isEmpty() ? Optional.empty()
        : Optional.of("migrations since " + running.get().tag() + " not known: " + String.join("; ", unknown));
  }
}
