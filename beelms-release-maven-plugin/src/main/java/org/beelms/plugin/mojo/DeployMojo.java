package org.beelms.plugin.mojo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.beelms.plugin.backup.BackupBefore;
import org.beelms.plugin.backup.BackupKind;
import org.beelms.plugin.backup.BackupSettings;
import org.beelms.plugin.backup.Backups;
import org.beelms.plugin.backup.DatabaseAccess;
import org.beelms.plugin.deploy.DeploySettings;
import org.beelms.plugin.deploy.Deployment;
import org.beelms.plugin.rollout.GuardedDeployment;
import org.beelms.plugin.rollout.OnFailure;
import org.beelms.plugin.rollout.OnFailureSettings;
import org.beelms.plugin.deploy.HealthWait;
import org.beelms.plugin.deploy.HookRunner;
import org.beelms.plugin.deploy.PostDeploySmoke;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.deploy.Rollout;
import org.apache.maven.plugin.MojoExecutionException;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.GateRunner;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.identity.IdentityCheck;
import org.beelms.plugin.identity.IdentityMode;
import org.beelms.plugin.identity.IdentityProof;
import org.beelms.plugin.identity.IdentitySettings;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.image.RegistryCredentials;
import org.beelms.plugin.smoke.Environment;
import org.beelms.plugin.smoke.Environments;
import org.beelms.plugin.smoke.PinnedSmokeTarget;
import org.beelms.plugin.smoke.SmokeGate;
import org.beelms.plugin.smoke.SmokeSettings;
import org.beelms.plugin.smoke.SmokeTiers;
import org.beelms.smoke.config.Credentials;
import org.beelms.smoke.config.SmokeConfig;

/**
 * Deploys a release to one declared environment ({@code -Dtarget=<name>}), release plan 2.4: the
 * environment's image tag is pointed at the release's image by a digest-preserving manifest copy,
 * the environment's deploy hook runs, health is awaited, post-deploy smoke runs, and the outcome is
 * appended to the release record. A production environment only takes a digest that passed both
 * smoke tiers (smoke and regression) on staging, unless {@code -Dbeelms.deploy.force=<reason>}.
 * See docs/goals/deploy.md.
 */
@Mojo(name = "deploy", threadSafe = true, aggregator = true)
public class DeployMojo extends AbstractRolloutMojo {

  /**
   * The release to deploy, e.g. {@code v0.1.0} (its record is the git note of that tag); empty =
   * the release in {@code target/beelms-release/release.json}.
   */
  @Parameter(property = "beelms.deploy.version")
  private String version;

  /** Deploy to production without a staging pass of both smoke tiers, for this reason (recorded). */
  @Parameter(property = "beelms.deploy.force")
  private String force;

  /**
   * What to do when the deploy hook, the health wait or the post-deploy smoke fails after the tag
   * moved: {@code stop} or {@code rollback}; wins over the environment's {@code <onFailure>}.
   */
  @Parameter(property = "beelms.deploy.onFailure")
  private String onFailure;

  /** Print what the deploy would do, and on failure; nothing moves. */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Skips this goal. */
  @Parameter(property = "beelms.skip.deploy", defaultValue = "false")
  private boolean skip;

  @Override
  protected String goal() {
    return Deployment.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    Wiring wiring = wiring();
    DeploySettings deploy =
        new DeploySettings(
            wiring.environment, Optional.ofNullable(version), Optional.ofNullable(force), wiring.actor,
            wiring.basedir, wiring.outputDirectory, wiring.hookTimeout, wiring.healthTimeout,
            Duration.ofMillis(500));
    OnFailure fallback =
        OnFailure.parse(wiring.onFailure, "<environments>/<environment> '" + wiring.environment.name()
            + "' <onFailure>", OnFailure.STOP);
    OnFailureSettings failure =
        new OnFailureSettings(
            OnFailure.parse(onFailure, "-Dbeelms.deploy.onFailure", fallback), wiring.notifyCommand, dryRun);
    ReleaseRecords records = wiring.records();
    Backups backups = wiring.backups();
    return List.of(locked(new GuardedDeployment(deploy, failure, records, wiring.rollout(), backups.beforeMove(records),
        backups.restore()), version, dryRun));
  }

  /**
   * The parameters deploy and rollback share, turned into their collaborators once: the chosen
   * environment, the registry, hooks, health wait, post-deploy smoke and the release records.
   */
  static final class Wiring implements AutoCloseable {
    final Environment environment;
    final String actor;
    final Path basedir;
    final Path outputDirectory;
    final Duration hookTimeout;
    final Duration healthTimeout;
    /** The chosen environment's {@code <onFailure>}; null when not declared. */
    final String onFailure;
    /** The chosen environment's {@code <notifyCommand>}; empty when none. */
    final String notifyCommand;
    /** The chosen environment's {@code <verifyKey>}, read; empty when none. */
    final Optional<java.security.PublicKey> verifyKey;
    /** What proves the release runs on the chosen environment. */
    final IdentitySettings identity;
    private final String smokeSuites;
    private final Duration backupTimeout;
    private final SmokeMojo.EnvironmentDeclaration declaration;
    private final Optional<RegistryCredentials> registryCredentials;
    private final boolean allowInsecureRegistries;
    private final Settings settings;
    private final MavenSession session;
    private final SettingsDecrypter decrypter;
    private ReleaseHistory history;
    /** The plugin's {@code <smokeWaivers>}; empty when none. */
    Optional<Path> smokeWaivers = Optional.empty();
    /** The goal these collaborators serve ({@code deploy} or {@code rollback}), named in refusals. */
    String goal = Deployment.NAME;

    Wiring(
        List<SmokeMojo.EnvironmentDeclaration> declarations,
        String target,
        String beelmsTarget,
        String registryServerId,
        boolean allowInsecureRegistries,
        String hookTimeout,
        String healthTimeout,
        String backupTimeout,
        String smokeSuites,
        String actor,
        String identityOverride,
        Settings settings,
        MavenSession session,
        SettingsDecrypter decrypter,
        Path basedir,
        Path outputDirectory) {
      List<Environment> declared = SmokeMojo.EnvironmentDeclaration.toEnvironments(declarations);
      this.environment =
          new Environments(declared)
              .select(Optional.ofNullable(notBlank(target) ? target : beelmsTarget));
      SmokeMojo.EnvironmentDeclaration chosen =
          (declarations == null ? List.<SmokeMojo.EnvironmentDeclaration>of() : declarations).stream()
              .filter(d -> d.name().equals(environment.name()))
              .findFirst()
              .orElse(null);
      this.declaration = chosen;
      this.backupTimeout = duration(backupTimeout == null ? "PT10M" : backupTimeout, "-Dbeelms.deploy.backupTimeout");
      this.onFailure = chosen == null ? null : chosen.onFailure();
      this.notifyCommand = chosen == null ? "" : chosen.notifyCommand();
      this.verifyKey = chosen == null || chosen.verifyKey().isEmpty()
          ? Optional.empty()
          : Optional.of(readVerifyKey(chosen.verifyKey(), basedir));
      this.identity =
          chosen == null
              ? IdentitySettings.declared("<environments>/<environment> '" + environment.name() + "'",
                  environment.url(), null, identityOverride, null, null, null)
              : chosen.identity(environment, identityOverride);
      this.settings = settings;
      this.session = session;
      this.decrypter = decrypter;
      this.basedir = basedir;
      this.outputDirectory = outputDirectory;
      this.hookTimeout = duration(hookTimeout, "-Dbeelms.deploy.hookTimeout");
      this.healthTimeout = duration(healthTimeout, "-Dbeelms.deploy.healthTimeout");
      this.allowInsecureRegistries = allowInsecureRegistries;
      this.smokeSuites = notBlank(smokeSuites) ? smokeSuites : "smoke";
      this.registryCredentials = registryCredentials(registryServerId);
      String fromEnv = System.getenv("BEELMS_DEPLOY_ACTOR");
      this.actor =
          notBlank(actor) ? actor : notBlank(fromEnv) ? fromEnv : System.getProperty("user.name", "unknown");
    }

    ReleaseRecords records() {
      return new ReleaseRecords(history(), outputDirectory);
    }

    /** The project's git repository, opened once per goal run. */
    org.eclipse.jgit.lib.Repository repository() {
      return history().repository();
    }

    private ReleaseHistory history() {
      if (history == null) {
        history = ReleaseHistory.open(basedir);
      }
      return history;
    }

    /** Closes the git repository the records were read from. */
    @Override
    public void close() {
      if (history != null) {
        history.close();
        history = null;
      }
    }

    /** The environment's backup settings ({@code <backup>}, …), accounts read from settings.xml. */
    Backups backups() {
      String where = "<environments>/<environment> '" + environment.name() + "'";
      SmokeMojo.EnvironmentDeclaration d = declaration == null ? new SmokeMojo.EnvironmentDeclaration() : declaration;
      BackupKind kind = BackupKind.parse(d.backup(), where + " <backup>");
      SettingsServers servers = new SettingsServers(settings, decrypter);
      Optional<String> encryption = servers.account(d.backupPasswordServerId(), where + " <backupPasswordServerId>",
          "no encryption").map(a -> {
            if (a.password().isEmpty()) {
              throw new IllegalArgumentException("settings.xml server '" + a.id() + "' (" + where
                  + " <backupPasswordServerId>) has no <password>: it is the backups' encryption password");
            }
            return a.password();
          });
      Optional<DatabaseAccess> database = Optional.empty();
      if (!d.database().isEmpty()) {
        if (!d.database().startsWith("jdbc:")) {
          throw new IllegalArgumentException(where + " <database> is '" + d.database() + "'; write a JDBC URL, e.g."
              + " jdbc:postgresql://db.internal:5432/beelms");
        }
        Optional<SettingsServers.Account> account =
            servers.account(d.databaseServerId(), where + " <databaseServerId>", "the URL's own settings");
        database = Optional.of(new DatabaseAccess(d.database(), account.map(SettingsServers.Account::username).orElse(""),
            account.map(SettingsServers.Account::password).orElse("")));
      }
      Optional<Credentials> admin = kind == BackupKind.API ? account(environment.adminServerId(), "adminServerId")
          : Optional.empty();
      BackupSettings backup = new BackupSettings(kind, BackupBefore.parse(d.backupBefore(), where + " <backupBefore>"),
          d.backupCommand(), admin, encryption, database, backupTimeout, Duration.ofMillis(500));
      return new Backups(environment, backup, hooks(), Clock.systemUTC());
    }

    HookRunner hooks() {
      return new HookRunner(basedir, outputDirectory.resolve("hooks"), hookTimeout);
    }

    Rollout rollout() {
      ManifestCopy registry = new ManifestCopy(registryCredentials, allowInsecureRegistries);
      return new Rollout(
          registry,
          hooks(),
          new HealthWait(healthTimeout, Duration.ofMillis(500),
              new IdentityCheck(identity, hooks().identityCommands(environment.name() + "-identity"))),
          smoke(),
          outputDirectory,
          Clock.systemUTC(),
          admission(registry));
    }

    /** With a {@code <verifyKey>}: the image's signature and provenance are checked before anything moves. */
    private org.beelms.plugin.deploy.ImageAdmission admission(ManifestCopy registry) {
      if (verifyKey.isEmpty()) {
        return org.beelms.plugin.deploy.ImageAdmission.ANY;
      }
      return new org.beelms.plugin.supplychain.ImageVerifier(registry, verifyKey.get(),
          "<environments>/<environment> '" + environment.name() + "' <verifyKey>").admission();
    }

    /** A PEM file (relative to the project) or the PEM text itself. */
    private java.security.PublicKey readVerifyKey(String value, Path projectDir) {
      String where = "<environments>/<environment> '" + environment.name() + "' <verifyKey>";
      String pem = value;
      if (!value.contains("-----BEGIN")) {
        Path file = projectDir.resolve(value);
        try {
          pem = java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
          throw new IllegalArgumentException(where + " names " + file + ", which cannot be read ("
              + e.getClass().getSimpleName() + "); give the public key PEM (openssl pkey -in signing.pem -pubout)", e);
        }
      }
      return org.beelms.plugin.supplychain.SigningKey.readPublic(pem, where);
    }

    /** Post-deploy smoke with the environment's smoke settings, expecting the deployed version. */
    private PostDeploySmoke smoke() {
      Optional<Credentials> user = account(environment.serverId(), "serverId");
      Optional<Credentials> admin = account(environment.adminServerId(), "adminServerId");
      Map<String, String> overrides = commandLineSmokeProperties();
      PinnedSmokeTarget.refuseOverrides(environment, goal, overrides, System.getenv(), smokeSuites);
      return (deployedVersion, proof, listener) -> {
        Map<String, String> withVersion = new LinkedHashMap<>(overrides);
        withVersion.put(SmokeConfig.PREFIX + "expectedVersion", deployedVersion);
        withVersion.putAll(identityForSmoke(identity, proof));
        SmokeSettings smoke =
            SmokeSettings.forEnvironment(environment)
                .suites(SmokeTiers.suites(smokeSuites, environment.smokeTiers()))
                .reportRoot(outputDirectory.getParent().resolve("beelms-smoke"))
                .recordDirectory(outputDirectory)
                .user(user)
                .admin(admin)
                .overrides(withVersion)
                .waivers(smokeWaivers)
                .environmentVariables(System.getenv())
                .pinnedFor(goal)
                .build();
        SmokeGate gate = new SmokeGate(smoke);
        GateResult result = new GateRunner(listener).run(gate);
        return new PostDeploySmoke.Outcome(result, gate.tiers());
      };
    }

    /**
     * {@code beelms.smoke.identity.mode} and, when the health wait proved the release another way
     * than {@code /health}'s version, {@code beelms.smoke.identity.proof}: OPS-HEALTH-1 passes with
     * that proof, or is skipped with {@code none}.
     */
    static Map<String, String> identityForSmoke(IdentitySettings identity, IdentityProof proof) {
      Map<String, String> out = new LinkedHashMap<>();
      out.put(SmokeConfig.PREFIX + "identity.mode", identity.mode().label());
      if (proof.proven() && identity.mode() != IdentityMode.HEALTH) {
        out.put(SmokeConfig.PREFIX + "identity.proof", proof.detail());
      }
      return out;
    }

    private Map<String, String> commandLineSmokeProperties() {
      Map<String, String> out = new LinkedHashMap<>();
      if (session != null) {
        session.getUserProperties().stringPropertyNames().stream()
            .filter(k -> k.startsWith(SmokeConfig.PREFIX))
            .forEach(k -> out.put(k, session.getUserProperties().getProperty(k)));
      }
      return out;
    }

    private Optional<RegistryCredentials> registryCredentials(String serverId) {
      return new SettingsServers(settings, decrypter).registry(serverId);
    }

    private Optional<Credentials> account(String id, String element) {
      return new SettingsServers(settings, decrypter)
          .environmentAccount(id, environment.name(), element);
    }

    static Duration duration(String value, String property) {
      try {
        Duration d = Duration.parse(value.trim());
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException(property + "=" + value + " must be positive, e.g. PT2M");
        }
        return d;
      } catch (DateTimeParseException | NullPointerException e) {
        throw new IllegalArgumentException(
            property + "=" + value + " is not an ISO-8601 duration; write e.g. PT90S or PT5M", e);
      }
    }

    private static boolean notBlank(String s) {
      return s != null && !s.isBlank();
    }
  }
}
