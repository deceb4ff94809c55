package org.beelms.plugin.image;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link ImageAdopter} needs.
 *
 * @param source the image built elsewhere
 * @param image the release repository without a tag, e.g. {@code 127.0.0.1:5000/beelms/core}
 * @param tags the release tags, primary first ({@code v0.1.0}, the short SHA)
 * @param commit the full SHA of the released commit, checked against the revision label
 * @param credentials registry credentials, for the source and the target registry
 * @param allowInsecureRegistries whether plain HTTP may be used
 * @param outputDirectory where {@code image.json} goes and a tarball is unpacked
 * @param allowUnlabelled why an image without a revision label may be adopted (recorded as
 *     "revision not verified"); empty: such an image is refused
 */
public record AdoptSettings(
    AdoptSource source,
    String image,
    List<String> tags,
    String commit,
    Optional<RegistryCredentials> credentials,
    boolean allowInsecureRegistries,
    Path outputDirectory,
    Optional<String> allowUnlabelled) {

  /** The parameter and property that let an image without a revision label through. */
  public static final String ALLOW_UNLABELLED = "<allowUnlabelled> / -Dbeelms.image.allowUnlabelled";

  /** Settings that refuse an image without a revision label. */
  public AdoptSettings(
      AdoptSource source,
      String image,
      List<String> tags,
      String commit,
      Optional<RegistryCredentials> credentials,
      boolean allowInsecureRegistries,
      Path outputDirectory) {
    this(source, image, tags, commit, credentials, allowInsecureRegistries, outputDirectory,
        Optional.empty());
  }

  public AdoptSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    credentials = credentials == null ? Optional.empty() : credentials;
    allowUnlabelled = allowUnlabelled == null
        ? Optional.empty()
        : allowUnlabelled.map(String::trim).filter(r -> !r.isEmpty());
    if (allowUnlabelled.filter(r -> r.equalsIgnoreCase("true")).isPresent()) {
      throw new IllegalArgumentException(
          ALLOW_UNLABELLED + " needs a reason, not 'true': it is recorded in the release record"
              + " and notes as \"revision not verified: <reason>\", e.g."
              + " -Dbeelms.image.allowUnlabelled=\"vendor image, built before CI labelled images\"");
    }
    tags = List.copyOf(new LinkedHashSet<>(tags));
    // the same checks as a build: a repository without tag, valid tags
    ImageSettings.validateImage(image);
    ImageSettings.validateTags(tags);
  }
}
