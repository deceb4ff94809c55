package org.beelms.plugin.version;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code beelms:prepare} writes and how.
 *
 * @param projectDirectory the project (inside the git work tree)
 * @param poms the reactor's pom files, the root first
 * @param packageJsons {@code package.json} files whose version follows the release; a {@code
 *     package-lock.json} next to one follows it too
 * @param openApi the OpenAPI document whose {@code info.version} follows the release; empty for
 *     none
 * @param projectVersion the pom's version, e.g. {@code 0.2.0-SNAPSHOT}
 * @param explicitVersion {@code -Dbeelms.releaseVersion}; empty to derive it from the commits
 * @param nextSnapshot also commit the next development version
 * @param nextSnapshotPackageJson whether that commit also sets the {@code package.json} files
 * @param dryRun print the diff, write and commit nothing
 * @param buildDirectory the build's output folder, never counted as a change to the sources
 * @param sourceFolders the folders whose nearest {@code package.json} (in the folder or above it,
 *     up to the project) should follow the release: the migrations ({@code <locations>}) and the
 *     routes ({@code <sourceDirectory>}); one not in {@code packageJsons} is warned about
 */
public record PrepareSettings(
    Path projectDirectory,
    List<Path> poms,
    List<Path> packageJsons,
    Optional<Path> openApi,
    String projectVersion,
    Optional<String> explicitVersion,
    boolean nextSnapshot,
    boolean nextSnapshotPackageJson,
    boolean dryRun,
    Optional<Path> buildDirectory,
    List<Path> sourceFolders) {

  public PrepareSettings {
    poms = List.copyOf(poms);
    packageJsons = List.copyOf(packageJsons);
    openApi = openApi == null ? Optional.empty() : openApi;
    buildDirectory = buildDirectory == null ? Optional.empty() : buildDirectory;
    sourceFolders = sourceFolders == null ? List.of() : List.copyOf(sourceFolders);
    explicitVersion = explicitVersion == null ? Optional.empty() : explicitVersion.filter(v -> !v.isBlank());
  }
}
