package org.beelms.plugin.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.beelms.plugin.gate.Finding;

/**
 * What a migrations folder holds, counted by extension, and which tool's migrations they are: the
 * way {@code migrationTool=auto} recognises a folder, and the words of the error when no tool
 * recognises its files. Hidden files ({@code .gitkeep}) do not count.
 */
final class FolderContents {

  private final Path folder;
  private final Map<String, Integer> byExtension;
  private final MigrationSet flyway;
  private final TypeOrmMigrationSet typeorm;

  private FolderContents(
      Path folder, Map<String, Integer> byExtension, MigrationSet flyway, TypeOrmMigrationSet typeorm) {
    this.folder = folder;
    this.byExtension = byExtension;
    this.flyway = flyway;
    this.typeorm = typeorm;
  }

  static FolderContents of(Path folder, MigrationSet flyway, TypeOrmMigrationSet typeorm) {
    Map<String, Integer> counts = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .forEach(p -> counts.merge(extension(p.getFileName().toString()), 1, Integer::sum));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return new FolderContents(folder, counts, flyway, typeorm);
  }

  private static String extension(String name) {
    if (name.endsWith(".d.ts")) {
      return ".d.ts";
    }
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "(no extension)" : name.substring(dot);
  }

  /**
   * The tool whose migrations the folder holds; empty when {@code wanted} recognises none of its
   * files although it has some. An empty folder is the wanted tool's (Flyway for auto).
   */
  Optional<MigrationTool> tool(MigrationTool wanted) {
    boolean empty = byExtension.isEmpty();
    return switch (wanted) {
      case FLYWAY -> empty || !flyway.files().isEmpty() ? Optional.of(MigrationTool.FLYWAY) : Optional.empty();
      case TYPEORM -> empty || !typeorm.migrations().isEmpty() ? Optional.of(MigrationTool.TYPEORM) : Optional.empty();
      case AUTO -> {
        if (!flyway.migrations().isEmpty()) {
          yield Optional.of(MigrationTool.FLYWAY);
        } else if (!typeorm.migrations().isEmpty()) {
          yield Optional.of(MigrationTool.TYPEORM);
        } else if (empty || !flyway.files().isEmpty()) {
          yield Optional.of(MigrationTool.FLYWAY);
        }
        yield Optional.empty();
      }
    };
  }

  /** "56 .ts files" or "3 .ts files, 1 .md file". */
  String describe() {
    return byExtension.entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey() + " file" + (e.getValue() == 1 ? "" : "s"))
        .collect(Collectors.joining(", "));
  }

  /** The error for a folder whose files {@code wanted} does not recognise. */
  Finding unrecognised(MigrationTool wanted, String setting) {
    String flywayShape = "V<version>__<desc>.sql";
    String typeormShape = "<epoch-ms>-<Name>.ts|.js";
    String shape =
        switch (wanted) {
          case FLYWAY -> flywayShape;
          case TYPEORM -> typeormShape;
          case AUTO -> flywayShape + " (Flyway) or " + typeormShape + " (TypeORM)";
        };
    String hint;
    if (wanted == MigrationTool.FLYWAY && !typeorm.migrations().isEmpty()) {
      hint = ": set migrationTool=typeorm?";
    } else if (wanted == MigrationTool.TYPEORM && !flyway.migrations().isEmpty()) {
      hint = ": set migrationTool=flyway?";
    } else {
      hint = "";
    }
    return Finding.error(
        folder + " holds " + describe() + ", none named " + shape + hint,
        setting,
        "point <locations> (-Dbeelms.migrations.locations) at the folder with the migrations, or"
            + " set <migrationTool> (-Dbeelms.migrations.migrationTool=auto|flyway|typeorm) to the"
            + " tool that applies them");
  }
}
