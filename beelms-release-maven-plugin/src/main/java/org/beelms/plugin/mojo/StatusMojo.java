package org.beelms.plugin.mojo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.beelms.plugin.deploy.HookRunner;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.identity.IdentityCheck;
import org.beelms.plugin.identity.IdentitySettings;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.smoke.Environment;
import org.beelms.plugin.smoke.Environments;
import org.beelms.plugin.lock.EnvironmentLocks;
import org.beelms.plugin.status.EnvironmentInspector;
import org.beelms.plugin.status.HealthProbe;
import org.beelms.plugin.status.NotesSync;
import org.beelms.plugin.status.StatusCheck;
import org.beelms.plugin.status.StatusSettings;

/**
 * What runs where: for each declared environment (or the one {@code -Dtarget} names), the release
 * the records say runs there, where the registry's environment tag points now and what {@code
 * /health} reports, with drift as findings; tells when the local release records are behind the
 * remote's; writes the release board ({@code board.html}, {@code board.md}; appended to {@code
 * $GITHUB_STEP_SUMMARY} when set). Changes nothing (except a fast-forward fetch of the records with
 * {@code -Dbeelms.status.fetch=true}). See docs/goals/status.md.
 */
@Mojo(name = "status", threadSafe = true, aggregator = true)
public class StatusMojo extends AbstractBeelmsMojo {

  /** The environments, declared once for smoke, deploy, rollback and status (see docs/environments.md). */
  @Parameter private List<SmokeMojo.EnvironmentDeclaration> environments;

  /** Inspect only this environment, e.g. {@code -Dtarget=production}; default all declared ones. */
  @Parameter(property = "target")
  private String target;

  /** The same as {@code target}, under the plugin's prefix; {@code target} wins. */
  @Parameter(property = "beelms.target")
  private String beelmsTarget;

  /** Fail the build on drift, or when a check could not run (for a cron job or a pipeline). */
  @Parameter(property = StatusSettings.FAIL_ON_DRIFT_PROPERTY, defaultValue = "false")
  private boolean failOnDrift;

  /** Bound of each registry request, each health request and the remote comparison (ISO-8601). */
  @Parameter(property = "beelms.status.timeout", defaultValue = "PT5S")
  private String timeout;

  /** The git remote whose release records are compared with the local ones: a name or a URL. */
  @Parameter(property = "beelms.status.remote", defaultValue = "origin")
  private String remote;

  /**
   * Fetch the remote's release records first (fast-forward, or merged entry by entry: local records
   * not pushed yet are kept).
   */
  @Parameter(property = "beelms.status.fetch", defaultValue = "true")
  private boolean fetch;

  /** The settings.xml server with the registry account; else {@code BEELMS_REGISTRY_USERNAME/PASSWORD}. */
  @Parameter(property = "beelms.image.registryServerId")
  private String registryServerId;

  /** Allow plain HTTP to the registry (a registry on 127.0.0.1 only). */
  @Parameter(property = "beelms.image.allowInsecureRegistries", defaultValue = "false")
  private boolean allowInsecureRegistries;

  /** The settings.xml server with the git account for the remote; else {@code BEELMS_GIT_USERNAME/PASSWORD}. */
  @Parameter(property = "beelms.tag.serverId")
  private String gitServerId;

  /**
   * What proves which release runs, for every environment inspected: {@code health}, {@code
   * endpoint}, {@code command} or {@code none}; wins over each environment's {@code <identity>}.
   */
  @Parameter(property = "beelms.deploy.identity")
  private String identity;

  /** Skips this goal. */
  @Parameter(property = "beelms.skip.status", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Component private SettingsDecrypter settingsDecrypter;

  private ReleaseHistory history;

  @Override
  protected String goal() {
    return StatusCheck.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    List<Environment> declared = SmokeMojo.EnvironmentDeclaration.toEnvironments(environments);
    String chosen = target != null && !target.isBlank() ? target : beelmsTarget;
    List<Environment> inspected =
        chosen == null || chosen.isBlank()
            ? declared
            : List.of(new Environments(declared).select(Optional.of(chosen)));
    Duration bound = duration(timeout);
    String summary = System.getenv("GITHUB_STEP_SUMMARY");
    StatusSettings status =
        new StatusSettings(declared, inspected, bound, failOnDrift, remote, fetch, outputDirectory.toPath(),
            summary == null || summary.isBlank() ? Optional.empty() : Optional.of(Path.of(summary)));
    SettingsServers servers = new SettingsServers(settings, settingsDecrypter);
    ManifestCopy registry = new ManifestCopy(servers.registry(registryServerId), allowInsecureRegistries, bound, bound);
    HealthProbe health = new HealthProbe(bound);
    java.util.Map<String, IdentitySettings> identities =
        SmokeMojo.EnvironmentDeclaration.identities(environments, declared, identity);
    HookRunner hooks = new HookRunner(project.getBasedir().toPath(), outputDirectory.toPath().resolve("hooks"), bound);
    history = ReleaseHistory.open(project.getBasedir().toPath());
    var git = servers.git(gitServerId);
    return List.of(new StatusCheck(
        status,
        new ReleaseRecords(history, outputDirectory.toPath()),
        new NotesSync(history.repository(), status.remote(), git, bound),
        ledger -> new EnvironmentInspector(ledger, registry, health,
            name -> new IdentityCheck(identities.getOrDefault(name, IdentitySettings.HEALTH),
                hooks.identityCommands(name + "-status-identity")),
            bound),
        Clock.systemUTC(),
        EnvironmentLocks.of(history.repository(), status.remote(), git, bound)::held));
  }

  @Override
  protected List<GateResult> runGates(ReleaseListener listener) throws MojoExecutionException {
    try {
      return super.runGates(listener);
    } finally {
      if (history != null) {
        history.close();
      }
    }
  }

  private static Duration duration(String value) {
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(
          "-Dbeelms.status.timeout=" + value + " is not an ISO-8601 duration; write e.g. PT5S", e);
    }
  }
}
