package org.beelms.plugin.git;

import java.util.List;
import java.util.Optional;

/**
 * Decides the version being released from the project's version and the release tags: a release
 * version is taken as it is; a SNAPSHOT is refused unless deriving is asked for, in which case
 * the release is the release tag already on HEAD (so re-running a release neither tags the same
 * commit twice nor writes empty notes for the next version), else the version {@link NextVersion}
 * derives from the Conventional Commits since the newest {@code v*} tag (or {@code 0.1.0} for the
 * first release, as the release plan names it).
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
    return decide(projectVersion, derive, history).version();
  }

  /**
   * The release version and why.
   *
   * @param version the version being released
   * @param reason one line naming where it comes from, e.g. {@code 0.2.0: 1 feat since v0.1.0
   *     (2b958d5 feat(courses): list courses)}
   */
  public record Resolved(SemanticVersion version, String reason) {}

  /** {@link #resolve} with the reason for the version. */
  public static Resolved decide(String projectVersion, boolean derive, ReleaseHistory history) {
    Optional<SemanticVersion> parsed = SemanticVersion.parse(projectVersion);
    if (parsed.isPresent() && !parsed.get().isSnapshot()) {
      return new Resolved(parsed.get(), givenReason(parsed.get(), history));
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
      return new Resolved(
          onHead.get().version(),
          onHead.get().version() + ": " + onHead.get().name() + " already tags HEAD");
    }
    NextVersion.Decision next = NextVersion.decide(history);
    return new Resolved(next.version(), next.reason());
  }

  /** Why a version given to the build: the commits' reason when they agree, else both. */
  private static String givenReason(SemanticVersion given, ReleaseHistory history) {
    Optional<String> head = history.head().map(commit -> commit.getId().name());
    Optional<ReleaseTag> onHead =
        history.releaseTags().stream()
            .filter(tag -> tag.version().equals(given) && head.isPresent()
                && tag.commit().equals(head.get()))
            .findFirst();
    if (onHead.isPresent()) {
      return given + ": " + onHead.get().name() + " already tags HEAD";
    }
    NextVersion.Decision next = NextVersion.decide(history);
    if (next.version().equals(given)) {
      return next.reason();
    }
    return given + ": set for the build (the commits call for " + next.reason() + ")";
  }

  /**
   * Checks an explicit release version ({@code -Dbeelms.releaseVersion}): a release version above
   * the newest {@code v*} tag, or the version of the tag already on HEAD (a re-run).
   *
   * @throws IllegalArgumentException naming the property and the tag it must exceed
   */
  public static SemanticVersion explicit(String text, ReleaseHistory history) {
    SemanticVersion version =
        SemanticVersion.parse(text)
            .filter(v -> !v.isSnapshot())
            .orElseThrow(() -> new IllegalArgumentException(
                "-Dbeelms.releaseVersion=" + text + " is not a release version; give"
                    + " MAJOR.MINOR.PATCH, e.g. 0.2.0"));
    Optional<String> head = history.head().map(commit -> commit.getId().name());
    for (ReleaseTag tag : history.releaseTags()) {
      boolean rerun =
          tag.version().equals(version) && head.isPresent() && tag.commit().equals(head.get());
      if (!rerun && tag.version().compareTo(version) >= 0) {
        throw new IllegalArgumentException(
            "-Dbeelms.releaseVersion=" + version + " is not above the previous release "
                + tag.name() + "; give a version above " + tag.version()
                + " or leave the property out to derive it from the commits");
      }
    }
    return version;
  }
}
