package org.beelms.plugin.mojo;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.version.PrepareSettings;
import org.beelms.plugin.version.ReleasePreparation;

/**
 * Writes the release version where the project keeps it (reactor poms, {@code package.json}
 * files, the OpenAPI {@code info.version}) and commits {@code chore(release): X.Y.Z}; optionally
 * a second commit with the next SNAPSHOT. See {@link ReleasePreparation}.
 */
@Mojo(name = "prepare", aggregator = true, threadSafe = true)
public class PrepareMojo extends AbstractBeelmsMojo {

  /** {@code package.json} files (relative to the project) whose version follows the release. */
  @Parameter(property = "beelms.prepare.packageJsons")
  private List<String> packageJsons;

  /** The OpenAPI document whose {@code info.version} follows the release. */
  @Parameter(
      property = "beelms.openapi.spec",
      defaultValue = "${project.basedir}/docs/architecture/openapi.yaml")
  private File spec;

  /** After the release commit, commit the next development version (pom SNAPSHOT). */
  @Parameter(property = "beelms.prepare.nextSnapshot", defaultValue = "false")
  private boolean nextSnapshot;

  /** Whether the next-development-version commit also sets the {@code package.json} files. */
  @Parameter(property = "beelms.prepare.nextSnapshot.packageJson", defaultValue = "false")
  private boolean nextSnapshotPackageJson;

  /** The migrations folder; a {@code package.json} next to it should be in {@code packageJsons}. */
  @Parameter(
      property = "beelms.migrations.locations",
      defaultValue = "${project.basedir}/src/main/resources/db/migration")
  private File locations;

  /** The NestJS sources (routes); a {@code package.json} next to them should be in {@code packageJsons}. */
  @Parameter(property = "beelms.openapi.sourceDirectory", defaultValue = "${project.basedir}/src")
  private File sourceDirectory;

  /** Print the diff; write and commit nothing. */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Skip this goal. */
  @Parameter(property = "beelms.skip.prepare", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Override
  protected String goal() {
    return ReleasePreparation.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  /** The settings, with the next SNAPSHOT left to the caller when {@code deferNext}. */
  ReleasePreparation preparation() {
    List<java.nio.file.Path> poms = new ArrayList<>();
    List<MavenProject> reactor =
        session == null ? List.of(project) : session.getProjects();
    poms.add(project.getFile().toPath());
    for (MavenProject module : reactor) {
      if (module.getFile() != null && !module.getFile().equals(project.getFile())) {
        poms.add(module.getFile().toPath());
      }
    }
    List<java.nio.file.Path> jsons = new ArrayList<>();
    for (String json : packageJsons == null ? List.<String>of() : packageJsons) {
      if (!json.isBlank()) {
        jsons.add(project.getBasedir().toPath().resolve(json.strip()));
      }
    }
    return new ReleasePreparation(
        new PrepareSettings(
            project.getBasedir().toPath(),
            poms,
            jsons,
            Optional.ofNullable(spec).map(File::toPath),
            project.getVersion(),
            Optional.ofNullable(explicitReleaseVersion),
            nextSnapshot,
            nextSnapshotPackageJson,
            dryRun,
            buildDirectory(),
            java.util.stream.Stream.of(locations, sourceDirectory)
                .filter(java.util.Objects::nonNull)
                .map(File::toPath)
                .toList()));
  }

  /** Whether a next-development-version commit was asked for. */
  boolean nextSnapshot() {
    return nextSnapshot;
  }

  @Override
  protected List<Gate> gates() {
    ReleasePreparation preparation = preparation();
    return nextSnapshot
        ? List.of(preparation, preparation.nextDevelopmentVersion())
        : List.of(preparation);
  }
}
