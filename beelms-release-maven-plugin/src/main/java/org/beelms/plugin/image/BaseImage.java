package org.beelms.plugin.image;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The image the container is built on: nothing, an image tarball, or a registry image. */
public sealed interface BaseImage {

  /** The default for users: a JRE from Docker Hub (tests never pull it). */
  String DEFAULT = "eclipse-temurin:17-jre";

  /** Prefix of a base read from an image tarball, e.g. {@code tar:/path/base.tar}. */
  String TAR_PREFIX = "tar:";

  /** The value shown in logs and {@code image.json}. */
  String describe();

  /** Jib's empty base: no files, no configuration. */
  record Scratch() implements BaseImage {
    @Override
    public String describe() {
      return "scratch";
    }
  }

  /** A base read from an image tarball ({@code docker save} or Jib's tar output). */
  record Tar(Path file) implements BaseImage {
    public Tar {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String describe() {
      return TAR_PREFIX + file;
    }
  }

  /** A base pulled from a registry. */
  record Registry(String reference) implements BaseImage {
    public Registry {
      Objects.requireNonNull(reference, "reference");
    }

    @Override
    public String describe() {
      return reference;
    }

    /** The registry host (and port) the base lives in. */
    public String registry() {
      try {
        return ImageReference.parse(reference).getRegistry();
      } catch (InvalidImageReferenceException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Parses a setting value: {@code scratch}, {@code tar:/path/base.tar} or an image reference.
   *
   * @param setting the parameter and property, so the error can name them
   * @throws IllegalArgumentException naming the setting when the value is unusable
   */
  static BaseImage parse(String value, String setting) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          setting + " is empty; use scratch, tar:/path/base.tar or an image such as " + DEFAULT);
    }
    String text = value.trim();
    if (text.equals("scratch")) {
      return new Scratch();
    }
    if (text.startsWith(TAR_PREFIX)) {
      Path file = Path.of(text.substring(TAR_PREFIX.length())).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            setting + " names the tarball " + file + ", which does not exist; build or copy it first");
      }
      return new Tar(file);
    }
    try {
      ImageReference.parse(text);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException(
          setting
              + " is '"
              + text
              + "', not an image reference; use e.g. "
              + DEFAULT
              + ", 127.0.0.1:5000/base/jre:17, scratch or tar:/path/base.tar",
          e);
    }
    return new Registry(text);
  }
}
