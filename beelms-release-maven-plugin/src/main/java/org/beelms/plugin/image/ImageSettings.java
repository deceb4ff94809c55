package org.beelms.plugin.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link ImagePublisher} needs, resolved once and validated here: an invalid value
 * fails the constructor with a message naming the parameter and its {@code -D} property. The
 * credentials' password never appears in {@link #toString()}.
 *
 * @param image the repository without a tag, e.g. {@code 127.0.0.1:5000/beelms/core}
 * @param tags the tags the image gets, all on the same image: the release tag ({@code v0.1.0})
 *     and the short commit SHA; the first is the primary tag
 * @param from the base image
 * @param to where the image goes
 * @param tarPath the tarball written when {@code to} is {@link TargetKind#TAR}
 * @param java the Java application layers; empty for a project that is not Java
 * @param extraDirectories folders added as layers after the Java layers
 * @param entrypoint the container's entrypoint; required without {@code java}, overrides
 *     Java's {@code java -cp ... mainClass} when given
 * @param credentials registry credentials for the target (and a base in the same registry)
 * @param allowInsecureRegistries whether plain HTTP (or an unverified certificate) may be used
 * @param outputDirectory where {@code image.json} is written
 * @param applicationCache Jib's cache of the application layers
 * @param baseImageCache Jib's cache of base image layers; empty for Jib's per-user default
 * @param container working directory, environment, ports, user, labels and creation time
 */
public record ImageSettings(
    String image,
    List<String> tags,
    BaseImage from,
    TargetKind to,
    Path tarPath,
    Optional<JavaLayers> java,
    List<ExtraDirectory> extraDirectories,
    List<String> entrypoint,
    Optional<RegistryCredentials> credentials,
    boolean allowInsecureRegistries,
    Path outputDirectory,
    Path applicationCache,
    Optional<Path> baseImageCache,
    ContainerConfig container) {

  /** Settings with nothing beyond Jib's container defaults. */
  public ImageSettings(
      String image,
      List<String> tags,
      BaseImage from,
      TargetKind to,
      Path tarPath,
      Optional<JavaLayers> java,
      List<ExtraDirectory> extraDirectories,
      List<String> entrypoint,
      Optional<RegistryCredentials> credentials,
      boolean allowInsecureRegistries,
      Path outputDirectory,
      Path applicationCache,
      Optional<Path> baseImageCache) {
    this(image, tags, from, to, tarPath, java, extraDirectories, entrypoint, credentials,
        allowInsecureRegistries, outputDirectory, applicationCache, baseImageCache, ContainerConfig.NONE);
  }

  public ImageSettings {
    container = container == null ? ContainerConfig.NONE : container;
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(applicationCache, "applicationCache");
    java = java == null ? Optional.empty() : java;
    credentials = credentials == null ? Optional.empty() : credentials;
    baseImageCache = baseImageCache == null ? Optional.empty() : baseImageCache;
    extraDirectories = List.copyOf(extraDirectories == null ? List.of() : extraDirectories);
    entrypoint = List.copyOf(entrypoint == null ? List.of() : entrypoint);
    tags = List.copyOf(new LinkedHashSet<>(tags == null ? List.of() : tags));
    image = validateImage(image);
    validateTags(tags);
    if (to == TargetKind.TAR && tarPath == null) {
      throw new IllegalArgumentException(
          "<to> is tar but <tarPath> / -Dbeelms.image.tarPath is not set");
    }
    if (java.isEmpty() && entrypoint.isEmpty()) {
      throw new IllegalArgumentException(
          "the image would have nothing to run: set <mainClass> / -Dbeelms.image.mainClass for a"
              + " Java project, or <entrypoint> / -Dbeelms.image.entrypoint (e.g. node,/app/main.js)");
    }
    if (java.isEmpty() && extraDirectories.isEmpty()) {
      throw new IllegalArgumentException(
          "the image would have no application files: set <mainClass> for a Java project or"
              + " <extraDirectories> / -Dbeelms.image.extraDirectories (e.g. dist:/app)");
    }
  }

  static void validateTags(List<String> tags) {
    if (tags.isEmpty()) {
      throw new IllegalArgumentException(
          "no tag for the image; the release version and the commit SHA give the tags");
    }
    for (String tag : tags) {
      if (!ImageReference.isValidTag(tag)) {
        throw new IllegalArgumentException(
            "'" + tag + "' is not a valid image tag (letters, digits, _ . -; at most 128)");
      }
    }
  }

  static String validateImage(String image) {
    String setting = "<image> / -Dbeelms.image.image";
    if (image == null || image.isBlank()) {
      throw new IllegalArgumentException(
          setting + " is empty; give the repository, e.g. 127.0.0.1:5000/beelms/core");
    }
    if (org.beelms.smoke.client.Redactor.hasUserInfo(image)) {
      throw new IllegalArgumentException(
          org.beelms.smoke.client.Redactor.userInfoRefused(setting)
              + " (<registryServerId> / -Dbeelms.image.registryServerId names it)");
    }
    try {
      String trimmed = image.trim();
      ImageReference.parse(trimmed);
      boolean qualified =
          trimmed.contains("@") || trimmed.indexOf(':', trimmed.lastIndexOf('/') + 1) >= 0;
      if (qualified) {
        throw new IllegalArgumentException(
            setting
                + " is '"
                + image
                + "'; give the repository without a tag or digest (the release version and"
                + " commit SHA are the tags)");
      }
      return image.trim();
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException(
          setting + " is '" + image + "', not an image repository (e.g. 127.0.0.1:5000/beelms/core)",
          e);
    }
  }

  /** The registry host (and port) of {@link #image()}. */
  public String registry() {
    return reference(tags.get(0)).getRegistry();
  }

  /** The repository path of {@link #image()} within its registry, e.g. {@code beelms/core}. */
  public String repository() {
    return reference(tags.get(0)).getRepository();
  }

  /** {@link #image()} with {@code tag}. */
  public ImageReference reference(String tag) {
    try {
      return ImageReference.parse(image + ":" + tag);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalStateException("validated in the constructor", e);
    }
  }
}
