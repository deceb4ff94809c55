package org.beelms.plugin.rollback;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.deploy.Rollout;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;

/**
 * {@code beelms:rollback}, release plan 3.2 and 3.3: plans the return of one environment to an
 * earlier release (see {@link RollbackPlanner}), prints the plan, checks the target image is
 * still in the registry, and then, as the migrations allow, restores the database (restore hook
 * with the backup id) and puts the earlier release in place with post-rollback smoke ({@link
 * Rollout}). Nothing moves when the target is missing, the decision is a refusal, or it is a dry
 * run. The outcome is appended to the target's release record.
 */
public final class Rollback implements Gate {

  public static final String NAME = "rollback";

  private final RollbackSettings settings;
  private final ReleaseRecords records;
  private final Rollout rollout;
  private final DatabaseRestore restorer;

  /** Restores, when needed, through the environment's {@code <restoreCommand>}. */
  public Rollback(RollbackSettings settings, ReleaseRecords records, Rollout rollout) {
    this(settings, records, rollout, new HookRestore(settings.environment(), rollout.hooks()));
  }

  /** @param restorer how the database is restored when the plan says so */
  public Rollback(RollbackSettings settings, ReleaseRecords records, Rollout rollout, DatabaseRestore restorer) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.records = Objects.requireNonNull(records, "records");
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.restorer = Objects.requireNonNull(restorer, "restorer");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The plan, reading the environment tag's digest from the registry; nothing moves. */
  public RollbackPlan plan() throws Exception {
    Environment environment = settings.environment();
    if (environment.imageTag().isEmpty()) {
      throw new IllegalArgumentException(
          "<environments>/<environment> '" + environment.name() + "' has no <imageTag>: rollback moves"
              + " that tag; add e.g. <imageTag>" + environment.name() + "</imageTag>");
    }
    List<ReleaseRecord> all = records.tagged();
    ReleaseRecord newest =
        all.stream().filter(r -> r.image() != null).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(
                "no release tag (v*) with a release record and an image; release with mvn"
                    + " beelms:release-candidate -Dbeelms.image.to=registry first"));
    String environmentTag = newest.image().image() + ":" + environment.imageTag();
    String current =
        rollout.registry().digestOf(environmentTag)
            .orElseThrow(() -> new IllegalArgumentException(
                environmentTag + " does not exist: nothing was deployed to " + environment.name()
                    + " with beelms:deploy, so there is nothing to roll back"));
    RollbackPlan plan =
        RollbackPlanner.plan(
            environment, all, records.tagsWithoutRecord(), environmentTag, current, settings.to(),
            new RestoreChoice(settings.backupId(), settings.restore(), restorer.via()), settings.force());
    if (settings.trigger() == Trigger.AUTOMATIC) {
      plan = plan.withTargetChosenBy(
          "ran on " + environment.name() + " before the failed deploy of " + plan.current().tag());
    }
    return plan;
  }

  /**
   * What one rollback did, for whoever reports on it.
   *
   * @param result the gate's result
   * @param plan the plan it followed
   * @param rollout how far putting the target in place got; empty when nothing moved (target
   *     missing, refused, dry run, restore hook failed)
   */
  public record Outcome(GateResult result, RollbackPlan plan, Optional<Rollout.Result> rollout) {

    /** True when the environment tag was moved to the target. */
    public boolean moved() {
      return rollout.map(Rollout.Result::moved).orElse(false);
    }
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    return rollBack(listener).result();
  }

  /** Rolls back, as {@link #check}, and says what happened in detail. */
  public Outcome rollBack(ReleaseListener listener) throws Exception {
    Environment environment = settings.environment();
    RollbackPlan plan = plan();
    plan.lines().forEach(line -> listener.progress(NAME, line));
    List<Finding> findings = new ArrayList<>();
    ReleaseRecord target = plan.target();
    String where = "<environments>/<environment> '" + environment.name() + "'";

    if (!rollout.registry().exists(target.image().reference())) {
      findings.add(Finding.error(
          target.image().reference() + " (" + target.tag() + ") is no longer in the registry; nothing was"
              + " moved, " + environment.name() + " still runs " + plan.current().tag(),
          target.image().reference(),
          "roll back to another release with -Dbeelms.rollback.to=v…, or re-publish " + target.tag()
              + " (check the registry's retention/garbage collection)"));
      return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), plan, Optional.empty());
    }
    findings.add(Finding.info(target.tag() + " is in the registry (" + target.image().reference() + ")",
        target.image().reference()));
    if (!plan.decision().allowed()) {
      findings.add(Finding.error(
          plan.decision().reason() + "; nothing was moved, " + environment.name() + " still runs "
              + plan.current().tag(), where,
          plan.decision().kind() == RollbackDecision.Kind.MIGRATIONS_UNKNOWN
              ? "check the migrations of the releases named (mvn beelms:migrations-check at their tag)"
                  + " and record them again; or, knowing the risk, roll back with "
                  + RollbackDecision.FORCE + "=<reason> (recorded in the rollback entry)"
              : "ship a forward fix (a new release whose migration repairs the schema); or, with a"
                  + " planned backup, give -Dbeelms.rollback.backupId=<id> and a <restoreCommand> in "
                  + where));
      return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), plan, Optional.empty());
    }
    if (plan.decision().kind() == RollbackDecision.Kind.RESTORE_AND_IMAGE_ROLLBACK) {
      // Before anything moves, also in a dry run: a backup the core does not know is refused.
      Optional<String> refused = restorer.refusal(plan.restore().backupId().orElseThrow());
      if (refused.isPresent()) {
        findings.add(Finding.error(
            refused.get() + "; nothing was moved, " + environment.name() + " still runs " + plan.current().tag(),
            where, "give a backup the environment's core lists (-Dbeelms.rollback.backupId=<id>), or"
                + " -Dbeelms.rollback.restore=true for the one the last deploy took"));
        return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), plan, Optional.empty());
      }
    }
    if (settings.dryRun()) {
      findings.add(Finding.info(
          "dry run (-Dbeelms.dryRun=true): the plan above was not carried out; nothing was moved", ""));
      return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), plan, Optional.empty());
    }

    Map<String, String> extra = new java.util.LinkedHashMap<>();
    extra.put("ROLLBACK_FROM_TAG", plan.current().tag());
    extra.put("ROLLBACK_FROM_VERSION", plan.current().version());
    extra.put("ROLLBACK_FROM_DIGEST", plan.current().image().digest());
    String backupId = "";
    if (plan.decision().kind() == RollbackDecision.Kind.RESTORE_AND_IMAGE_ROLLBACK) {
      backupId = plan.restore().backupId().orElseThrow();
      extra.put("BACKUP_ID", backupId);
      Map<String, String> vars = Rollout.variables(target, environment, NAME);
      vars.putAll(extra);
      DatabaseRestore.Result restored = restorer.restore(backupId, target, vars, listener);
      findings.addAll(restored.findings());
      if (!restored.succeeded()) {
        return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), plan, Optional.empty());
      }
    }

    Rollout.Result result = rollout.apply(NAME, target, environment, extra, listener);
    findings.addAll(result.findings());
    if (result.moved()) {
      DeploymentEntry entry =
          new DeploymentEntry(
              NAME, environment.name(), environment.modeName(), target.version(), target.tag(),
              target.image().digest(), settings.actor(), rollout.clock().instant(), result.outcome(),
              result.smokeStatus(), plan.decision().forced(), plan.current().tag(), plan.decision().kind().label(), backupId)
              .withTrigger(settings.trigger().label())
              .withTiers(result.tiers())
              .withIdentity(result.identity())
              .withVerification(result.verification())
              .withBackup(backupId.isEmpty() ? Optional.empty() : Optional.of(plan.restore().backup()
                  .orElse(new org.beelms.plugin.deploy.DeploymentBackup("", backupId, "", -1, ""))));
      records.append(target, entry, result.smokeReport());
      findings.add(Finding.info(
          "recorded: " + settings.trigger().label() + " rollback from " + plan.current().tag() + " to " + target.tag() + " ("
              + plan.decision().kind().label() + entry.backup().map(b -> ", restored " + b.describe()).orElse("")
              + "), smoke " + entry.smoke() + " (" + entry.tiers().describe()
              + "), by " + entry.by() + "; identity: " + org.beelms.plugin.deploy.Deployment.identityLabel(entry),
          "git note of " + target.tag()));
    }
    return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), plan, Optional.of(result));
  }

}
