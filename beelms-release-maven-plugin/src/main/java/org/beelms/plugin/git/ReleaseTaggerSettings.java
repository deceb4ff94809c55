package org.beelms.plugin.git;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ReleaseTagger} tags and where it pushes.
 *
 * @param projectDirectory a folder inside the git work tree
 * @param projectVersion the build's version ({@code 0.2.0}, or a SNAPSHOT with {@code
 *     deriveVersion})
 * @param deriveVersion whether a SNAPSHOT becomes the next version after the newest tag
 * @param message the annotated tag's message (the release notes' summary)
 * @param fallbackName the tagger's name when git config has no {@code user.name}
 * @param fallbackEmail the tagger's e-mail when git config has no {@code user.email}
 * @param push whether to push the tag to {@code remote}
 * @param remote the remote's name in git config ({@code origin}) or its URL
 * @param credentials for the push; empty for none (SSH agent, file URL, public remote)
 * @param dryRun report what would be done and change nothing
 * @param buildDirectory the build's output folder, never counted as a change to the sources
 */
public record ReleaseTaggerSettings(
    Path projectDirectory,
    String projectVersion,
    boolean deriveVersion,
    String message,
    String fallbackName,
    String fallbackEmail,
    boolean push,
    String remote,
    Optional<GitCredentials> credentials,
    boolean dryRun,
    Optional<Path> buildDirectory) {

  public static final String DEFAULT_REMOTE = "origin";
  public static final String DEFAULT_NAME = "beelms release";
  public static final String DEFAULT_EMAIL = "release@beelms.invalid";

  public ReleaseTaggerSettings {
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    Objects.requireNonNull(projectVersion, "projectVersion");
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException(
          "the tag message is empty; run beelms:release-notes first (it writes the summary the"
              + " tag carries) or point <messageFile> / -Dbeelms.tag.messageFile at a summary");
    }
    if (fallbackName == null || fallbackName.isBlank()) {
      throw new IllegalArgumentException(
          "<taggerName> / -Dbeelms.tag.taggerName is empty; give the name used when git config"
              + " has no user.name");
    }
    if (fallbackEmail == null || fallbackEmail.isBlank()) {
      throw new IllegalArgumentException(
          "<taggerEmail> / -Dbeelms.tag.taggerEmail is empty; give the e-mail used when git"
              + " config has no user.email");
    }
    remote = remote == null || remote.isBlank() ? DEFAULT_REMOTE : remote.trim();
    credentials = credentials == null ? Optional.empty() : credentials;
    buildDirectory = buildDirectory == null ? Optional.empty() : buildDirectory;
  }

  /** Tag settings for {@code version} with the default tagger and remote, no push. */
  public static ReleaseTaggerSettings of(Path projectDirectory, String version, String message) {
    return new ReleaseTaggerSettings(
        projectDirectory, version, false, message, DEFAULT_NAME, DEFAULT_EMAIL, false,
        DEFAULT_REMOTE, Optional.empty(), false, Optional.empty());
  }

  public ReleaseTaggerSettings withPush(String remoteNameOrUrl, Optional<GitCredentials> creds) {
    return new ReleaseTaggerSettings(
        projectDirectory, projectVersion, deriveVersion, message, fallbackName, fallbackEmail,
        true, remoteNameOrUrl, creds, dryRun, buildDirectory);
  }

  public ReleaseTaggerSettings withDryRun(boolean dry) {
    return new ReleaseTaggerSettings(
        projectDirectory, projectVersion, deriveVersion, message, fallbackName, fallbackEmail,
        push, remote, credentials, dry, buildDirectory);
  }

  public ReleaseTaggerSettings withTagger(String name, String email) {
    return new ReleaseTaggerSettings(
        projectDirectory, projectVersion, deriveVersion, message, name, email, push, remote,
        credentials, dryRun, buildDirectory);
  }

  @Override
  public String toString() {
    return "ReleaseTaggerSettings[projectDirectory=" + projectDirectory + ", projectVersion="
        + projectVersion + ", deriveVersion=" + deriveVersion + ", push=" + push + ", remote="
        + remote + ", credentials=" + credentials + ", dryRun=" + dryRun + "]";
  }
}
