package org.beelms.plugin.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image built elsewhere that the release adopts instead of building one: a registry reference
 * (the CI image, by tag or digest) or an image tarball ({@code docker save}, an OCI archive or an
 * OCI layout folder).
 */
public sealed interface AdoptSource {

  /** The value shown in logs and in {@code image.json}'s {@code base}. */
  String describe();

  /** An image already in a registry, e.g. {@code registry.example.org/beelms/core:ci-1a2b3c4}. */
  record Registry(ImageReference reference) implements AdoptSource {
    public Registry {
      Objects.requireNonNull(reference, "reference");
    }

    @Override
    public String describe() {
      return reference.toString();
    }
  }

  /** An image tarball or OCI layout folder on disk. */
  record Tar(Path file) implements AdoptSource {
    public Tar {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String describe() {
      return BaseImage.TAR_PREFIX + file;
    }
  }

  /**
   * Parses {@code tar:/path/image.tar} (or an OCI layout folder) or an image reference with a tag
   * or digest.
   *
   * @param setting the parameter and property, so the error can name them
   */
  static AdoptSource parse(String value, String setting) {
    String text = value == null ? "" : value.trim();
    if (text.startsWith(BaseImage.TAR_PREFIX)) {
      Path file = Path.of(text.substring(BaseImage.TAR_PREFIX.length())).toAbsolutePath().normalize();
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(
            setting + " names " + file + ", which does not exist; save the image there first"
                + " (docker save -o " + file + " <image>)");
      }
      return new Tar(file);
    }
    try {
      ImageReference reference = ImageReference.parse(text);
      boolean qualified =
          text.contains("@") || text.indexOf(':', text.lastIndexOf('/') + 1) >= 0;
      if (!qualified || text.isEmpty()) {
        throw new IllegalArgumentException(
            setting + " is '" + text + "'; give the CI image with its tag or digest (e.g."
                + " registry.example.org/beelms/core:ci-1a2b3c4) or tar:/path/image.tar");
      }
      return new Registry(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException(
          setting + " is '" + text + "', neither an image reference (host/repo:tag or"
              + " host/repo@sha256:...) nor tar:/path/image.tar",
          e);
    }
  }
}
