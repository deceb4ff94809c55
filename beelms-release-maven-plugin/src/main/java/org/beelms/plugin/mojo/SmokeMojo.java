package org.beelms.plugin.mojo;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.smoke.Environment;
import org.beelms.plugin.smoke.Environments;
import org.beelms.plugin.smoke.SmokeGate;
import org.beelms.plugin.smoke.SmokeSettings;
import org.beelms.smoke.config.Credentials;
import org.beelms.smoke.config.SmokeConfig;

/**
 * Runs the post-deploy smoke suites (beelms-smoke-tests) against one declared environment, chosen
 * with {@code -Dtarget=<name>}: JUnit XML and the checklist report go to {@code
 * target/beelms-smoke/<environment>/}, the result to {@code target/beelms-release/smoke-<environment>.json};
 * the build fails when a required check fails. Bind it in a {@code smoke} profile to run {@code mvn
 * verify -Psmoke -Dtarget=staging} (see docs/goals/smoke.md).
 */
@Mojo(name = "smoke", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class SmokeMojo extends AbstractBeelmsMojo {

  /**
   * The deployed environments, declared once: {@code <environment>} with {@code <name>}, {@code
   * <url>} (API base), {@code <webUrl>}, {@code <mode>} ({@code staging}/{@code production}),
   * {@code <imageTag>}, {@code <serverId>} (settings.xml server with the smoke account), {@code
   * <adminServerId>}, {@code <expectedVersion>}, {@code <properties>} (further {@code
   * beelms.smoke.*} settings), {@code <deployCommand>} and {@code <restoreCommand>} (used by deploy
   * and rollback).
   */
  @Parameter private List<EnvironmentDeclaration> environments;

  /** The name of the environment to smoke-test, e.g. {@code -Dtarget=staging}. */
  @Parameter(property = "target")
  private String target;

  /** The same as {@code target}, under the plugin's own prefix; {@code target} wins when both are set. */
  @Parameter(property = "beelms.target")
  private String beelmsTarget;

  /** Replaces the chosen environment's {@code <url>} for this run, e.g. a canary instance. */
  @Parameter(property = "beelms.smoke.url")
  private String url;

  /**
   * The suites to run, comma-separated: {@code smoke} (OPS and WS-1..WS-3, the post-deploy
   * gate; with the environment's {@code <webUrl>} also {@code pages}, the DEMO pages in headless
   * Chromium), {@code ops}, {@code ws1}, {@code ws2}, {@code ws3}, {@code regression} (the second
   * tier), {@code pages} (the browser tier), or {@code all} (every tier).
   */
  @Parameter(property = "beelms.smoke.suites", defaultValue = "smoke")
  private String suites;

  /**
   * The smoke/regression waiver file (YAML: {@code check}, optional {@code endpoint}/{@code
   * detail}, {@code reason}, {@code owner}, {@code expires}): known failures accepted one by one,
   * reported as WAIVED; an expired waiver or one that matches nothing fails the run. An
   * environment's {@code <properties>} may name its own ({@code beelms.smoke.waivers}).
   */
  @Parameter(property = "beelms.smoke.waivers")
  private File smokeWaivers;

  /** The folder below which {@code <environment>/} receives the JUnit XML and the checklist report. */
  @Parameter(
      property = "beelms.smoke.reportDirectory",
      defaultValue = "${project.build.directory}/beelms-smoke")
  private File reportDirectory;

  /** Skips this goal. */
  @Parameter(property = "beelms.skip.smoke", defaultValue = "false")
  private boolean skip;

  /** The user's Maven settings, where {@code <serverId>} and {@code <adminServerId>} are looked up. */
  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  /** The build session, for the {@code -Dbeelms.smoke.<key>} overrides given on the command line. */
  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Component private SettingsDecrypter settingsDecrypter;

  @Override
  protected String goal() {
    return SmokeGate.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    List<Environment> declared = EnvironmentDeclaration.toEnvironments(environments);
    Environment environment =
        new Environments(declared)
            .select(Optional.ofNullable(notBlank(target) ? target : beelmsTarget));
    SmokeSettings smoke =
        SmokeSettings.forEnvironment(environment)
            .urlOverride(url)
            .suites(suites)
            .reportRoot(reportDirectory.toPath())
            .recordDirectory(outputDirectory.toPath())
            .user(account(environment.serverId(), environment.name(), "serverId"))
            .admin(account(environment.adminServerId(), environment.name(), "adminServerId"))
            .overrides(commandLineSmokeProperties())
            .waivers(Optional.ofNullable(smokeWaivers).map(File::toPath))
            .environmentVariables(System.getenv())
            .build();
    return List.of(new SmokeGate(smoke));
  }

  /** {@code -Dbeelms.smoke.<key>=…} given to this build. */
  private Map<String, String> commandLineSmokeProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    if (session != null) {
      session.getUserProperties().stringPropertyNames().stream()
          .filter(k -> k.startsWith(SmokeConfig.PREFIX))
          .forEach(k -> out.put(k, session.getUserProperties().getProperty(k)));
    }
    return out;
  }

  /** The account of a settings.xml server; empty when no id is configured. */
  private Optional<Credentials> account(String id, String environment, String element) {
    return new SettingsServers(settings, settingsDecrypter).environmentAccount(id, environment, element);
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }

  /**
   * One {@code <environment>} as written in the POM; turned into a validated {@link Environment}
   * before anything runs.
   */
  public static class EnvironmentDeclaration {
    /** The name chosen with {@code -Dtarget}. */
    private String name;
    /** The API base, e.g. {@code https://staging.example.org/api}. */
    private String url;
    /** The web front end; enables the page checks. */
    private String webUrl;
    /** {@code staging} or {@code production}. */
    private String mode;
    /** The image tag the environment runs, e.g. {@code staging}. */
    private String imageTag;
    /** The settings.xml server with the smoke account (username = email, password). */
    private String serverId;
    /** The settings.xml server with an admin account. */
    private String adminServerId;
    /** The release the environment must run (checked against {@code /health}). */
    private String expectedVersion;
    /** Further smoke settings, {@code <beelms.smoke.readyTimeout>PT60S</beelms.smoke.readyTimeout>}. */
    private Map<String, String> properties;
    /** The deploy hook, for beelms:deploy. */
    private String deployCommand;
    /** The database restore hook, for beelms:rollback. */
    private String restoreCommand;
    /**
     * The smoke library's tiers run after a deploy or rollback: {@code smoke,regression} (the
     * default on staging) or {@code smoke} (the default on production).
     */
    private String smokeTiers;
    /** What beelms:deploy does when a step after the tag moved fails: stop (default) or rollback. */
    private String onFailure;
    /** Run after a failed deploy or rollback, with BEELMS_OUTCOME, … in its environment. */
    private String notifyCommand;
    /**
     * The public key (a PEM file, or the PEM itself) that signed the releases this environment
     * may run: deploy and rollback refuse an image without a signature and provenance by it.
     */
    private String verifyKey;
    /** What proves the release runs: health (default), endpoint, command or none. */
    private String identity;
    /** For identity=endpoint: the URL answering what runs (absolute, or a path below url). */
    private String identityUrl;
    /** For identity=endpoint: a JSON pointer (/version, /build/commit) or header:X-App-Version. */
    private String identityPointer;
    /** For identity=command: a command printing what runs (image@sha256:…, digest, version or commit). */
    private String identityCommand;
    /** How beelms:deploy backs up the database: none (default), api (admin backup API) or command. */
    private String backup;
    /** When: contract (default: the release brings a contract migration) or always. */
    private String backupBefore;
    /** For backup=command: takes the backup and prints its id as its last line. */
    private String backupCommand;
    /** The settings.xml server whose password encrypts the backups (backup=api); none = not encrypted. */
    private String backupPasswordServerId;
    /** The environment's database (JDBC URL), read to verify a restore's migration history. */
    private String database;
    /** The settings.xml server with the account for {@code <database>}. */
    private String databaseServerId;

    String name() {
      return name == null ? "" : name.trim();
    }

    String onFailure() {
      return onFailure;
    }

    String notifyCommand() {
      return notifyCommand == null ? "" : notifyCommand.trim();
    }

    String verifyKey() {
      return verifyKey == null ? "" : verifyKey.trim();
    }

    String backup() {
      return backup;
    }

    String backupBefore() {
      return backupBefore;
    }

    String backupCommand() {
      return backupCommand;
    }

    String backupPasswordServerId() {
      return backupPasswordServerId;
    }

    String database() {
      return database == null ? "" : database.trim();
    }

    String databaseServerId() {
      return databaseServerId;
    }

    /** The identity settings of {@code environment}, {@code override} ({@code -Dbeelms.deploy.identity}) winning. */
    org.beelms.plugin.identity.IdentitySettings identity(Environment environment, String override) {
      return org.beelms.plugin.identity.IdentitySettings.declared(
          "<environments>/<environment> '" + environment.name() + "'", environment.url(), identity, override,
          identityUrl, identityPointer, identityCommand);
    }

    /** The identity settings of each declared environment, by name. */
    static java.util.Map<String, org.beelms.plugin.identity.IdentitySettings> identities(
        List<EnvironmentDeclaration> declarations, List<Environment> environments, String override) {
      java.util.Map<String, org.beelms.plugin.identity.IdentitySettings> out = new java.util.LinkedHashMap<>();
      List<EnvironmentDeclaration> all = declarations == null ? List.of() : declarations;
      for (int i = 0; i < all.size() && i < environments.size(); i++) {
        out.put(environments.get(i).name(), all.get(i).identity(environments.get(i), override));
      }
      return out;
    }

    Environment toEnvironment() {
      return Environment.declared(
          name, url, webUrl, mode, imageTag, serverId, adminServerId, expectedVersion, properties,
          deployCommand, restoreCommand, smokeTiers);
    }

    /** The environments of a goal's {@code <environments>} (none when the POM declares none). */
    static List<Environment> toEnvironments(List<EnvironmentDeclaration> declarations) {
      List<Environment> declared = new ArrayList<>();
      for (EnvironmentDeclaration d : declarations == null ? List.<EnvironmentDeclaration>of() : declarations) {
        declared.add(d.toEnvironment());
      }
      return declared;
    }
  }
}
