package org.beelms.plugin.openapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a source file named relative to its source root ({@code org/acme/WikiResource.java}) into
 * the path findings show: the real file under one of the source roots, relative to the project's
 * base directory when it lies inside it; the name as given when no root holds it.
 */
public final class SourceLocator {

  private final Path baseDirectory;
  private final List<Path> sourceRoots;

  public SourceLocator(Path baseDirectory, List<Path> sourceRoots) {
    this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    this.sourceRoots = List.copyOf(sourceRoots);
  }

  /** A locator that shows names as given (no source roots). */
  public static SourceLocator none(Path baseDirectory) {
    return new SourceLocator(baseDirectory, List.of());
  }

  public String locate(String relativeName) {
    for (Path root : sourceRoots) {
      Path candidate = root.resolve(relativeName);
      if (Files.isRegularFile(candidate)) {
        return display(candidate);
      }
    }
    return relativeName;
  }

  /** {@code file} relative to the base directory when inside it, with forward slashes. */
  public String display(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path shown = absolute.startsWith(baseDirectory) ? baseDirectory.relativize(absolute) : absolute;
    return shown.toString().replace('\\', '/');
  }
}
