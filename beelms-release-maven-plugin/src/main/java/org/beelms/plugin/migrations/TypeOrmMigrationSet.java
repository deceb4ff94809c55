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
 * The TypeORM migrations of one folder, from disk or from a release tag, in the order TypeORM
 * applies them (by timestamp).
 */
public final class TypeOrmMigrationSet {

  private final List<TypeOrmMigration> migrations;

  TypeOrmMigrationSet(List<TypeOrmMigration> migrations) {
    List<TypeOrmMigration> sorted = new ArrayList<>(migrations);
    sorted.sort(
        Comparator.comparingLong(TypeOrmMigration::timestamp).thenComparing(TypeOrmMigration::relativePath));
    this.migrations = List.copyOf(sorted);
  }

  /** Every {@code <epoch-ms>-<Name>.ts|.js} file below {@code folder}. */
  public static TypeOrmMigrationSet scan(Path folder) {
    if (!Files.isDirectory(folder)) {
      return new TypeOrmMigrationSet(List.of());
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      List<TypeOrmMigration> list = new ArrayList<>();
      for (Path p : walk.filter(Files::isRegularFile)
          .filter(p -> TypeOrmMigration.isMigrationName(p.getFileName().toString())).toList()) {
        list.add(new TypeOrmMigration(folder.relativize(p).toString(), Files.readAllBytes(p)));
      }
      return new TypeOrmMigrationSet(list);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the migrations in " + folder, e);
    }
  }

  /** The migrations of a tree read from git ({@code gitPath → bytes}) below {@code gitDirectory}. */
  public static TypeOrmMigrationSet fromTree(Map<String, byte[]> tree, String gitDirectory) {
    String prefix = gitDirectory.isEmpty() || gitDirectory.endsWith("/") ? gitDirectory : gitDirectory + "/";
    List<TypeOrmMigration> list = new ArrayList<>();
    tree.forEach(
        (path, bytes) -> {
          String name = path.substring(path.lastIndexOf('/') + 1);
          if (path.startsWith(prefix) && TypeOrmMigration.isMigrationName(name)) {
            list.add(new TypeOrmMigration(path.substring(prefix.length()), bytes));
          }
        });
    return new TypeOrmMigrationSet(list);
  }

  public List<TypeOrmMigration> migrations() {
    return migrations;
  }

  public Optional<TypeOrmMigration> byPath(String relativePath) {
    return migrations.stream().filter(m -> m.relativePath().equals(relativePath)).findFirst();
  }

  public Optional<Long> newestTimestamp() {
    return migrations.stream().map(TypeOrmMigration::timestamp).max(Comparator.naturalOrder());
  }

  /** The SQL of every migration as Flyway files (for the scratch database); plain SQL only. */
  MigrationSet asSqlSet() {
    return new MigrationSet(migrations.stream().map(TypeOrmMigration::asSqlFile).toList());
  }
}
