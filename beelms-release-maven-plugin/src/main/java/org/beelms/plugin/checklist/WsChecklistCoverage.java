package org.beelms.plugin.checklist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.beelms.plugin.checklist.WsCoverageReport.FileCoverage;
import org.beelms.plugin.checklist.WsCoverageReport.ItemCoverage;

/**
 * Release plan 2.2 with the post-deploy smoke suite: reads a project's walking-skeleton (WS) demo
 * and test checklists with the {@link ChecklistParser} the DoD gate uses, and reports per item
 * whether the smoke library automates it (and under which ID) or it stays manual. See {@link
 * WsItemMatcher} for how items are matched.
 */
public final class WsChecklistCoverage {

  /** Where beelms core keeps its WS checklists, relative to the project. */
  public static final List<String> DEFAULT_FILES =
      List.of(
          "docs/sprint-artifacts/WS1-wiki-demo-checklist.md",
          "docs/sprint-artifacts/WS2-auth-demo-checklist.md",
          "docs/sprint-artifacts/WS3-courses-assessments-demo-checklist.md");

  private static final Pattern WS_NUMBER =
      Pattern.compile("^WS-?(\\d+)(?![0-9])", Pattern.CASE_INSENSITIVE);

  private final List<Path> files;
  private final List<WsCatalogItem> catalog;

  /** Matches against the items the beelms smoke library automates. */
  public WsChecklistCoverage(List<Path> files) {
    this(files, WsCatalogItem.smokeLibrary());
  }

  public WsChecklistCoverage(List<Path> files, List<WsCatalogItem> catalog) {
    this.files = List.copyOf(Objects.requireNonNull(files, "files"));
    this.catalog = List.copyOf(Objects.requireNonNull(catalog, "catalog"));
  }

  /** {@link #DEFAULT_FILES} resolved against a project folder. */
  public static List<Path> defaultFiles(Path projectDir) {
    return DEFAULT_FILES.stream().map(projectDir::resolve).toList();
  }

  /**
   * Reads every file that exists and matches its items; a missing file is part of the report.
   *
   * @throws IOException when an existing file cannot be read
   */
  public WsCoverageReport review() throws IOException {
    WsItemMatcher matcher = new WsItemMatcher(catalog);
    List<FileCoverage> coverage = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    Set<String> missingPrefixes = new LinkedHashSet<>();
    for (Path file : files) {
      String label = label(file);
      if (!Files.isRegularFile(file)) {
        coverage.add(new FileCoverage(file, label, false, List.of()));
        missingPrefixes.add(idPrefix(label) + "-");
        continue;
      }
      ChecklistDocument document = ChecklistParser.parse(file, idPrefix(label));
      List<ItemCoverage> items = new ArrayList<>();
      for (ChecklistItem item : document.items()) {
        ItemCoverage matched = matcher.match(item);
        named.addAll(matched.catalogIds());
        items.add(matched);
      }
      coverage.add(new FileCoverage(file, label, true, items));
    }
    List<String> notInChecklists = new ArrayList<>();
    if (coverage.stream().anyMatch(FileCoverage::found)) {
      for (WsCatalogItem item : catalog) {
        if (item.automated()
            && !named.contains(item.id())
            && missingPrefixes.stream().noneMatch(item.id()::startsWith)) {
          notInChecklists.add(item.id());
        }
      }
    }
    return new WsCoverageReport(coverage, notInChecklists);
  }

  /** {@code WS-1} for {@code WS1-wiki-demo-checklist.md}; the file name when it names no WS. */
  static String label(Path file) {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    Matcher m = WS_NUMBER.matcher(name);
    return m.find() ? "WS-" + m.group(1) : name;
  }

  private static String idPrefix(String label) {
    return label.replace("-", "").toUpperCase(Locale.ROOT);
  }
}
