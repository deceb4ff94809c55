package org.beelms.plugin.deploy;

import java.util.Objects;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.identity.IdentityProof;
import org.beelms.plugin.smoke.SmokeTiers;

/**
 * Runs the post-deploy smoke suites against the environment just deployed (the tiers its {@code
 * <smokeTiers>} names), expecting {@code version} to run as the identity check proved (or health to
 * report it). The Mojo builds it from the
 * environment's smoke settings (accounts from settings.xml) around {@link
 * org.beelms.plugin.smoke.SmokeGate}.
 */
@FunctionalInterface
public interface PostDeploySmoke {

  /**
   * @param version the release's version, expected by OPS-HEALTH-1
   * @param identity what the health wait proved about what runs, handed to OPS-HEALTH-1
   */
  Outcome run(String version, IdentityProof identity, ReleaseListener listener) throws Exception;

  /**
   * @param result the smoke gate's result (its status is the entry's overall {@code smoke})
   * @param tiers each tier's outcome in that run
   */
  record Outcome(GateResult result, SmokeTiers tiers) {
    public Outcome {
      Objects.requireNonNull(result, "result");
      tiers = tiers == null ? SmokeTiers.NONE : tiers;
    }
  }
}
