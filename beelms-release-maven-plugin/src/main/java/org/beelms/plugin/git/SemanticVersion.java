package org.beelms.plugin.git;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release version {@code MAJOR.MINOR.PATCH[-PRERELEASE]}, as release tags ({@code v0.1.0}) and
 * Maven versions carry it. Build metadata and SNAPSHOT qualifiers are not release versions.
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease)
    implements Comparable<SemanticVersion> {

  private static final Pattern PATTERN =
      Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?");

  private static final Comparator<SemanticVersion> ORDER =
      Comparator.comparingInt(SemanticVersion::major)
          .thenComparingInt(SemanticVersion::minor)
          .thenComparingInt(SemanticVersion::patch)
          // A pre-release sorts before its release: 1.0.0-rc.1 < 1.0.0.
          .thenComparing(v -> v.preRelease().isEmpty() ? "~" : v.preRelease());

  public SemanticVersion {
    preRelease = preRelease == null ? "" : preRelease;
  }

  /** Parses {@code 1.2.3} or {@code 1.2.3-rc.1}; empty for anything else. */
  public static Optional<SemanticVersion> parse(String text) {
    Matcher m = PATTERN.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new SemanticVersion(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            m.group(4)));
  }

  /** Parses a release tag name {@code v1.2.3}; empty when the name is not one. */
  public static Optional<SemanticVersion> fromTag(String tagName) {
    if (tagName == null || !tagName.startsWith("v")) {
      return Optional.empty();
    }
    return parse(tagName.substring(1));
  }

  public boolean isSnapshot() {
    return preRelease.endsWith("SNAPSHOT");
  }

  public SemanticVersion nextPatch() {
    return new SemanticVersion(major, minor, patch + 1, "");
  }

  public String tagName() {
    return "v" + this;
  }

  @Override
  public int compareTo(SemanticVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
  }
}
