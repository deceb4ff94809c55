package org.beelms.plugin.migrations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.beelms.plugin.gate.Finding;

/** Flyway's naming rules and version uniqueness, checked on the files of one location. */
final class NamingRules {

  private NamingRules() {}

  /**
   * One error per file whose name Flyway would not apply, and one per version used by more than
   * one file.
   *
   * @param where turns a path relative to the location into what findings show
   */
  static List<Finding> check(MigrationSet set, UnaryOperator<String> where) {
    List<Finding> findings = new ArrayList<>();
    Map<MigrationVersion, List<MigrationFile>> byVersion = new LinkedHashMap<>();
    for (MigrationFile f : set.files()) {
      if (f.kind() == MigrationFile.Kind.INVALID) {
        findings.add(
            Finding.error(
                f.fileName() + " is not a valid Flyway migration name: " + f.nameProblem(),
                where.apply(f.relativePath()),
                MigrationSuggestions.renameToValid(f.fileName())));
      }
      f.version()
          .filter(v -> f.kind() == MigrationFile.Kind.VERSIONED)
          .ifPresent(v -> byVersion.computeIfAbsent(v, k -> new ArrayList<>()).add(f));
    }
    byVersion.forEach(
        (version, files) -> {
          if (files.size() > 1) {
            String names = files.stream().map(MigrationFile::fileName).collect(Collectors.joining(", "));
            findings.add(
                Finding.error(
                    "Duplicate migration version " + version + ": " + names,
                    files.stream().map(f -> where.apply(f.relativePath())).collect(Collectors.joining(", ")),
                    MigrationSuggestions.duplicateVersion(version.toString())));
          }
        });
    return findings;
  }

  /** True when the findings of {@link #check} leave Flyway unable to run the location. */
  static boolean blocksFlyway(MigrationSet set) {
    return !check(set, p -> p).isEmpty();
  }
}
