package org.beelms.plugin.git;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scope-freeze gate checks against.
 *
 * @param projectDirectory a folder inside the git work tree (the project's base folder)
 * @param allowedBranches branch names or globs ({@code release/*}) HEAD may be on
 * @param projectVersion the build's version
 * @param deriveVersion whether a SNAPSHOT becomes the next version after the newest tag
 * @param spec the OpenAPI document whose {@code info.version} must equal the release version;
 *     empty to skip that comparison
 * @param requireUpstreamMatch whether HEAD must equal its upstream branch when it has one
 * @param buildDirectory the build's output folder ({@code ${project.build.directory}}), never a
 *     finding of the tree check: the plugin writes its reports there, ignored by git or not
 * @param releaseCommit the release commit {@code prepare} just made in this run: accepted as the
 *     one commit HEAD is ahead of its upstream (it is pushed with the tag at the end)
 */
public record ScopeFreezeSettings(
    Path projectDirectory,
    List<String> allowedBranches,
    String projectVersion,
    boolean deriveVersion,
    Optional<Path> spec,
    boolean requireUpstreamMatch,
    Optional<Path> buildDirectory,
    Optional<String> releaseCommit) {

  public ScopeFreezeSettings {
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    allowedBranches = List.copyOf(allowedBranches);
    if (allowedBranches.isEmpty()) {
      throw new IllegalArgumentException(
          "<branches> / -Dbeelms.scope-freeze.branches is empty; name at least one branch,"
              + " e.g. main,release/*");
    }
    Objects.requireNonNull(projectVersion, "projectVersion");
    spec = spec == null ? Optional.empty() : spec;
    buildDirectory = buildDirectory == null ? Optional.empty() : buildDirectory;
    releaseCommit = releaseCommit == null ? Optional.empty() : releaseCommit.filter(c -> !c.isBlank());
  }
}
