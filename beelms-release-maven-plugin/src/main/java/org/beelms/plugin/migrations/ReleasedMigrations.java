package org.beelms.plugin.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.beelms.plugin.gate.Finding;

/**
 * What the previous release shipped, against what this release has: released migrations are
 * immutable (same name, same bytes) and new versioned migrations come after the released ones.
 */
final class ReleasedMigrations {

  private final MigrationSet previous;
  private final MigrationSet current;
  private final String tag;
  private final UnaryOperator<String> where;
  private final UnaryOperator<String> gitPath;

  /**
   * @param where relative path → what findings show
   * @param gitPath relative path → the file's path in git (for {@code git checkout tag -- path})
   */
  ReleasedMigrations(
      MigrationSet previous,
      MigrationSet current,
      String tag,
      UnaryOperator<String> where,
      UnaryOperator<String> gitPath) {
    this.previous = previous;
    this.current = current;
    this.tag = tag;
    this.where = where;
    this.gitPath = gitPath;
  }

  List<Finding> immutability() {
    List<Finding> findings = new ArrayList<>();
    for (MigrationFile released : previous.migrations()) {
      String path = released.relativePath();
      Optional<MigrationFile> now = current.byPath(path);
      if (now.isPresent()) {
        MigrationFile file = now.get();
        if (file.sameContent(released)) {
          continue;
        }
        if (released.kind() == MigrationFile.Kind.REPEATABLE) {
          findings.add(
              Finding.info(
                  released.fileName() + " changed since " + tag + "; Flyway re-applies this"
                      + " repeatable migration on every database",
                  where.apply(path)));
          continue;
        }
        findings.add(
            Finding.error(
                released.fileName() + " was released in " + tag + " and has been edited since"
                    + " (Flyway checksum " + released.checksum() + " at " + tag + ", "
                    + file.checksum() + " now); every database that applied it fails validation",
                where.apply(path),
                MigrationSuggestions.restoreReleased(tag, gitPath.apply(path))));
        continue;
      }
      Optional<MigrationFile> renamed =
          current.migrations().stream()
              .filter(f -> f.sameContent(released))
              .filter(f -> previous.byPath(f.relativePath()).isEmpty())
              .findFirst();
      if (renamed.isPresent()) {
        findings.add(
            Finding.error(
                released.fileName() + " was released in " + tag + " and has been renamed to "
                    + renamed.get().fileName() + "; databases that applied it see it as missing",
                where.apply(renamed.get().relativePath()),
                MigrationSuggestions.restoreReleased(tag, gitPath.apply(path))
                    + "; delete " + renamed.get().fileName()));
      } else {
        findings.add(
            Finding.error(
                released.fileName() + " was released in " + tag + " and has been deleted;"
                    + " databases that applied it see it as missing",
                where.apply(path),
                MigrationSuggestions.restoreReleased(tag, gitPath.apply(path))));
      }
    }
    return findings;
  }

  List<Finding> order() {
    List<Finding> findings = new ArrayList<>();
    Optional<MigrationVersion> highest = previous.highestVersion();
    if (highest.isEmpty()) {
      return findings;
    }
    for (MigrationFile f : newMigrations()) {
      if (f.kind() != MigrationFile.Kind.VERSIONED
          || previous.migrations().stream().anyMatch(r -> r.sameContent(f))) {
        continue;
      }
      MigrationVersion v = f.version().orElseThrow();
      if (v.compareTo(highest.get()) < 0) {
        findings.add(
            Finding.error(
                f.fileName() + " is new since " + tag + " but its version " + v
                    + " is below " + highest.get() + ", the highest version released in " + tag
                    + " (out of order)",
                where.apply(f.relativePath()),
                MigrationSuggestions.outOfOrder(highest.get().toString())));
      }
    }
    return findings;
  }

  /**
   * The migrations this release adds: versioned ones whose path was not released, repeatable
   * ones that are new or changed, in Flyway's order.
   */
  List<MigrationFile> newMigrations() {
    return current.migrations().stream()
        .filter(
            f -> {
              Optional<MigrationFile> released = previous.byPath(f.relativePath());
              if (released.isEmpty()) {
                return true;
              }
              return f.kind() == MigrationFile.Kind.REPEATABLE && !released.get().sameContent(f);
            })
        .toList();
  }
}
