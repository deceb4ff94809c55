package org.beelms.plugin.mojo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.git.GitCredentials;
import org.beelms.plugin.git.ReleaseTagger;
import org.beelms.plugin.git.ReleaseTaggerSettings;

/**
 * Release plan 2.3, git tag: an annotated tag {@code v<version>} on HEAD whose message is the
 * release notes' summary, refused on a dirty tree; a no-op when the tag is already on HEAD, an
 * error when it is on another commit. Optionally pushes that one tag. Never moves or deletes a
 * tag.
 */
@Mojo(name = "tag", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class TagMojo extends AbstractBeelmsMojo {

  /** The tag message: the summary beelms:release-notes writes. */
  @Parameter(
      property = "beelms.tag.messageFile",
      defaultValue = "${project.build.directory}/beelms-release/release-notes-summary.txt")
  private File messageFile;

  /** The tagger's name when git config has no {@code user.name}. */
  @Parameter(property = "beelms.tag.taggerName", defaultValue = ReleaseTaggerSettings.DEFAULT_NAME)
  private String taggerName;

  /** The tagger's e-mail when git config has no {@code user.email}. */
  @Parameter(
      property = "beelms.tag.taggerEmail",
      defaultValue = ReleaseTaggerSettings.DEFAULT_EMAIL)
  private String taggerEmail;

  /** Push the tag (only that tag, never forced) to {@code remote} after creating it. */
  @Parameter(property = "beelms.tag.push", defaultValue = "false")
  private boolean push;

  /** The remote to push to: its name in git config, or a URL. */
  @Parameter(property = "beelms.tag.remote", defaultValue = ReleaseTaggerSettings.DEFAULT_REMOTE)
  private String remote;

  /**
   * The id of a {@code settings.xml} {@code <server>} with the username and password (or token)
   * for the push. Without it {@code BEELMS_GIT_USERNAME} / {@code BEELMS_GIT_PASSWORD} are used
   * when set. Never logged.
   */
  @Parameter(property = "beelms.tag.serverId")
  private String serverId;

  /**
   * When the project version is a SNAPSHOT, tag the next patch version after the newest {@code
   * v*} tag (or keep the tag already on HEAD) instead of failing.
   */
  @Parameter(property = "beelms.deriveVersion", defaultValue = "false")
  private boolean deriveVersion;

  /** Say what would be tagged and pushed, and change nothing. */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Skip this goal. */
  @Parameter(property = "beelms.skip.tag", defaultValue = "false")
  private boolean skip;

  /** The user's Maven settings, where {@code serverId} is looked up. */
  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Component private SettingsDecrypter settingsDecrypter;

  @Override
  protected String goal() {
    return ReleaseTagger.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() throws IOException {
    return List.of(new ReleaseTagger(settings()));
  }

  ReleaseTaggerSettings settings() throws IOException {
    if (messageFile == null || !messageFile.isFile()) {
      throw new IllegalArgumentException(
          "the tag message " + messageFile + " does not exist; run beelms:release-notes first"
              + " (mvn package beelms:tag, or beelms:release-notes beelms:tag), or point"
              + " <messageFile> / -Dbeelms.tag.messageFile at a file with the message");
    }
    String message = Files.readString(messageFile.toPath(), StandardCharsets.UTF_8);
    ReleaseTaggerSettings s =
        new ReleaseTaggerSettings(
            project.getBasedir().toPath(),
            projectVersion(),
            deriveVersion,
            message,
            taggerName,
            taggerEmail,
            false,
            remote,
            Optional.empty(),
            dryRun,
            buildDirectory());
    return push ? s.withPush(remote, credentials()) : s;
  }

  /** The credentials for pushing to a git remote ({@code serverId}, else the environment). */
  Optional<GitCredentials> credentials() {
    return new SettingsServers(settings, settingsDecrypter).git(serverId);
  }

}
