package org.beelms.plugin.deploy;

import java.util.Objects;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.smoke.SmokeTiers;

/**
 * Runs the post-deploy smoke suites against the environment just deployed (the tiers its {@code
 * <smokeTiers>} names), expecting health to report {@code version}. The Mojo builds it from the
 * environment's smoke settings (accounts from settings.xml) around {@link
 * org.beelms.plugin.smoke.SmokeGate}.
 */
@FunctionalInterface
public interface PostDeploySmoke {

  Outcome run(String version, ReleaseListener listener) throws Exception;

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
