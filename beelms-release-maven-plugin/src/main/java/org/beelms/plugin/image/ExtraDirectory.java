package org.beelms.plugin.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A folder (or a single file) copied into the image as its own layer, e.g. a Node {@code dist/}
 * into {@code /app/dist} or {@code package.json} into {@code /app/package.json}.
 *
 * @param source the folder on disk
 * @param containerPath the absolute path in the image it is copied to
 */
public record ExtraDirectory(Path source, String containerPath) {

  public ExtraDirectory {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(containerPath, "containerPath");
    if (!containerPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "the container path of " + source + " is '" + containerPath + "'; it must be absolute (e.g. /app)");
    }
  }

  /**
   * Parses {@code folder:/container/path}, the folder resolved against {@code baseDirectory}.
   *
   * @param setting the parameter and property, so the error can name them
   */
  public static ExtraDirectory parse(String value, Path baseDirectory, String setting) {
    int split = value == null ? -1 : value.lastIndexOf(":/");
    if (split <= 0) {
      throw new IllegalArgumentException(
          setting + " entry '" + value + "' is not folder:/container/path (e.g. dist:/app)");
    }
    Path source = baseDirectory.resolve(value.substring(0, split).trim()).normalize();
    if (!Files.exists(source)) {
      throw new IllegalArgumentException(
          setting + " entry '" + value + "': " + source + " does not exist; build it first or fix the path");
    }
    return new ExtraDirectory(source, value.substring(split + 1).trim());
  }
}
