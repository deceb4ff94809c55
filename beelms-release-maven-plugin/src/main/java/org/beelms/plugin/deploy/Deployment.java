package org.beelms.plugin.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.smoke.config.SmokeMode;

/**
 * {@code beelms:deploy}, release plan 2.4: puts a released image on one environment (see {@link
 * Rollout}), after checking that a production environment only receives a digest that passed
 * post-deploy smoke with both tiers (smoke and regression, see {@link StagingPass}) on a staging
 * environment (unless forced with a reason), and appends the
 * outcome to the release record.
 */
public final class Deployment implements Gate {

  public static final String NAME = "deploy";

  private final DeploySettings settings;
  private final ReleaseRecords records;
  private final Rollout rollout;
  private final BeforeMove beforeMove;

  public Deployment(DeploySettings settings, ReleaseRecords records, Rollout rollout) {
    this(settings, records, rollout, BeforeMove.NOTHING);
  }

  /** @param beforeMove runs after the checks, before the tag moves (the database backup) */
  public Deployment(DeploySettings settings, ReleaseRecords records, Rollout rollout, BeforeMove beforeMove) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.records = Objects.requireNonNull(records, "records");
    this.rollout = Objects.requireNonNull(rollout, "rollout");
    this.beforeMove = Objects.requireNonNull(beforeMove, "beforeMove");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    return deploy(listener).result();
  }

  /**
   * What one deploy did, for whoever acts on a failure ({@code -Dbeelms.deploy.onFailure}).
   *
   * @param result the gate's result
   * @param release the release deployed
   * @param previousDigest the digest the environment tag had before; empty when it did not exist
   *     (a first deploy)
   * @param rollout how far the rollout got; empty when nothing was tried (production refused)
   * @param entry the deployment entry recorded; empty when the tag did not move
   */
  public record Outcome(
      GateResult result,
      ReleaseRecord release,
      Optional<String> previousDigest,
      Optional<Rollout.Result> rollout,
      Optional<DeploymentEntry> entry) {

    /** True when the environment tag moved and a later step (hook, health, smoke) failed. */
    public boolean failedAfterMove() {
      return rollout.map(r -> r.moved() && !r.succeeded()).orElse(false);
    }
  }

  /** The entry's identity for the build log: the proof, {@code identity not verified}, or what was seen. */
  public static String identityLabel(DeploymentEntry entry) {
    String label = entry.identity().describe();
    return label.isEmpty() ? "not looked at" : label;
  }

  /** The release to deploy, checked to have an image in a registry; the environment to have a tag. */
  public ReleaseRecords.Located release() {
    var environment = settings.environment();
    if (environment.imageTag().isEmpty()) {
      throw new IllegalArgumentException(DeploySuggestions.noImageTag(environment.name()));
    }
    ReleaseRecords.Located located = records.locate(settings.version(), DeploySettings.VERSION_PROPERTY);
    ReleaseRecord release = located.record();
    if (release.image() == null || release.dryRun() || !"registry".equals(release.image().target())) {
      throw new IllegalArgumentException(DeploySuggestions.noImage(release.tag()));
    }
    return located;
  }

  /** Deploys, as {@link #check}, and says what happened in detail. */
  public Outcome deploy(ReleaseListener listener) throws Exception {
    var environment = settings.environment();
    ReleaseRecords.Located located = release();
    ReleaseRecord release = located.record();
    listener.progress(NAME, release.tag() + " (" + release.image().reference() + ") from "
        + located.origin() + " to " + environment.name() + " (" + environment.modeName() + ")");
    List<Finding> findings = new ArrayList<>();

    String forced = "";
    if (environment.mode() == SmokeMode.PRODUCTION) {
      StagingPass.Decision staged = StagingPass.decide(release);
      if (staged.allowed()) {
        DeploymentEntry pass = staged.pass().get();
        findings.add(Finding.info(
            release.image().digest() + " passed smoke on " + pass.environment() + " at " + pass.at()
                + " (by " + pass.by() + "; tiers: " + pass.tiers().describe() + ")",
            "release record of " + release.tag()));
      } else if (settings.forceReason().isPresent()) {
        forced = settings.forceReason().get();
        findings.add(Finding.warning(
            "forced: " + release.tag() + " goes to production without a staging pass of the "
                + staged.missingTiers() + " tier; reason recorded: " + forced,
            "-Dbeelms.deploy.force", ""));
      } else {
        String where = "release record of " + release.tag() + " (" + located.origin() + ")";
        findings.add(staged.closest().isEmpty()
            ? Finding.error(
                DeploySuggestions.notSmokedOnStaging(environment.name(), release.tag(), release.image().digest()),
                where, DeploySuggestions.notSmokedFix(release.tag()))
            : Finding.error(
                DeploySuggestions.tierMissingOnStaging(
                    environment.name(), release.tag(), release.image().digest(), staged),
                where, DeploySuggestions.tierMissingFix(release.tag())));
        return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), release,
            Optional.empty(), Optional.empty(), Optional.empty());
      }
    }

    Optional<String> previous = Optional.empty();
    String tagRef = Rollout.environmentTag(release, environment);
    try {
      previous = rollout.registry().digestOf(tagRef);
    } catch (org.beelms.plugin.image.ImageException e) {
      findings.add(Finding.warning(
          "cannot read what " + tagRef + " points at before the deploy: " + e.getMessage()
              + "; an automatic rollback would have no target", tagRef, ""));
    }
    Optional<ReleaseRecord> running = previous.flatMap(this::releaseWithDigest);
    BeforeMove.Result before = beforeMove.run(release, running, listener);
    findings.addAll(before.findings());
    if (before.stop()) {
      return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), release, previous,
          Optional.empty(), Optional.empty());
    }
    Rollout.Result result = rollout.apply(NAME, release, environment, Map.of(), listener);
    findings.addAll(result.findings());
    Optional<DeploymentEntry> recorded = Optional.empty();
    if (result.moved()) {
      DeploymentEntry entry =
          new DeploymentEntry(
              NAME, environment.name(), environment.modeName(), release.version(), release.tag(),
              release.image().digest(), settings.actor(), rollout.clock().instant(), result.outcome(),
              result.smokeStatus(), forced, "", "", "").withTiers(result.tiers()).withIdentity(result.identity())
              .withBackup(before.backup())
              .withVerification(result.verification());
      records.append(release, entry, result.smokeReport());
      recorded = Optional.of(entry);
      findings.add(Finding.info(
          "recorded: " + entry.action() + " " + entry.outcome() + entry.backup().map(b -> ", " + b.describe()).orElse("")
              + ", smoke " + entry.smoke() + " (" + entry.tiers().describe() + "), by " + entry.by() + "; identity: "
              + identityLabel(entry),
          "git note of " + release.tag()));
      if (environment.mode() == SmokeMode.STAGING && result.succeeded()
          && !StagingPass.REQUIRED.stream().allMatch(entry.tiers()::passedOrWaived)) {
        findings.add(Finding.warning(
            "production will refuse " + release.tag() + " (" + release.image().digest() + ") on the"
                + " strength of this deploy: " + entry.tiers().describe() + "; production needs smoke"
                + " and regression PASSED (or WAIVED) on staging", "<environments>/<environment> '"
                + environment.name() + "' <smokeTiers>",
            "run both tiers here (<smokeTiers>smoke,regression</smokeTiers>, the staging default) and"
                + " check why a tier did not pass"));
      }
    }
    return new Outcome(GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), release, previous,
        Optional.of(result), recorded);
  }

  /** The newest release whose image has {@code digest}. */
  private Optional<ReleaseRecord> releaseWithDigest(String digest) {
    return records.tagged().stream()
        .filter(r -> r.image() != null && digest.equals(r.image().digest()))
        .max(java.util.Comparator.comparing(ReleaseRecords::semanticVersion));
  }
}
