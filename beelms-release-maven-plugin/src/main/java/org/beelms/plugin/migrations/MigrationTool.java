package org.beelms.plugin.migrations;

import java.util.Locale;

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

  /** The name used in reports and parameters ({@code flyway}, {@code typeorm}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
