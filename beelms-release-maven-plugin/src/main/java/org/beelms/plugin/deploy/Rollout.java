package org.beelms.plugin.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.image.ImageException;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.identity.IdentityProof;
import org.beelms.plugin.identity.ReleaseIdentity;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;
import org.beelms.plugin.smoke.SmokeRecord;
import org.beelms.plugin.smoke.SmokeTiers;

/**
 * Puts one release in place on one environment, the part deploy and rollback share: the
 * environment tag is pointed at the release's digest by a manifest copy (verified), the deploy
 * hook runs, health is awaited (bounded, expecting the release's version), post-deploy smoke runs.
 * Each step runs only when the one before succeeded; the result says how far it got and what
 * state the environment is in.
 */
public final class Rollout {

  private final ManifestCopy registry;
  private final HookRunner hooks;
  private final HealthWait health;
  private final PostDeploySmoke smoke;
  private final Path recordDirectory;
  private final Clock clock;
  private final ImageAdmission admission;

  public Rollout(
      ManifestCopy registry,
      HookRunner hooks,
      HealthWait health,
      PostDeploySmoke smoke,
      Path recordDirectory,
      Clock clock) {
    this(registry, hooks, health, smoke, recordDirectory, clock, ImageAdmission.ANY);
  }

  /** As above, and {@code admission} decides before anything moves whether the image may run there. */
  public Rollout(
      ManifestCopy registry,
      HookRunner hooks,
      HealthWait health,
      PostDeploySmoke smoke,
      Path recordDirectory,
      Clock clock,
      ImageAdmission admission) {
    this.admission = Objects.requireNonNull(admission, "admission");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    this.health = Objects.requireNonNull(health, "health");
    this.smoke = Objects.requireNonNull(smoke, "smoke");
    this.recordDirectory = Objects.requireNonNull(recordDirectory, "recordDirectory");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The outcome of a rollout whose image the environment's verify key refused. */
  public static final String REFUSED = "verification-failed";

  public HookRunner hooks() {
    return hooks;
  }

  public Clock clock() {
    return clock;
  }

  public ManifestCopy registry() {
    return registry;
  }

  /**
   * How far a rollout got.
   *
   * @param moved true when the environment tag was pointed at the release
   * @param outcome {@link DeploymentEntry#DEPLOYED}, {@code promotion-failed}, {@code promotion-unverified}
     *     (the tag moved, the check after it failed), {@code hook-failed},
   *     {@code unhealthy} or {@code smoke-failed}
   * @param smokeStatus the smoke status ({@code SKIPPED} when it did not run)
   * @param smokeReport {@code smoke-<environment>.json} when smoke ran
   * @param findings what happened, errors naming the state and the next step
   * @param tiers each tier of the environment's {@code <smokeTiers>}: its outcome, {@code SKIPPED}
   *     when smoke did not run
   * @param identity what the health wait's identity check found last; {@link IdentityProof#UNKNOWN}
   *     when it did not run
   * @param verification what the environment's verify key checked before the move
   */
  public record Result(
      boolean moved,
      String outcome,
      String smokeStatus,
      Optional<Path> smokeReport,
      List<Finding> findings,
      SmokeTiers tiers,
      IdentityProof identity,
      ImageVerification verification) {

    public Result {
      tiers = tiers == null ? SmokeTiers.NONE : tiers;
      identity = identity == null ? IdentityProof.UNKNOWN : identity;
      verification = verification == null ? ImageVerification.NOT_RECORDED : verification;
    }

    /** A result whose verification is set afterwards ({@link #withVerification}). */
    public Result(boolean moved, String outcome, String smokeStatus, Optional<Path> smokeReport,
        List<Finding> findings, SmokeTiers tiers, IdentityProof identity) {
      this(moved, outcome, smokeStatus, smokeReport, findings, tiers, identity, ImageVerification.NOT_RECORDED);
    }

    /** The same result with what was verified before the move. */
    public Result withVerification(ImageVerification newVerification) {
      return new Result(moved, outcome, smokeStatus, smokeReport, findings, tiers, identity, newVerification);
    }

    /** A result from before the health wait: no identity looked at. */
    public Result(boolean moved, String outcome, String smokeStatus, Optional<Path> smokeReport,
        List<Finding> findings, SmokeTiers tiers) {
      this(moved, outcome, smokeStatus, smokeReport, findings, tiers, IdentityProof.UNKNOWN);
    }

    public boolean succeeded() {
      return DeploymentEntry.DEPLOYED.equals(outcome) && "PASSED".equals(smokeStatus);
    }
  }

  /** The environment tag of {@code release}'s repository, e.g. {@code 127.0.0.1:5000/beelms/core:staging}. */
  public static String environmentTag(ReleaseRecord release, Environment environment) {
    return release.image().image() + ":" + environment.imageTag();
  }

  /**
   * The variables every hook gets: {@code IMAGE}, {@code IMAGE_REFERENCE} (image@digest), {@code
   * IMAGE_TAG}, {@code DIGEST}, {@code VERSION}, {@code TAG}, {@code GIT_TAG}, {@code
   * ENVIRONMENT}, {@code ENVIRONMENT_URL}, {@code BEELMS_ACTION}.
   */
  public static Map<String, String> variables(
      ReleaseRecord release, Environment environment, String action) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("IMAGE", release.image().image());
    vars.put("IMAGE_REFERENCE", release.image().reference());
    vars.put("IMAGE_TAG", environmentTag(release, environment));
    vars.put("DIGEST", release.image().digest());
    vars.put("VERSION", release.version());
    vars.put("TAG", release.tag());
    vars.put("GIT_TAG", release.tag());
    vars.put("GIT_COMMIT", release.commit());
    vars.put("ENVIRONMENT", environment.name());
    vars.put("ENVIRONMENT_URL", environment.url().toString());
    vars.put("BEELMS_ACTION", action);
    return vars;
  }

  /** What identifies {@code release} where it runs: version, tag, commit and image digest. */
  public static ReleaseIdentity identityOf(ReleaseRecord release) {
    return new ReleaseIdentity(release.version(), release.tag(), release.commit(),
        release.image() == null ? "" : release.image().digest());
  }

  /**
   * Puts {@code release} in place on {@code environment}.
   *
   * @param gate the gate reporting progress ({@code deploy} or {@code rollback})
   * @param extraVariables added to the deploy hook's variables (rollback adds where it came from)
   */
  public Result apply(
      String gate,
      ReleaseRecord release,
      Environment environment,
      Map<String, String> extraVariables,
      ReleaseListener listener)
      throws IOException {
    List<Finding> findings = new ArrayList<>();
    String digest = release.image().digest();

    // 0. The image's signature and provenance, when the environment has a verify key.
    Optional<String> refused = admission.refusal(release, environment);
    if (refused.isPresent()) {
      findings.add(Finding.error(
          environment.name() + " refuses " + release.tag() + " (" + digest + "): " + refused.get()
              + "; nothing was moved", "<environments>/<environment> '" + environment.name() + "' <verifyKey>",
          "attest and sign the release with the key whose public half is the environment's <verifyKey>"
              + " (mvn beelms:attest), or release again"));
      return new Result(false, REFUSED, "SKIPPED", Optional.empty(), findings,
          SmokeTiers.notRun(environment.smokeTiers()));
    }
    ImageVerification verification = admission.admitted();
    if (verification.verified()) {
      findings.add(Finding.info(release.tag() + " (" + digest + "): " + verification.describe(),
          "<environments>/<environment> '" + environment.name() + "' <verifyKey>"));
    }
    return move(gate, release, environment, extraVariables, listener, findings).withVerification(verification);
  }

  /** Steps 1 to 4 of {@link #apply}, once the image is admitted. */
  private Result move(
      String gate,
      ReleaseRecord release,
      Environment environment,
      Map<String, String> extraVariables,
      ReleaseListener listener,
      List<Finding> findings)
      throws IOException {
    String tagRef = environmentTag(release, environment);
    String digest = release.image().digest();
    String state = DeploySuggestions.stateAfterFailure(environment.name(), tagRef, digest, release.tag());
    SmokeTiers notRun = SmokeTiers.notRun(environment.smokeTiers());

    // 1. Promotion: a manifest copy keeps the digest and moves no layer.
    try {
      listener.progress(gate, "pointing " + tagRef + " at " + release.image().reference());
      ManifestCopy.CopyResult copy = registry.copy(release.image().reference(), environment.imageTag());
      if (!copy.digest().equals(digest)) {
        findings.add(Finding.error(
            tagRef + " has digest " + copy.digest() + " after the copy, not " + digest + " of "
                + release.tag(), tagRef, "check the registry; do not deploy until the digests agree"));
        return new Result(true, "promotion-failed", "SKIPPED", Optional.empty(), findings, notRun);
      }
      findings.add(Finding.info(
          tagRef + " -> " + copy.digest() + " (" + release.tag() + "), manifest copy of " + copy.bytes()
              + " bytes, no layer moved", tagRef));
    } catch (ManifestCopy.UnverifiedPut e) {
      findings.add(Finding.error(
          tagRef + " was moved to " + release.tag() + " (" + e.digestSent() + ") but the move is unverified: "
              + e.getMessage() + "; state: environment '" + environment.name() + "' tag " + tagRef
              + " was put to " + e.digestSent() + " (" + release.tag() + "), not verified; nothing ran after it"
              + " (no deploy hook, health or smoke)", tagRef,
          "check what " + tagRef + " points at in the registry; " + DeploySuggestions.rollbackAdvice(environment.name())));
      return new Result(true, DeploymentEntry.PROMOTION_UNVERIFIED, "SKIPPED", Optional.empty(), findings, notRun);
    } catch (ImageException e) {
      findings.add(Finding.error(
          "cannot point " + tagRef + " at " + release.tag() + ": " + e.getMessage()
              + "; nothing was moved", tagRef,
          "check the registry and its credentials (<registryServerId> / -Dbeelms.image.registryServerId; -Dbeelms.image.allowInsecureRegistries=true for a plain-HTTP registry on loopback)"));
      return new Result(false, "promotion-failed", "SKIPPED", Optional.empty(), findings, notRun);
    }

    // 2. The deploy hook, when the platform does not pull the tag itself.
    Map<String, String> vars = variables(release, environment, gate);
    vars.putAll(extraVariables);
    if (!environment.deployCommand().isEmpty()) {
      listener.progress(gate, "running the <deployCommand> of " + environment.name()
          + " (timeout " + hooks.timeout().toSeconds() + " s)");
      HookResult hook = hooks.run(environment.name() + "-" + gate + "-hook", environment.deployCommand(), vars);
      if (!hook.succeeded()) {
        findings.add(Finding.error(
            "the deploy hook " + hook.describe() + "; " + state,
            "<environments>/<environment> '" + environment.name() + "' <deployCommand>",
            DeploySuggestions.hookAdvice("deployCommand", environment.name()) + "; "
                + DeploySuggestions.rollbackAdvice(environment.name())));
        return new Result(true, "hook-failed", "SKIPPED", Optional.empty(), findings, notRun);
      }
      findings.add(Finding.info("deploy hook " + hook.describe(), "<deployCommand>"));
    } else {
      listener.progress(gate, environment.name() + " has no <deployCommand>: the platform pulls " + tagRef + " itself");
    }

    // 3. Health, bounded, until it answers 200 and the identity is the release's.
    java.net.URI healthUri = HealthWait.healthUri(environment.url());
    ReleaseIdentity expected = identityOf(release);
    listener.progress(gate, "waiting up to " + health.timeout().toSeconds() + " s for " + healthUri
        + " to answer 200 and " + health.identity().settings().describe() + " to show " + expected.describe());
    HealthResult healthy = health.await(healthUri, expected, vars);
    if (!healthy.ready()) {
      findings.add(Finding.error(
          healthy.describe() + "; " + state, healthUri.toString(),
          DeploySuggestions.healthAdvice(environment.name()) + "; "
              + DeploySuggestions.rollbackAdvice(environment.name())));
      return new Result(true, "unhealthy", "SKIPPED", Optional.empty(), findings, notRun, healthy.identity());
    }
    findings.add(healthy.identity().proven()
        ? Finding.info(healthy.describe(), healthUri.toString())
        : Finding.warning(healthy.describe(), "<environments>/<environment> '" + environment.name() + "' <identity>",
            "declare <identity>command</identity> or <identity>endpoint</identity> so the release that runs is proven"));
    IdentityProof identity = healthy.identity();

    // 4. Post-deploy (post-rollback) smoke, always.
    String smokeName = "rollback".equals(gate) ? "post-rollback smoke" : "post-deploy smoke";
    GateResult smokeResult;
    SmokeTiers tiers;
    try {
      PostDeploySmoke.Outcome ran = smoke.run(release.version(), identity, listener);
      smokeResult = ran.result();
      tiers = ran.tiers();
    } catch (Exception e) {
      findings.add(Finding.error(
          smokeName + " could not run: " + e.getMessage() + "; " + state, environment.url().toString(),
          "fix the smoke settings of environment '" + environment.name() + "' and run mvn beelms:smoke -Dtarget="
              + environment.name()));
      return new Result(true, "smoke-failed", "FAILED", Optional.empty(), findings,
          SmokeTiers.failed(environment.smokeTiers()), identity);
    }
    Path report = SmokeRecord.file(recordDirectory, environment.name());
    Optional<Path> smokeReport = Files.isRegularFile(report) ? Optional.of(report) : Optional.empty();
    findings.add(Finding.info(smokeName + " tiers on " + environment.name() + ": " + tiers.describe(),
        "<environments>/<environment> '" + environment.name() + "' <smokeTiers>"));
    if (smokeResult.status() != GateStatus.PASSED) {
      findings.add(Finding.error(
          smokeName + " " + smokeResult.status() + " on " + environment.name() + " running "
              + release.tag() + "; " + state,
          smokeReport.map(Path::toString).orElse(environment.url().toString()),
          "see the smoke findings above and target/beelms-smoke/" + environment.name()
              + "/checklist-report.md; " + DeploySuggestions.rollbackAdvice(environment.name())));
      return new Result(true, "smoke-failed", smokeResult.status().name(), smokeReport, findings, tiers, identity);
    }
    findings.add(Finding.info(smokeName + " PASSED on " + environment.name(), environment.url().toString()));
    return new Result(true, DeploymentEntry.DEPLOYED, "PASSED", smokeReport, findings, tiers, identity);
  }
}
