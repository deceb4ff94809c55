package org.beelms.plugin.git;

import java.util.Optional;

/**
 * The version released from HEAD, safe to compute again after HEAD was tagged: as {@link
 * ReleaseVersion#resolve} decides it, except that a derived version (from a SNAPSHOT) is the
 * release tag already on HEAD when there is one, so re-running a release neither tags the same
 * commit twice nor writes empty notes for the next patch.
 */
public final class HeadVersion {

  private HeadVersion() {}

  /**
   * @throws IllegalArgumentException as {@link ReleaseVersion#resolve} does
   */
  public static SemanticVersion resolve(
      String projectVersion, boolean derive, ReleaseHistory history) {
    Optional<SemanticVersion> parsed = SemanticVersion.parse(projectVersion);
    boolean release = parsed.isPresent() && !parsed.get().isSnapshot();
    if (!release && derive) {
      Optional<String> head = history.head().map(c -> c.getId().name());
      Optional<ReleaseTag> onHead =
          history.releaseTags().stream()
              .filter(tag -> head.isPresent() && tag.commit().equals(head.get()))
              .findFirst();
      if (onHead.isPresent()) {
        return onHead.get().version();
      }
    }
    return ReleaseVersion.resolve(projectVersion, derive, history);
  }
}
