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
 */
public record AdoptSettings(
    AdoptSource source,
    String image,
    List<String> tags,
    String commit,
    Optional<RegistryCredentials> credentials,
    boolean allowInsecureRegistries,
    Path outputDirectory) {

  public AdoptSettings {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    credentials = credentials == null ? Optional.empty() : credentials;
    tags = List.copyOf(new LinkedHashSet<>(tags));
    // the same checks as a build: a repository without tag, valid tags
    ImageSettings.validateImage(image);
    ImageSettings.validateTags(tags);
  }
}
