package org.beelms.plugin.deploy;

import java.util.Optional;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;

/**
 * Whether a release's image may run on an environment, asked before anything moves (deploy and
 * rollback alike): e.g. its signature and provenance verified with the environment's
 * {@code <verifyKey>}.
 */
@FunctionalInterface
public interface ImageAdmission {

  /** Admits everything: an environment without a verify key. */
  ImageAdmission ANY = (release, environment) -> Optional.empty();

  /** Empty when {@code release} may go to {@code environment}; else one line saying what failed. */
  Optional<String> refusal(ReleaseRecord release, Environment environment);
}
