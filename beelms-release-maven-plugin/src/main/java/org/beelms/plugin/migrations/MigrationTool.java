package org.beelms.plugin.migrations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Which migration tool's files migrations-check reads. */
public enum MigrationTool {
  /** Recognise the folder by its files: Flyway SQL names first, then TypeORM classes. */
  AUTO,
  /** {@code V<version>__<description>.sql} and {@code R__<description>.sql} files. */
  FLYWAY,
  /** {@code <epoch-ms>-<Name>.ts|.js} files, one {@code MigrationInterface} class each. */
  TYPEORM;

  /** The parameter value ({@code auto}, {@code flyway}, {@code typeorm}), case-insensitive. */
  public static MigrationTool parse(String value, String parameter) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          parameter + " is '" + value + "': use auto, flyway or typeorm");
    }
  }

  /**
   * The newest migration version in {@code folder}, written as this tool's reports write versions:
   * the highest Flyway version ({@code 3}, {@code 1.2}), or the newest TypeORM timestamp
   * ({@code 1716000000000}). {@link #AUTO} answers for the tool the folder is recognised as, the
   * way migrations-check recognises it. Empty when the folder holds no migration of the tool.
   */
  public Optional<String> newestVersion(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    return switch (this) {
      case FLYWAY -> MigrationSet.scan(folder).highestVersion().map(MigrationVersion::toString);
      case TYPEORM -> TypeOrmMigrationSet.scan(folder).newestTimestamp().map(String::valueOf);
      case AUTO -> FolderContents.of(folder, MigrationSet.scan(folder), TypeOrmMigrationSet.scan(folder))
          .tool(AUTO)
          .flatMap(tool -> tool.newestVersion(folder));
    };
  }

  /** The name used in reports and parameters ({@code flyway}, {@code typeorm}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
