package org.beelms.plugin.git;

import java.util.List;
import java.util.Optional;

/**
 * Decides the version being released from the project's version and the release tags: a release
 * version is taken as it is; a SNAPSHOT is refused unless deriving is asked for, in which case
 * the release is the release tag already on HEAD (so re-running a release neither tags the same
 * commit twice nor writes empty notes for the next patch), else the next patch after the newest
 * {@code v*} tag (or {@code 0.1.0} for the first release, as the release plan names it).
 */
public final class ReleaseVersion {

  static final SemanticVersion FIRST_RELEASE = new SemanticVersion(0, 1, 0, "");

  private ReleaseVersion() {}

  /**
   * @param projectVersion the build's version, e.g. {@code 0.2.0} or {@code 0.2.0-SNAPSHOT}
   * @param derive whether a SNAPSHOT may be turned into the next version after the newest tag
   * @param history the repository's tags
   * @return the release version
   * @throws IllegalArgumentException when the version is not a release version and may not be
   *     derived, saying which setting to change
   */
  public static SemanticVersion resolve(
      String projectVersion, boolean derive, ReleaseHistory history) {
    Optional<SemanticVersion> parsed = SemanticVersion.parse(projectVersion);
    if (parsed.isPresent() && !parsed.get().isSnapshot()) {
      return parsed.get();
    }
    if (!derive) {
      throw new IllegalArgumentException(
          "the project version "
              + projectVersion
              + " is not a release version; set <version> in pom.xml to a release (e.g. "
              + parsed.map(v -> new SemanticVersion(v.major(), v.minor(), v.patch(), ""))
                  .map(SemanticVersion::toString)
                  .orElse("0.1.0")
              + ") or pass -Dbeelms.deriveVersion=true to release the next version after the"
              + " newest v* tag");
    }
    Optional<String> head = history.head().map(commit -> commit.getId().name());
    List<ReleaseTag> tags = history.releaseTags();
    Optional<ReleaseTag> onHead =
        tags.stream().filter(tag -> head.isPresent() && tag.commit().equals(head.get())).findFirst();
    if (onHead.isPresent()) {
      return onHead.get().version();
    }
    return tags.stream()
        .findFirst()
        .map(tag -> tag.version().nextPatch())
        .orElse(FIRST_RELEASE);
  }
}
