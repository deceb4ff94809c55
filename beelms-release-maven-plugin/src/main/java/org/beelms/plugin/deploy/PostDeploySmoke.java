package org.beelms.plugin.deploy;

import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;

/**
 * Runs the post-deploy smoke suite against the environment just deployed, expecting health to
 * report {@code version}. The Mojo builds it from the environment's smoke settings (accounts from
 * settings.xml) around {@link org.beelms.plugin.smoke.SmokeGate}.
 */
@FunctionalInterface
public interface PostDeploySmoke {

  GateResult run(String version, ReleaseListener listener) throws Exception;
}
