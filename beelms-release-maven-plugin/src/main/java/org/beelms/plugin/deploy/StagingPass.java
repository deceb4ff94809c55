package org.beelms.plugin.deploy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.SmokeTiers;
import org.beelms.plugin.smoke.SmokeTiers.Tier;

/**
 * The production gate's question, release plan 2.2 and 2.4: did the release's digest pass
 * post-deploy smoke on a staging-mode environment with <em>both</em> tiers of the smoke library,
 * smoke and regression? Answered from the release record's deployment entries alone: a {@code
 * deploy} or {@code rollback} to a {@code staging}-mode environment of the same digest, outcome
 * {@code deployed}, overall smoke {@code PASSED} and {@code tiers} smoke and regression {@code
 * PASSED}, or {@code WAIVED}: a tier whose only failures a waiver accepts, one by one (the entry's
 * {@code waivers} list them; production relies on them as known limitations). Each of those
 * tiers must also show its evidence ({@code checks}: at least one check executed and every
 * required checklist ID, {@code beelms.smoke.requiredChecks}, PASSED or WAIVED, none skipped;
 * issue 29): a tier that passed on one check and many skips is no pass. Fails closed: an entry
 * without {@code tiers} (written before tiers were recorded, when staging ran the smoke tier only)
 * or without {@code checks} (written before they were) is not a pass.
 */
public final class StagingPass {

  /** The tiers production requires on staging. */
  public static final Set<Tier> REQUIRED = EnumSet.allOf(Tier.class);

  private StagingPass() {}

  /**
   * What the gate decided.
   *
   * @param pass the staging entry production relies on; empty when refused
   * @param closest when refused, the latest staging entry whose overall smoke passed but which
   *     lacks a required tier; empty when there is none
   * @param missing when refused, the required tiers without a staging pass (all of them when there
   *     is no closest entry)
   */
  public record Decision(Optional<DeploymentEntry> pass, Optional<DeploymentEntry> closest, List<Tier> missing) {

    public Decision {
      missing = List.copyOf(missing);
    }

    public boolean allowed() {
      return pass.isPresent();
    }

    /** {@code regression} or {@code smoke and regression}. */
    public String missingTiers() {
      return missing.stream().map(Tier::label).collect(Collectors.joining(" and "));
    }

    /**
     * What the closest entry recorded, e.g. {@code smoke PASSED, regression SKIPPED}, {@code smoke
     * PASSED, regression not run (...)} or, for a record from before tiers, {@code no tiers (...)}.
     */
    public String recorded() {
      SmokeTiers tiers = closest.map(DeploymentEntry::tiers).orElse(SmokeTiers.NONE);
      if (tiers.isEmpty()) {
        return "no tiers (a record written before tiers were: staging ran the smoke tier only)";
      }
      List<String> parts = new ArrayList<>();
      for (Tier tier : REQUIRED) {
        parts.add(tier.label() + tiers.status(tier).map(s -> " " + s + (!tiers.passedOrWaived(tier) ? ""
                : tiers.checks(tier).map(c -> c.proven() ? "" : " (" + c.describe() + ")")
                    .orElse(" (no record of its checks: written before required checks were recorded)")))
            .orElse(" not run (that environment's <smokeTiers> leaves it out)"));
      }
      return String.join(", ", parts);
    }
  }

  /** The tier passed (or was waived) on the entry, with its checks recorded and proven. */
  private static boolean proven(DeploymentEntry entry, Tier tier) {
    return entry.tiers().passedOrWaived(tier)
        && entry.tiers().checks(tier).map(SmokeTiers.TierChecks::proven).orElse(false);
  }

  /** The decision for {@code release}'s digest, from its record's deployment entries. */
  public static Decision decide(ReleaseRecord release) {
    String digest = release.image().digest();
    List<DeploymentEntry> staged =
        ReleaseRecords.deployments(release).stream()
            .filter(e -> "staging".equals(e.mode()))
            .filter(e -> e.digest().equals(digest))
            .filter(DeploymentEntry::healthy)
            .toList();
    Optional<DeploymentEntry> pass =
        staged.stream().filter(e -> REQUIRED.stream().allMatch(t -> proven(e, t))).reduce((a, b) -> b);
    if (pass.isPresent()) {
      return new Decision(pass, Optional.empty(), List.of());
    }
    Optional<DeploymentEntry> closest = staged.stream().reduce((a, b) -> b);
    List<Tier> missing =
        REQUIRED.stream().filter(t -> closest.map(e -> !proven(e, t)).orElse(true)).toList();
    return new Decision(Optional.empty(), closest, missing);
  }
}
