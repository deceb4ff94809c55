package org.beelms.plugin.rollout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.deploy.DeploySettings;
import org.beelms.plugin.deploy.Deployment;
import org.beelms.plugin.deploy.StagingPass;
import org.beelms.plugin.deploy.BeforeMove;
import org.beelms.plugin.deploy.DeploymentBackup;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.deploy.Rollout;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.image.ImageException;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.rollback.DatabaseRestore;
import org.beelms.plugin.rollback.HookRestore;
import org.beelms.plugin.rollback.Rollback;
import org.beelms.plugin.rollback.RollbackDecision;
import org.beelms.plugin.rollback.RollbackPlan;
import org.beelms.plugin.rollback.RollbackPlanner;
import org.beelms.plugin.rollback.RollbackSettings;
import org.beelms.plugin.rollback.Trigger;
import org.beelms.plugin.smoke.Environment;
import org.beelms.smoke.config.SmokeMode;

/**
 * {@code beelms:deploy} with its failure handled (release plan 3: a failed deploy is rolled back
 * to the previous image, forward fix preferred where migrations make going back unsafe). It runs
 * the {@link Deployment}; when a step after the environment tag moved fails (deploy hook, health
 * wait, post-deploy smoke) and {@link OnFailure#ROLLBACK} is set, the same run rolls the
 * environment back to the release whose digest the tag had before, through the {@link Rollback}
 * (so its planner decides: an image rollback over expand migrations goes ahead, a contract
 * migration or anything else it refuses does not, and the run says why and what to do). It never
 * rolls back twice: a failing rollback stops the run and both failures are reported with where the
 * tag points. The deployment entry gets {@code rolledBack: true} when the tag went back; the
 * rollback entry says {@code trigger: automatic}. The result is FAILED whatever the rollback did:
 * the release did not go out. After any failure the {@code <notifyCommand>} runs ({@link
 * NotifyHook}).
 *
 * <p>It lives above {@code deploy} and {@code rollback} (rollback depends on deploy), so neither
 * depends on the other's orchestration and there is no package cycle.
 */
public final class GuardedDeployment implements Gate {

  private final DeploySettings settings;
  private final OnFailureSettings failure;
  private final ReleaseRecords records;
  private final Rollout rollout;
  private final NotifyHook notifier;
  private final BeforeMove beforeMove;
  private final DatabaseRestore restorer;

  public GuardedDeployment(
      DeploySettings settings, OnFailureSettings failure, ReleaseRecords records, Rollout rollout) {
    this(settings, failure, records, rollout, BeforeMove.NOTHING,
        new HookRestore(settings.environment(), rollout.hooks()));
  }

  /**
   * @param beforeMove the database backup taken before the tag moves
   * @param restorer how an automatic rollback restores ({@code rollback-with-restore})
   */
  public GuardedDeployment(
      DeploySettings settings, OnFailureSettings failure, ReleaseRecords records, Rollout rollout,
      BeforeMove beforeMove, DatabaseRestore restorer) {
    this.beforeMove = Objects.requireNonNull(beforeMove, "beforeMove");
    this.restorer = Objects.requireNonNull(restorer, "restorer");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.failure = Objects.requireNonNull(failure, "failure");
    this.records = Objects.requireNonNull(records, "records");
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.notifier = new NotifyHook(rollout.hooks(), settings.recordDirectory());
  }

  @Override
  public String name() {
    return Deployment.NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    Deployment deployment = new Deployment(settings, records, rollout, beforeMove);
    if (failure.dryRun()) {
      return preview(deployment, listener);
    }
    Deployment.Outcome deployed = deployment.deploy(listener);
    if (!deployed.result().failed()) {
      return deployed.result();
    }
    Environment environment = settings.environment();
    ReleaseRecord release = deployed.release();
    String outcome = deployed.rollout().map(Rollout.Result::outcome).orElse("refused");
    List<Finding> findings = new ArrayList<>(deployed.result().findings());
    Optional<ReleaseRecord> previous = ranBefore(deployed.previousDigest(), deployed.entry());
    Notice notice = new Notice(release, outcome, previous);

    if (!deployed.failedAfterMove()) {
      notice.summary = "deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; nothing was moved";
      return finish(findings, notice, listener);
    }
    if (failure.onFailure() == OnFailure.STOP) {
      notice.summary = "deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; not rolled back (onFailure=stop)";
      return finish(findings, notice, listener);
    }
    String tagRef = Rollout.environmentTag(release, environment);
    String where = "-Dbeelms.deploy.onFailure=" + failure.onFailure().label();
    if (deployed.previousDigest().isEmpty() && previous.isEmpty()) {
      findings.add(Finding.error(
          "automatic rollback: nothing to go back to, " + tagRef + " did not exist before this deploy (the"
              + " first deploy to " + environment.name() + "); the tag stays at " + release.image().digest()
              + " (" + release.tag() + ")", where,
          "fix forward: deploy a release that passes smoke (mvn beelms:deploy -Dtarget=" + environment.name()
              + " -Dbeelms.deploy.version=v…), or stop the environment by hand"));
      notice.rollback = "not-possible";
      notice.summary = "first deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; nothing to roll back to";
      return finish(findings, notice, listener);
    }
    if (previous.isEmpty() || previous.get().tag().equals(release.tag())) {
      findings.add(Finding.error(
          "automatic rollback: " + tagRef + " pointed at " + deployed.previousDigest().orElse("?") + " before this"
              + " deploy, " + (previous.isEmpty() ? "which no release record knows" : "the same release")
              + ", so there is no earlier release to go back to; the tag stays at " + release.image().digest()
              + " (" + release.tag() + ")", where,
          "fix forward, or roll back by hand to a named release: mvn beelms:rollback -Dtarget="
              + environment.name() + " -Dbeelms.rollback.to=v…"));
      notice.rollback = "not-possible";
      notice.summary = "deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; no known earlier release to roll back to";
      return finish(findings, notice, listener);
    }

    ReleaseRecord target = previous.get();
    listener.progress(name(), "onFailure=rollback: the deploy " + outcome + "; rolling " + environment.name()
        + " back to " + target.tag() + ", which ran there before");
    // rollback-with-restore restores only the backup this same deploy took, never another one.
    Optional<DeploymentBackup> ownBackup = failure.onFailure() == OnFailure.ROLLBACK_WITH_RESTORE
        ? deployed.entry().flatMap(DeploymentEntry::backup) : Optional.empty();
    RollbackSettings back =
        new RollbackSettings(environment, Optional.of(target.tag()), ownBackup.map(DeploymentBackup::id), false,
            settings.actor(), Optional.empty(), Trigger.AUTOMATIC, false);
    Rollback.Outcome rolled;
    try {
      rolled = new Rollback(back, records, rollout, restorer).rollBack(listener);
    } catch (IllegalArgumentException e) {
      findings.add(Finding.error(
          "automatic rollback to " + target.tag() + " not possible: " + e.getMessage() + "; the tag stays at "
              + release.image().digest() + " (" + release.tag() + ")", where,
          "fix forward, or roll back by hand with mvn beelms:rollback -Dtarget=" + environment.name()));
      notice.rollback = "not-possible";
      notice.summary = "deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; automatic rollback to " + target.tag() + " not possible";
      return finish(findings, notice, listener);
    } catch (Exception e) {
      // The registry or a hook broke during the rollback: both failures are reported, no retry.
      findings.add(Finding.error(
          "the automatic rollback to " + target.tag() + " could not run (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + ") after the deploy of " + release.tag() + " " + outcome
              + "; stopped, no further rollback; " + state(tagRef), where,
          "check the registry and the environment by hand, then fix forward or run mvn beelms:rollback -Dtarget="
              + environment.name()));
      notice.rollback = "failed";
      notice.summary = "deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; the automatic rollback to " + target.tag() + " could not run";
      return finish(findings, notice, listener);
    }
    for (Finding f : rolled.result().findings()) {
      findings.add(new Finding(f.severity(), "automatic rollback: " + f.message(), f.where(), f.fix(), f.checklistId()));
    }
    RollbackDecision decision = rolled.plan().decision();
    notice.decision = decision.kind().label();
    if (rolled.moved()) {
      deployed.entry().ifPresent(entry -> records.markRolledBack(release, entry));
      notice.rollbackOutcome = rolled.rollout().map(Rollout.Result::outcome).orElse("");
    }
    String state = state(tagRef);
    if (!decision.allowed()) {
      findings.add(Finding.error(
          "not rolled back: " + decision.reason() + "; " + state, where,
          ownBackup.isEmpty() && failure.onFailure() == OnFailure.ROLLBACK_WITH_RESTORE
              ? "this deploy took no backup, so rollback-with-restore has none of its own to restore: configure"
                  + " <backup>api</backup> (or command) for " + environment.name() + " so the deploy takes one;"
                  + " meanwhile ship a forward fix"
              : "ship a forward fix (a new release whose migration repairs the schema), or a planned restore: mvn"
              + " beelms:rollback -Dtarget=" + environment.name() + " -Dbeelms.rollback.restore=true (the backup"
              + " the deploy took) or -Dbeelms.rollback.backupId=<backup id>, with <backup>api</backup> or a"
              + " <restoreCommand> in <environments>/<environment> '" + environment.name() + "'"));
      notice.rollback = "refused";
      notice.summary = "deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; not rolled back to " + target.tag() + " (" + decision.kind().label() + ")";
    } else if (rolled.result().failed()) {
      findings.add(Finding.error(
          "the automatic rollback to " + target.tag() + " failed as well"
              + rolled.rollout().map(r -> " (" + r.outcome() + ", smoke " + r.smokeStatus() + ")").orElse("")
              + " after the deploy of " + release.tag() + " " + outcome + "; stopped, no further rollback; "
              + state, where,
          "both failures are above; check the environment by hand before anything else (mvn beelms:smoke -Dtarget="
              + environment.name() + "), then fix forward or restore from a backup"));
      notice.rollback = "failed";
      notice.summary = "deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; the automatic rollback to " + target.tag() + " failed too";
    } else {
      findings.add(Finding.error(
          release.tag() + " did not go out: the deploy " + outcome + " and " + environment.name()
              + " was rolled back automatically to " + target.tag() + " (" + decision.kind().label()
              + ", post-rollback smoke PASSED); " + state, where,
          "fix the cause (see the deploy's findings above) and release again"));
      notice.rollback = "rolled-back";
      notice.summary = "deploy of " + release.tag() + " to " + environment.name() + " " + outcome
          + "; rolled back to " + target.tag() + restored(decision, ownBackup) + ", smoke PASSED";
    }
    return finish(findings, notice, listener);
  }

  /** " (restored backup … taken at …)" when the rollback restored this deploy's backup. */
  private static String restored(RollbackDecision decision, Optional<DeploymentBackup> backup) {
    if (decision.kind() != RollbackDecision.Kind.RESTORE_AND_IMAGE_ROLLBACK || backup.isEmpty()) {
      return "";
    }
    return " (restored backup " + backup.get().id() + " taken at "
        + (backup.get().createdAt().isEmpty() ? "an unknown time" : backup.get().createdAt()) + ")";
  }

  /** A dry run: what the deploy would move, and what it would do on failure; nothing moves. */
  private GateResult preview(Deployment deployment, ReleaseListener listener) throws Exception {
    Environment environment = settings.environment();
    ReleaseRecord release = deployment.release().record();
    String tagRef = Rollout.environmentTag(release, environment);
    List<Finding> findings = new ArrayList<>();
    StagingPass.Decision staged = StagingPass.decide(release);
    if (environment.mode() == SmokeMode.PRODUCTION && !staged.allowed()) {
      findings.add(Finding.info(settings.forceReason().isPresent()
          ? "would deploy to production without a staging pass of the " + staged.missingTiers() + " tier (forced: "
              + settings.forceReason().get() + ")"
          : "would be refused: " + release.tag() + " has no staging pass of the " + staged.missingTiers() + " tier",
          "release record of " + release.tag()));
    }
    Optional<String> current = rollout.registry().digestOf(tagRef);
    List<String> lines = new ArrayList<>();
    lines.add("dry run: would point " + tagRef + " at " + release.image().reference() + " (" + release.tag()
        + "; now " + current.orElse("not there") + "), run the deploy hook, wait for health, run post-deploy smoke");
    if (failure.onFailure() == OnFailure.STOP) {
      lines.add("on failure (onFailure=stop): stop and leave the tag at " + release.tag());
    } else if (current.isEmpty() && ranBefore(current, Optional.empty()).isEmpty()) {
      lines.add("on failure (onFailure=rollback): nothing to go back to (first deploy to " + environment.name()
          + "): leave the tag at " + release.tag() + " and fail");
    } else {
      Optional<ReleaseRecord> previous = ranBefore(current, Optional.empty());
      if (previous.isEmpty() || previous.get().tag().equals(release.tag())) {
        lines.add("on failure (onFailure=rollback): no earlier release to go back to (" + tagRef + " has "
            + current.orElse("?") + ", " + (previous.isEmpty() ? "which no release record knows" : "the same release")
            + "): leave the tag and fail");
      } else {
        try {
          List<ReleaseRecord> all = new ArrayList<>(records.tagged());
          if (all.stream().noneMatch(r -> r.tag().equals(release.tag()))) {
            all.add(release);
          }
          RollbackPlan plan =
              RollbackPlanner.plan(environment, all, records.tagsWithoutRecord(), tagRef, release.image().digest(),
                  Optional.of(previous.get().tag()), Optional.empty(), Optional.empty());
          plan = plan.withTargetChosenBy("runs on " + environment.name() + " now");
          lines.add("on failure (onFailure=rollback): " + (plan.decision().allowed()
              ? "roll back to " + previous.get().tag() + " and run post-rollback smoke:"
              : "not roll back (the planner refuses), say why and fail:"));
          plan.lines().stream().skip(1).forEach(l -> lines.add("  " + l.strip()));
        } catch (IllegalArgumentException e) {
          lines.add("on failure (onFailure=rollback): not roll back: " + e.getMessage());
        }
      }
    }
    if (!failure.notifyCommand().isEmpty()) {
      lines.add("on failure: run the <notifyCommand> of " + environment.name());
    }
    lines.forEach(l -> listener.progress(name(), l));
    findings.add(Finding.info(String.join("\n", lines) + "\nnothing was moved", "-Dbeelms.dryRun"));
    return GateResult.of(name(), Duration.ZERO, findings, Severity.ERROR);
  }

  /** Adds the notify hook's findings (after a failure) and returns the result. */
  private GateResult finish(List<Finding> findings, Notice notice, ReleaseListener listener) {
    GateResult result = GateResult.of(name(), Duration.ZERO, findings, Severity.ERROR);
    if (failure.notifyCommand().isEmpty()) {
      return result;
    }
    List<Finding> all = new ArrayList<>(findings);
    all.addAll(notifier.notify(failure.notifyCommand(), notice.build(), result, listener));
    return GateResult.of(name(), Duration.ZERO, all, Severity.ERROR);
  }

  /** "state: environment tag … points at … (v…)", read from the registry now. */
  private String state(String tagRef) {
    try {
      Optional<String> digest = rollout.registry().digestOf(tagRef);
      return "state: environment '" + settings.environment().name() + "' tag " + tagRef + " points at "
          + digest.map(d -> d + releaseWithDigest(d).map(r -> " (" + r.tag() + ")").orElse(""))
              .orElse("nothing (the tag is gone)");
    } catch (ImageException e) {
      return "state: cannot read " + tagRef + " (" + e.getMessage() + ")";
    }
  }

  /**
   * The release that ran on the environment before this deploy: the one whose digest the tag had;
   * when the tag did not exist, the last one the records say was put there (its image, and the tag
   * with it, may have been deleted from the registry: the rollback then says so); empty for a
   * first deploy.
   *
   * @param justRecorded this deploy's own entry, left out
   */
  private Optional<ReleaseRecord> ranBefore(Optional<String> digest, Optional<DeploymentEntry> justRecorded) {
    if (digest.isPresent()) {
      return releaseWithDigest(digest.get());
    }
    List<ReleaseRecord> all = records.tagged();
    return all.stream()
        .flatMap(r -> ReleaseRecords.deployments(r).stream())
        .filter(e -> e.environment().equals(settings.environment().name()))
        .filter(e -> justRecorded.map(j -> !(j.at().equals(e.at()) && j.digest().equals(e.digest()))).orElse(true))
        .max(Comparator.comparing(DeploymentEntry::at))
        .flatMap(e -> all.stream().filter(r -> r.tag().equals(e.tag())).findFirst());
  }

  private Optional<ReleaseRecord> releaseWithDigest(String digest) {
    return records.tagged().stream()
        .filter(r -> r.image() != null && digest.equals(r.image().digest()))
        .max(Comparator.comparing(ReleaseRecords::semanticVersion));
  }

  /** The notice being filled in as the failure is handled. */
  private final class Notice {
    final ReleaseRecord release;
    final String outcome;
    final Optional<ReleaseRecord> previous;
    String rollback = "none";
    String decision = "";
    String rollbackOutcome = "";
    String summary = "";

    Notice(ReleaseRecord release, String outcome, Optional<ReleaseRecord> previous) {
      this.release = release;
      this.outcome = outcome;
      this.previous = previous;
    }

    FailureNotice build() {
      Environment environment = settings.environment();
      FailureNotice.Release now = FailureNotice.Release.NONE;
      try {
        Optional<String> digest = rollout.registry().digestOf(Rollout.environmentTag(release, environment));
        if (digest.isPresent()) {
          now = releaseWithDigest(digest.get()).map(GuardedDeployment::noticed)
              .orElse(new FailureNotice.Release("", "", digest.get()));
        }
      } catch (ImageException e) {
        // unknown: left empty, the report says why
      }
      return new FailureNotice(
          Deployment.NAME, outcome, environment.name(), environment.url().toString(), noticed(release),
          previous.map(GuardedDeployment::noticed).orElse(FailureNotice.Release.NONE), failure.onFailure().label(),
          rollback, decision, rollbackOutcome, now, notifier.report(), summary, settings.actor());
    }
  }

  static FailureNotice.Release noticed(ReleaseRecord release) {
    return new FailureNotice.Release(release.version(), release.tag(), release.image().digest());
  }
}
