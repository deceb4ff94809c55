package org.beelms.plugin.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.smoke.Environment;

/**
 * Everything one {@code beelms:deploy} needs, resolved once by the Mojo.
 *
 * @param environment the target environment (with its image tag and hook)
 * @param version the release to deploy ({@code -Dbeelms.deploy.version}); empty = the release in
 *     {@code target/beelms-release/release.json}
 * @param forceReason {@code -Dbeelms.deploy.force}: deploy to production without a staging pass
 *     of both smoke tiers, for this recorded reason; empty when not forced
 * @param actor who deploys, recorded
 * @param projectDirectory where hooks run
 * @param recordDirectory {@code target/beelms-release}
 * @param hookTimeout how long a hook may run
 * @param healthTimeout how long to wait for health
 * @param healthInterval the pause between health requests
 */
public record DeploySettings(
    Environment environment,
    Optional<String> version,
    Optional<String> forceReason,
    String actor,
    Path projectDirectory,
    Path recordDirectory,
    Duration hookTimeout,
    Duration healthTimeout,
    Duration healthInterval) {

  public static final String VERSION_PROPERTY = "-Dbeelms.deploy.version";

  public DeploySettings {
    Objects.requireNonNull(environment, "environment");
    version = version.map(String::trim).filter(v -> !v.isEmpty());
    forceReason = forceReason.map(String::trim).filter(v -> !v.isEmpty());
    if (forceReason.isPresent() && forceReason.get().equalsIgnoreCase("true")) {
      throw new IllegalArgumentException(
          "-Dbeelms.deploy.force needs a reason, not 'true': it is recorded with the deployment,"
              + " e.g. -Dbeelms.deploy.force=\"hotfix for INC-42, staging is down\"");
    }
    actor = actor == null || actor.isBlank() ? "unknown" : actor.trim();
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    Objects.requireNonNull(recordDirectory, "recordDirectory");
    Objects.requireNonNull(hookTimeout, "hookTimeout");
    Objects.requireNonNull(healthTimeout, "healthTimeout");
    Objects.requireNonNull(healthInterval, "healthInterval");
  }
}
