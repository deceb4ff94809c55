package org.beelms.plugin.mojo;

import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.plugin.MojoExecutionException;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.rollback.Rollback;
import org.beelms.plugin.rollback.RollbackSettings;

/**
 * Rolls one environment back to an earlier release ({@code -Dtarget=<name>}), release plan 3.2 and
 * 3.3: prints the plan (current and target release and digest, the migrations in between with
 * their safety class, the decision), then moves the environment tag back by manifest copy, runs
 * the deploy hook, awaits health and runs post-rollback smoke. Contract migrations refuse it
 * unless a backup id is given and the environment has a restore hook. See docs/goals/rollback.md.
 */
@Mojo(name = "rollback", threadSafe = true, aggregator = true)
public class RollbackMojo extends AbstractBeelmsMojo {

  /** The environments, declared once for smoke, deploy and rollback (see docs/environments.md). */
  @Parameter private List<SmokeMojo.EnvironmentDeclaration> environments;

  /** The environment to roll back, e.g. {@code -Dtarget=production}. */
  @Parameter(property = "target")
  private String target;

  /** The same as {@code target}, under the plugin's prefix; {@code target} wins. */
  @Parameter(property = "beelms.target")
  private String beelmsTarget;

  /** The release to return to, e.g. {@code v0.1.0}; empty = the one deployed there before the current one. */
  @Parameter(property = "beelms.rollback.to")
  private String to;

  /** The backup the environment's restore hook restores, needed past a contract migration. */
  @Parameter(property = "beelms.rollback.backupId")
  private String backupId;

  /** Print the plan only; nothing moves. */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Who rolls back, as recorded; default {@code BEELMS_DEPLOY_ACTOR}, else {@code user.name}. */
  @Parameter(property = "beelms.deploy.actor")
  private String actor;

  /** How long a hook may run (ISO-8601, e.g. {@code PT5M}). */
  @Parameter(property = "beelms.deploy.hookTimeout", defaultValue = "PT5M")
  private String hookTimeout;

  /** How long to wait for health to report the target release (ISO-8601). */
  @Parameter(property = "beelms.deploy.healthTimeout", defaultValue = "PT2M")
  private String healthTimeout;

  /**
   * The smoke suites run after the deploy: {@code smoke} (OPS and WS-1..WS-3, release plan 3.1),
   * or a list such as {@code ops,ws1}; {@code all} adds the regression tier.
   */
  @Parameter(property = "beelms.deploy.smokeSuites", defaultValue = "smoke")
  private String smokeSuites;

  /** The settings.xml server with the registry account; else {@code BEELMS_REGISTRY_USERNAME/PASSWORD}. */
  @Parameter(property = "beelms.image.registryServerId")
  private String registryServerId;

  /** Allow plain HTTP to the registry (a registry on 127.0.0.1 only). */
  @Parameter(property = "beelms.image.allowInsecureRegistries", defaultValue = "false")
  private boolean allowInsecureRegistries;

  /** Skips this goal. */
  @Parameter(property = "beelms.skip.rollback", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Component private SettingsDecrypter settingsDecrypter;

  private DeployMojo.Wiring wiring;

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

  @Override
  protected String goal() {
    return Rollback.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    wiring = new DeployMojo.Wiring(environments, target, beelmsTarget, registryServerId,
        allowInsecureRegistries, hookTimeout, healthTimeout, smokeSuites, actor, settings, session,
        settingsDecrypter, project.getBasedir().toPath(), outputDirectory.toPath());
    RollbackSettings rollback =
        new RollbackSettings(
            wiring.environment, Optional.ofNullable(to), Optional.ofNullable(backupId), dryRun, wiring.actor);
    return List.of(new Rollback(rollback, wiring.records(), wiring.rollout()));
  }
}
