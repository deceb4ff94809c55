package org.beelms.plugin.mojo;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.migrations.Credentials;
import org.beelms.plugin.migrations.JdbcTarget;
import org.beelms.plugin.migrations.MigrationsCheck;
import org.beelms.plugin.migrations.MigrationCommand;
import org.beelms.plugin.migrations.MigrationTool;
import org.beelms.plugin.migrations.MigrationsSettings;

/**
 * Checks the Flyway migrations before a release: naming and order, released migrations
 * unchanged since the previous {@code v*} tag, a fresh database equal to one upgraded from the
 * previous release (on an embedded PostgreSQL unless {@code jdbcUrl} is set), the expand/contract
 * class of each new migration (written to {@code target/beelms-release/migrations.json}), and what
 * a configured target database will apply.
 */
@Mojo(name = "migrations-check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class MigrationsCheckMojo extends AbstractBeelmsMojo {

  /**
   * The folder with the migrations: Flyway SQL ({@code V<version>__<description>.sql}) or TypeORM
   * classes ({@code <epoch-ms>-<Name>.ts}, e.g. {@code be/src/migrations}).
   */
  @Parameter(
      property = "beelms.migrations.locations",
      defaultValue = "${project.basedir}/src/main/resources/db/migration")
  private File locations;

  /**
   * Which tool's migrations {@code locations} holds: {@code auto} (recognise the files),
   * {@code flyway} or {@code typeorm}.
   */
  @Parameter(property = "beelms.migrations.migrationTool", defaultValue = "auto")
  private String migrationTool;

  /**
   * The project's own command that applies the migrations (e.g. {@code npm --prefix be run
   * migration:run}), run with {@code sh -c} against scratch databases given in {@code DB_HOST},
   * {@code DB_PORT}, {@code DB_USER}, {@code DB_PASSWORD}, {@code DB_NAME}, {@code DATABASE_URL}.
   */
  @Parameter(property = "beelms.migrations.migrationCommand")
  private String migrationCommand;

  /** Where {@code migrationCommand} runs. */
  @Parameter(property = "beelms.migrations.migrationCommandDirectory", defaultValue = "${project.basedir}")
  private File migrationCommandDirectory;

  /**
   * Working-tree paths (relative to the project, e.g. {@code be/node_modules}) made available in
   * the previous release's exported tree as symbolic links, so {@code migrationCommand} runs there
   * without installing dependencies from a package registry.
   */
  @Parameter(property = "beelms.migrations.migrationCommandShared")
  private List<String> migrationCommandShared;

  /** How long one run of {@code migrationCommand} may take, in seconds. */
  @Parameter(property = "beelms.migrations.migrationCommandTimeout", defaultValue = "600")
  private int migrationCommandTimeout;

  /**
   * A PostgreSQL JDBC URL to migrate in instead of an embedded PostgreSQL; throwaway schemas are
   * created there and dropped afterwards. Empty: start an embedded PostgreSQL.
   */
  @Parameter(property = "beelms.migrations.jdbcUrl")
  private String jdbcUrl;

  /** The user for {@code jdbcUrl}; else the server's username, else {@code BEELMS_MIGRATIONS_USER}. */
  @Parameter(property = "beelms.migrations.user")
  private String jdbcUser;

  /**
   * Deprecated: the old name of {@code jdbcUser}, read for one more release and only with {@code
   * jdbcUrl} (the embedded database needs no user). {@code <user>} is the image's container user.
   */
  @Deprecated
  @Parameter
  private String user;

  /**
   * The id of a {@code settings.xml} {@code <server>} holding the password (and user) for {@code
   * jdbcUrl}; without it, {@code BEELMS_MIGRATIONS_PASSWORD} is read. Never logged.
   */
  @Parameter(property = "beelms.migrations.passwordServerId")
  private String passwordServerId;

  /**
   * A deployed database (e.g. staging) to report on: what this release will apply there, and any
   * failed, missing or checksum-mismatched migration. Empty: no target check. Read only.
   */
  @Parameter(property = "beelms.migrations.targetJdbcUrl")
  private String targetJdbcUrl;

  /** The user for {@code targetJdbcUrl}; else the server's, else {@code BEELMS_MIGRATIONS_TARGET_USER}. */
  @Parameter(property = "beelms.migrations.targetUser")
  private String targetUser;

  /**
   * The id of a {@code settings.xml} {@code <server>} with the target's credentials; without it,
   * {@code BEELMS_MIGRATIONS_TARGET_USER} / {@code BEELMS_MIGRATIONS_TARGET_PASSWORD} are read.
   */
  @Parameter(property = "beelms.migrations.targetServerId")
  private String targetServerId;

  /** The severity of a contract migration's finding: {@code info}, {@code warning} or {@code error}. */
  @Parameter(property = "beelms.migrations.contractSeverity", defaultValue = "warning")
  private String contractSeverity;

  /** The lowest finding severity that fails the goal: {@code info}, {@code warning} or {@code error}. */
  @Parameter(property = "beelms.migrations.failOn", defaultValue = "error")
  private String failOn;

  /**
   * Whether to compare with the previous release ({@code v*} tag below {@code releaseVersion}):
   * immutability, order and the upgrade path.
   */
  @Parameter(property = "beelms.migrations.compareWithPrevious", defaultValue = "true")
  private boolean compareWithPrevious;

  /**
   * The version being released; the previous release is the newest {@code v*} tag below it.
   * Default: the project's version, or the derived one with {@code beelms.deriveVersion}.
   */
  @Parameter(property = "beelms.migrations.releaseVersion")
  private String releaseVersion;

  /**
   * When the project version is a SNAPSHOT, the release is the next version after the newest
   * {@code v*} tag (or the tag already on HEAD), as every goal decides it.
   */
  @Parameter(property = "beelms.deriveVersion", defaultValue = "false")
  private boolean deriveVersion;

  /** Skips this goal. */
  @Parameter(property = "beelms.skip.migrations-check", defaultValue = "false")
  private boolean skip;

  /** The user's Maven settings, where {@code passwordServerId} and {@code targetServerId} are looked up. */
  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Component private SettingsDecrypter settingsDecrypter;

  @Override
  protected String goal() {
    return MigrationsCheck.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    MigrationsSettings s =
        MigrationsSettings.of(locations.toPath())
            .withCompareWithPrevious(compareWithPrevious)
            .withSeverities(
                Severity.parse(contractSeverity, "<contractSeverity> / -Dbeelms.migrations.contractSeverity"),
                Severity.parse(failOn, "<failOn> / -Dbeelms.migrations.failOn"))
            .withReportDirectory(outputDirectory.toPath())
            .withMigrationTool(
                MigrationTool.parse(migrationTool, "<migrationTool> / -Dbeelms.migrations.migrationTool"));
    if (notBlank(migrationCommand)) {
      s =
          s.withMigrationCommand(
              new MigrationCommand(
                  migrationCommand.trim(),
                  migrationCommandDirectory.toPath(),
                  java.time.Duration.ofSeconds(migrationCommandTimeout),
                  (migrationCommandShared == null ? List.<String>of() : migrationCommandShared).stream()
                      .filter(p -> !p.isBlank())
                      .map(p -> project.getBasedir().toPath().resolve(p.strip()))
                      .toList()));
    }
    Optional<SemanticVersion> version =
        releaseVersion != null && !releaseVersion.isBlank()
            ? SemanticVersion.parse(releaseVersion)
            : releaseVersion(deriveVersion);
    if (version.isPresent()) {
      s = s.withReleaseVersion(version.get());
    }
    Map<String, String> env = System.getenv();
    if (notBlank(jdbcUrl)) {
      s =
          s.withScratch(
              Credentials.resolve(renamed(jdbcUser, user, "user", "jdbcUser"),
                  server(passwordServerId, "passwordServerId"), env, Credentials.ENV_PREFIX)
                  .at(jdbcUrl.trim(), "<jdbcUrl> / -Dbeelms.migrations.jdbcUrl"));
    }
    if (notBlank(targetJdbcUrl)) {
      JdbcTarget target =
          Credentials.resolve(targetUser, server(targetServerId, "targetServerId"), env, Credentials.TARGET_ENV_PREFIX)
              .at(targetJdbcUrl.trim(), "<targetJdbcUrl> / -Dbeelms.migrations.targetJdbcUrl");
      s = s.withTarget(target);
    }
    return List.of(new MigrationsCheck(s));
  }

  /** The credentials of a settings.xml server, when an id is configured. */
  private Optional<Credentials> server(String id, String parameter) {
    return new SettingsServers(settings, settingsDecrypter)
        .account(id, "<" + parameter + "> / -Dbeelms.migrations." + parameter,
            "the BEELMS_MIGRATIONS_* environment variables")
        .map(a -> new Credentials(a.username().isEmpty() ? null : a.username(), a.password()));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
