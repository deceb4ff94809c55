package org.beelms.plugin.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.time.Duration;
import java.util.function.Function;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.Rollout;
import org.beelms.plugin.identity.IdentityCheck;
import org.beelms.plugin.identity.IdentityMode;
import org.beelms.plugin.identity.IdentityProof;
import org.beelms.plugin.image.ImageException;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;

/**
 * Finds out what one environment runs: the latest deploy or rollback in the records, a manifest
 * HEAD of its environment tag (bounded, with the registry credentials deploy uses) and one bounded
 * {@code GET /health}; then compares them ({@link Drift}).
 */
public final class EnvironmentInspector {

  private final ReleaseLedger ledger;
  private final ManifestCopy registry;
  private final HealthProbe health;
  private final Function<String, IdentityCheck> identities;
  private final Duration identityBound;

  /** An inspector that reads every environment's identity from {@code /health}'s version. */
  public EnvironmentInspector(ReleaseLedger ledger, ManifestCopy registry, HealthProbe health) {
    this(ledger, registry, health, name -> IdentityCheck.health(), Duration.ofSeconds(5));
  }

  /**
   * @param identities each environment's identity check, by name ({@code <identity>})
   * @param identityBound how long one identity look may take
   */
  public EnvironmentInspector(ReleaseLedger ledger, ManifestCopy registry, HealthProbe health,
      Function<String, IdentityCheck> identities, Duration identityBound) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.health = Objects.requireNonNull(health, "health");
    this.identities = Objects.requireNonNull(identities, "identities");
    this.identityBound = Objects.requireNonNull(identityBound, "identityBound");
  }

  public EnvironmentStatus inspect(Environment environment) {
    String name = environment.name();
    Optional<ReleaseLedger.Recorded> recorded = ledger.latest(name);
    EnvironmentStatus.TagState tag = tagState(environment, recorded);
    HealthProbe.Answer answer = health.ask(environment.url());
    List<Drift> drift = new ArrayList<>();
    IdentityProof identity = IdentityProof.UNKNOWN;
    if (recorded.isPresent()) {
      identity = identity(environment, recorded.get(), answer);
      compare(environment, recorded.get(), tag, answer, identity, drift);
    } else if (tag.digest().isPresent()) {
      String digest = tag.digest().get();
      String release = ledger.releaseWithDigest(digest).map(ReleaseRecord::tag).orElse("no release record knows it");
      drift.add(new Drift(Drift.Kind.NOT_RECORDED,
          tag.reference() + " points at " + digest + " (" + release + "), but no release record has a deploy"
              + " or rollback to " + name,
          "fetch the records (git fetch origin " + org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF + ":"
              + org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF + "); if it was put there by hand,"
              + " deploy it with mvn beelms:deploy -Dtarget=" + name + " -Dbeelms.deploy.version=<tag> so it"
              + " is smoke-tested and recorded"));
    }
    // Fail closed where the tool deploys (a record, or a tag it tried to read); an environment
    // declared for smoke only (no <imageTag>, nothing recorded) is not drift.
    if (!tag.read() && (recorded.isPresent() || !tag.reference().isEmpty())) {
      drift.add(new Drift(Drift.Kind.NOT_VERIFIED,
          "could not read " + (tag.reference().isEmpty() ? "the environment tag of " + name : tag.reference())
              + ": " + tag.error(),
          tag.reference().isEmpty()
              ? "declare <imageTag> for " + name + " and release an image with beelms:release-candidate"
              : "check the registry and its credentials (-Dbeelms.image.registryServerId or"
                  + " BEELMS_REGISTRY_USERNAME/PASSWORD; -Dbeelms.image.allowInsecureRegistries=true for plain"
                  + " HTTP on loopback), then run mvn beelms:status again"));
    }
    return new EnvironmentStatus(name, environment.modeName(), recorded, tag, answer, drift, identity);
  }

  /** What runs, as the environment's identity check sees it, compared with the recorded release; only when health is up. */
  private IdentityProof identity(Environment environment, ReleaseLedger.Recorded recorded, HealthProbe.Answer answer) {
    ReleaseRecord release = recorded.release();
    if (!answer.up() || release.image() == null) {
      return IdentityProof.UNKNOWN;
    }
    IdentityCheck check = identities.apply(environment.name());
    return check.look(Rollout.identityOf(release), answer.body(),
        Rollout.variables(release, environment, "status"), identityBound);
  }

  private static String anotherReleaseFix(String redeploy) {
    return "the platform did not start the recorded image, or something else was deployed: run the deploy again ("
        + redeploy + ") or find out what runs there";
  }

  private EnvironmentStatus.TagState tagState(Environment environment, Optional<ReleaseLedger.Recorded> recorded) {
    if (environment.imageTag().isEmpty()) {
      return new EnvironmentStatus.TagState("", Optional.empty(),
          "<environments>/<environment> '" + environment.name() + "' has no <imageTag>");
    }
    Optional<String> repository =
        recorded.map(r -> r.release().image()).map(ReleaseRecord.Image::image)
            .or(ledger::newestImageRepository);
    if (repository.isEmpty()) {
      return new EnvironmentStatus.TagState("", Optional.empty(), "no release record names an image repository");
    }
    String reference = repository.get() + ":" + environment.imageTag();
    try {
      return new EnvironmentStatus.TagState(reference, registry.digestOf(reference), "");
    } catch (ImageException | RuntimeException e) {
      return new EnvironmentStatus.TagState(reference, Optional.empty(), String.valueOf(e.getMessage()));
    }
  }

  private void compare(
      Environment environment,
      ReleaseLedger.Recorded recorded,
      EnvironmentStatus.TagState tag,
      HealthProbe.Answer answer,
      IdentityProof identity,
      List<Drift> drift) {
    String name = environment.name();
    BoardEntry board = recorded.entry();
    DeploymentEntry entry = board.entry();
    String release = entry.tag();
    String since = " since " + entry.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (" + entry.action()
        + " by " + entry.by() + ")";
    String redeploy = "mvn beelms:deploy -Dtarget=" + name + " -Dbeelms.deploy.version=" + release;

    if (!board.healthy() && !board.rolledBack()) {
      String state = "outcome " + entry.outcome()
          + (DeploymentEntry.PROMOTION_UNVERIFIED.equals(entry.outcome())
              ? " (the registry accepted the move of the environment tag but the check after it failed: moved,"
                  + " unverified; no hook, health or smoke ran after it)"
              : "")
          + ", " + board.testsLabel();
      if ("rollback".equals(entry.action()) && "smoke-failed".equals(entry.outcome())) {
        // Every step ran: running the rollback again would change nothing.
        List<String> failed = SmokeFailures.read(board.report());
        drift.add(new Drift(Drift.Kind.ROLLBACK_SMOKE_FAILED,
            "the last rollback of " + name + " (from " + (entry.from().isEmpty() ? "?" : entry.from()) + " to "
                + release + ", at " + entry.at() + ", by " + entry.by() + ") ran every step and " + name
                + " runs " + release + "; only the post-rollback smoke failed: "
                + (failed.isEmpty() ? "the failed checks are in the smoke report"
                    + board.report().map(r -> " " + r).orElse(" (not kept)") : String.join("; ", failed)),
            "running the rollback again changes nothing: fix what "
                + (failed.size() == 1 ? "that check" : "those checks") + " found (in " + release
                + " or in " + name + "'s setup), then check with mvn beelms:smoke -Dtarget=" + name));
      } else if ("rollback".equals(entry.action())) {
        drift.add(new Drift(Drift.Kind.ROLLBACK_INCOMPLETE,
            "the last rollback of " + name + " (from " + (entry.from().isEmpty() ? "?" : entry.from()) + " to "
                + release + ", at " + entry.at() + ", by " + entry.by() + ") stopped half-way: " + state
                + "; the tag points at " + release + " but " + name + " may not run it correctly",
            "check " + name + " (health, target/beelms-release/hooks/" + name + "-rollback-hook.log, the smoke"
                + " report); run the rollback again (mvn beelms:rollback -Dtarget=" + name
                + " -Dbeelms.rollback.to=" + release + ") or go forward (mvn beelms:deploy -Dtarget=" + name
                + " -Dbeelms.deploy.version=" + (entry.from().isEmpty() ? "<tag>" : entry.from()) + ")"));
      } else {
        drift.add(new Drift(Drift.Kind.DEPLOY_INCOMPLETE,
            "the last deploy of " + release + " to " + name + " (at " + entry.at() + ", by " + entry.by()
                + ") did not finish: " + state,
            "roll back (mvn beelms:rollback -Dtarget=" + name + ") or fix and deploy again (" + redeploy + ")"));
      }
    }

    if (tag.read() && !tag.reference().isEmpty()) {
      if (tag.digest().isEmpty()) {
        drift.add(new Drift(Drift.Kind.TAG_MISSING,
            tag.reference() + " does not exist in the registry, but the records say " + name + " runs " + release
                + " (" + entry.digest() + ")" + since,
            "the tag was deleted outside the tool (a retention policy?); put it back with " + redeploy));
      } else if (!tag.digest().get().equals(entry.digest())) {
        String now = tag.digest().get();
        String other = ledger.releaseWithDigest(now).map(r -> "the image of " + r.tag()).orElse("no release record knows it");
        drift.add(new Drift(Drift.Kind.TAG_MOVED,
            tag.reference() + " points at " + now + " (" + other + "), but the records say " + name + " runs "
                + release + " (" + entry.digest() + ")" + since + ": the tag was moved outside beelms:deploy"
                + " and beelms:rollback",
            "find out who moved it; to return to the recorded release run " + redeploy + "; to keep the new"
                + " image, release and deploy it with beelms:deploy so it is smoke-tested and recorded"));
      }
    }

    if (!answer.up()) {
      drift.add(new Drift(Drift.Kind.HEALTH_DOWN,
          (answer.statusCode() == 0 ? answer.describe() : "GET " + answer.uri() + " answered " + answer.describe())
              + "; the records say " + name + " runs " + release + since,
          "check " + name + " (platform, logs); when it is back, mvn beelms:smoke -Dtarget=" + name
              + "; if the release is at fault, mvn beelms:rollback -Dtarget=" + name));
    } else if (identity.mode() == IdentityMode.HEALTH) {
      if (answer.version().isPresent() && !answer.version().get().equals(entry.version())) {
        drift.add(new Drift(Drift.Kind.VERSION_MISMATCH,
            answer.uri() + " reports version " + answer.version().get() + ", but the records say " + name + " runs "
                + entry.version() + " (" + release + ")" + since,
            anotherReleaseFix(redeploy)));
      }
    } else if (identity.outcome() == IdentityProof.Outcome.ANOTHER_RELEASE) {
      drift.add(new Drift(Drift.Kind.VERSION_MISMATCH,
          identity.detail() + " (<identity>" + identity.mode().label() + "</identity>), but the records say " + name
              + " runs " + release + " (" + entry.digest() + ")" + since,
          anotherReleaseFix(redeploy)));
    } else if (identity.outcome() == IdentityProof.Outcome.NOT_READ) {
      // fail closed: what runs could not be seen
      drift.add(new Drift(Drift.Kind.NOT_VERIFIED,
          "could not tell what runs on " + name + ": " + identity.detail(),
          "check the <identity> settings of " + name + " (<identityCommand> or <identityUrl>) and run mvn beelms:status"
              + " again"));
    }
  }
}
