package org.beelms.plugin.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;

/**
 * What an adopted image says about where it came from: the OCI labels of its container
 * configuration. The revision label ({@code org.opencontainers.image.revision}, or the older
 * {@code org.label-schema.vcs-ref}) must name the released commit.
 *
 * @param revision the commit the image says it was built from
 * @param revisionLabel which label gave it
 * @param version {@code org.opencontainers.image.version}
 * @param source {@code org.opencontainers.image.source}
 */
public record Provenance(
    Optional<String> revision, String revisionLabel, Optional<String> version, Optional<String> source) {

  public static final String REVISION = "org.opencontainers.image.revision";
  public static final String LEGACY_REVISION = "org.label-schema.vcs-ref";
  public static final String VERSION = "org.opencontainers.image.version";
  public static final String SOURCE = "org.opencontainers.image.source";
  public static final String CREATED = "org.opencontainers.image.created";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the labels of a container configuration (Docker or OCI). */
  public static Provenance of(byte[] config, String where) throws ImageException {
    JsonNode labels;
    try {
      labels = JSON.readTree(config).path("config").path("Labels");
    } catch (IOException e) {
      throw new ImageException(where + ": the container configuration is not JSON", e);
    }
    Optional<String> revision = label(labels, REVISION);
    String which = REVISION;
    if (revision.isEmpty()) {
      revision = label(labels, LEGACY_REVISION);
      which = LEGACY_REVISION;
    }
    return new Provenance(revision, which, label(labels, VERSION), label(labels, SOURCE));
  }

  private static Optional<String> label(JsonNode labels, String name) {
    String value = labels.path(name).asText("").trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * Checks the revision against the released commit and reports the labels.
   *
   * @param commit the full SHA of the released commit
   * @param image the adopted image (and platform), for the messages
   * @param allowUnlabelled the reason to adopt an image without a revision label, recorded as
   *     "revision not verified"; empty: a missing label is an error
   * @return the findings: a warning when there is no revision label and a reason was given, info
   *     for revision, version and source
   * @throws ImageException when the revision names another commit (both commits named), or when
   *     there is none and no reason was given (the label and the fix named)
   */
  public List<Finding> check(String commit, String image, Optional<String> allowUnlabelled)
      throws ImageException {
    List<Finding> findings = new ArrayList<>();
    String short7 = commit.substring(0, 7);
    String fix = "build it with the label (docker build --label " + REVISION
        + "=$(git rev-parse HEAD), or the OCI annotation " + REVISION + ")";
    if (revision.isEmpty() && allowUnlabelled.isEmpty()) {
      throw new ImageException(
          image + " has no " + REVISION + " label (nor " + LEGACY_REVISION + "), so nothing proves"
              + " it was built from the released commit " + short7 + "; " + fix + ", or adopt it"
              + " unverified with " + AdoptSettings.ALLOW_UNLABELLED + "=<reason> (recorded)",
          null);
    } else if (revision.isEmpty()) {
      findings.add(
          Finding.warning(
              "revision not verified: " + allowUnlabelled.get() + " (no " + REVISION
                  + " label; adopted by " + AdoptSettings.ALLOW_UNLABELLED + ")",
              image,
              fix));
    } else if (!matches(revision.get(), commit)) {
      throw new ImageException(
          image + " was built from commit " + revision.get() + " (label " + revisionLabel
              + ") but the release is commit " + commit
              + "; adopt the image CI built from " + short7 + ", or release that commit",
          null);
    } else {
      findings.add(Finding.info("revision " + revision.get() + " (" + revisionLabel
          + ") is the released commit", image));
    }
    version.ifPresent(v -> findings.add(Finding.info("image version " + v + " (" + VERSION + ")", image)));
    source.ifPresent(s -> findings.add(Finding.info("image source " + s + " (" + SOURCE + ")", image)));
    return findings;
  }

  /** Equal, or an abbreviation of at least 7 hex digits of the commit. */
  private static boolean matches(String label, String commit) {
    String value = label.toLowerCase(java.util.Locale.ROOT);
    return value.equals(commit) || value.length() >= 7 && commit.startsWith(value);
  }
}
