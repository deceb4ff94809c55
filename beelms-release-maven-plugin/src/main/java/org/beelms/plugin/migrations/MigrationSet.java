package org.beelms.plugin.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SQL files of one migrations location (Flyway scans it recursively), from disk or from a
 * release tag, in Flyway's order: versioned by version, then repeatables by description.
 */
public final class MigrationSet {

  private static final Comparator<MigrationFile> FLYWAY_ORDER =
      Comparator.comparing((MigrationFile f) -> f.kind().ordinal())
          .thenComparing(
              f -> f.version().orElse(MigrationVersion.parse("0")), Comparator.naturalOrder())
          .thenComparing(MigrationFile::description)
          .thenComparing(MigrationFile::relativePath);

  private final List<MigrationFile> files;

  public MigrationSet(List<MigrationFile> files) {
    List<MigrationFile> sorted = new ArrayList<>(files);
    sorted.sort(FLYWAY_ORDER);
    this.files = List.copyOf(sorted);
  }

  /** Every {@code *.sql} file below {@code location}; empty when the folder does not exist. */
  public static MigrationSet scan(Path location) {
    if (!Files.isDirectory(location)) {
      return new MigrationSet(List.of());
    }
    try (Stream<Path> walk = Files.walk(location)) {
      List<MigrationFile> files = new ArrayList<>();
      for (Path p : walk.filter(Files::isRegularFile).filter(MigrationSet::isSql).toList()) {
        files.add(
            new MigrationFile(
                location.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p)));
      }
      return new MigrationSet(files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the migrations in " + location, e);
    }
  }

  /**
   * The SQL files of a tree read from git ({@code gitPath → bytes}), relative to {@code
   * gitDirectory}.
   */
  public static MigrationSet fromTree(Map<String, byte[]> tree, String gitDirectory) {
    String prefix = gitDirectory.endsWith("/") ? gitDirectory : gitDirectory + "/";
    List<MigrationFile> files = new ArrayList<>();
    tree.forEach(
        (path, bytes) -> {
          if (path.startsWith(prefix) && path.endsWith(".sql")) {
            files.add(new MigrationFile(path.substring(prefix.length()), bytes));
          }
        });
    return new MigrationSet(files);
  }

  private static boolean isSql(Path p) {
    return p.getFileName().toString().endsWith(".sql");
  }

  public List<MigrationFile> files() {
    return files;
  }

  /** The versioned and repeatable migrations, in the order Flyway applies them. */
  public List<MigrationFile> migrations() {
    return files.stream()
        .filter(
            f -> f.kind() == MigrationFile.Kind.VERSIONED || f.kind() == MigrationFile.Kind.REPEATABLE)
        .toList();
  }

  public Optional<MigrationFile> byPath(String relativePath) {
    return files.stream().filter(f -> f.relativePath().equals(relativePath)).findFirst();
  }

  /** The highest version among the versioned migrations. */
  public Optional<MigrationVersion> highestVersion() {
    return files.stream()
        .map(MigrationFile::version)
        .flatMap(Optional::stream)
        .max(Comparator.naturalOrder());
  }

  /** Writes the files below {@code folder}, keeping their relative paths (for Flyway to read). */
  public void writeTo(Path folder) {
    try {
      for (MigrationFile f : files) {
        Path target = folder.resolve(f.relativePath());
        Files.createDirectories(target.getParent());
        Files.write(target, f.content());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write migrations to " + folder, e);
    }
  }
}
