package org.beelms.plugin.mojo;

import java.io.File;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.lock.EnvironmentLocks;
import org.beelms.plugin.lock.LockedGate;
import org.beelms.plugin.release.ReleaseRecordSync;
import org.eclipse.jgit.lib.Repository;
import org.beelms.plugin.gate.ReleaseListener;

/**
 * What deploy and rollback share: the declared environments and the chosen one, the registry,
 * the hook and health-wait limits, the post-deploy smoke suites and who acts. Turned once into a
 * {@link DeployMojo.Wiring}, closed after the goal ran.
 */
abstract class AbstractRolloutMojo extends AbstractBeelmsMojo {

  /** The environments, declared once for smoke, deploy and rollback (see docs/environments.md). */
  @Parameter private List<SmokeMojo.EnvironmentDeclaration> environments;

  /** The environment to act on, e.g. {@code -Dtarget=staging}. */
  @Parameter(property = "target")
  private String target;

  /** The same as {@code target}, under the plugin's prefix; {@code target} wins. */
  @Parameter(property = "beelms.target")
  private String beelmsTarget;

  /** Who deploys or rolls back, as recorded; default {@code BEELMS_DEPLOY_ACTOR}, else {@code user.name}. */
  @Parameter(property = "beelms.deploy.actor")
  private String actor;

  /** How long a hook may run (ISO-8601, e.g. {@code PT5M}). */
  @Parameter(property = "beelms.deploy.hookTimeout", defaultValue = "PT5M")
  private String hookTimeout;

  /** How long to wait for health to report the release (ISO-8601, e.g. {@code PT2M}). */
  @Parameter(property = "beelms.deploy.healthTimeout", defaultValue = "PT2M")
  private String healthTimeout;

  /**
   * How long the database backup before a deploy, and the restore of a rollback, may take (the
   * admin backup API's job, or the hook), ISO-8601.
   */
  @Parameter(property = "beelms.deploy.backupTimeout", defaultValue = "PT10M")
  private String backupTimeout;

  /**
   * The smoke suites run after the deploy or rollback: {@code smoke} (OPS and WS-1..WS-3, release
   * plan 3.1), or a list such as {@code ops,ws1}; {@code all} adds the regression tier. The
   * environment's {@code <smokeTiers>} adds the regression tier too (by default on staging).
   */
  @Parameter(property = "beelms.deploy.smokeSuites", defaultValue = "smoke")
  private String smokeSuites;

  /**
   * The smoke/regression waiver file (YAML: {@code check}, optional {@code endpoint}/{@code
   * detail}, {@code reason}, {@code owner}, {@code expires}): known failures the post-deploy smoke
   * accepts one by one as WAIVED. An environment's {@code <properties>} may name its own ({@code
   * beelms.smoke.waivers}). See docs/goals/deploy.md.
   */
  @Parameter(property = "beelms.smoke.waivers")
  private File smokeWaivers;

  /**
   * What proves the release runs, for every environment of this run: {@code health}, {@code
   * endpoint}, {@code command} or {@code none}; wins over the environment's {@code <identity>}.
   */
  @Parameter(property = "beelms.deploy.identity")
  private String identity;

  /** The settings.xml server with the registry account; else {@code BEELMS_REGISTRY_USERNAME/PASSWORD}. */
  @Parameter(property = "beelms.image.registryServerId")
  private String registryServerId;

  /** Allow plain HTTP to the registry (a registry on 127.0.0.1 only). */
  @Parameter(property = "beelms.image.allowInsecureRegistries", defaultValue = "false")
  private boolean allowInsecureRegistries;

  /**
   * The git remote the release tag goes to: the release records are fetched from and pushed to it,
   * and the environment's lock is a ref there. A name in git config or a URL; without such a
   * remote the records stay local and the lock is a file in {@code .git}.
   */
  @Parameter(property = "beelms.tag.remote", defaultValue = "origin")
  private String remote;

  /** The settings.xml server with the git account for the remote; else {@code BEELMS_GIT_USERNAME/PASSWORD}. */
  @Parameter(property = "beelms.tag.serverId")
  private String gitServerId;

  /** Push the release records to the remote after writing them (fetch, merge and retry on a race). */
  @Parameter(property = "beelms.record.push", defaultValue = "true")
  private boolean pushRecords;

  /** After how long an environment's lock counts as abandoned (a killed run), ISO-8601. */
  @Parameter(property = "beelms.deploy.lockTimeout", defaultValue = "PT30M")
  private String lockTimeout;

  /** Take over an expired lock of the environment, for this reason (recorded on the entry). */
  @Parameter(property = "beelms.deploy.breakLock")
  private String breakLock;

  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Component private SettingsDecrypter settingsDecrypter;

  private DeployMojo.Wiring wiring;

  /** The collaborators built from the shared parameters; one per goal run. */
  protected final DeployMojo.Wiring wiring() {
    if (wiring == null) {
      wiring =
          new DeployMojo.Wiring(environments, target, beelmsTarget, registryServerId,
              allowInsecureRegistries, hookTimeout, healthTimeout, backupTimeout, smokeSuites, actor, identity, settings,
              session, settingsDecrypter, project.getBasedir().toPath(), outputDirectory.toPath());
      wiring.smokeWaivers = Optional.ofNullable(smokeWaivers).map(File::toPath);
      wiring.goal = goal();
    }
    return wiring;
  }

  /**
   * {@code gate} run under the environment's lock, with the records fetched first and pushed
   * after (see {@link LockedGate}); a dry run takes no lock and pushes nothing.
   *
   * @param version the release named on the command line; empty or null when not named
   */
  protected final Gate locked(Gate gate, String version, boolean dryRun) {
    DeployMojo.Wiring wiring = wiring();
    java.util.Optional<org.beelms.plugin.git.GitCredentials> credentials =
        new SettingsServers(settings, settingsDecrypter).git(gitServerId);
    Repository repository = wiring.repository();
    LockedGate.Settings lock =
        new LockedGate.Settings(wiring.environment.name(), wiring.actor, version,
            DeployMojo.Wiring.duration(lockTimeout, "-Dbeelms.deploy.lockTimeout"),
            java.util.Optional.ofNullable(breakLock), !dryRun, pushRecords);
    return new LockedGate(gate, lock,
        EnvironmentLocks.of(repository, remote, credentials, LOCK_NETWORK_TIMEOUT),
        new ReleaseRecordSync(repository, remote, credentials, RECORDS_NETWORK_TIMEOUT),
        wiring.records(), Clock.systemUTC());
  }

  /** Bound of each network call of the lock: a held lock is reported within seconds. */
  private static final Duration LOCK_NETWORK_TIMEOUT = Duration.ofSeconds(10);

  /** Bound of each fetch or push of the release records. */
  private static final Duration RECORDS_NETWORK_TIMEOUT = Duration.ofSeconds(60);

  @Override
  protected List<GateResult> runGates(ReleaseListener listener) throws MojoExecutionException {
    try {
      return super.runGates(listener);
    } finally {
      if (wiring != null) {
        wiring.close();
      }
    }
  }
}
