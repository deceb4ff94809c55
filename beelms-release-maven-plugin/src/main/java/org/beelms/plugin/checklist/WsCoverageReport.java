package org.beelms.plugin.checklist;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Severity;

/**
 * Which items of a project's walking-skeleton (WS) checklists the smoke library automates and
 * which stay manual. Informational: the Definition of Done is the gate, so every finding is
 * {@link Severity#INFO}.
 *
 * @param files one entry per configured WS checklist, in the configured order
 * @param notInChecklists IDs the smoke library automates that no item of the files read names
 *     (IDs of a WS checklist whose file was not found are left out: that file is reported as
 *     such)
 */
public record WsCoverageReport(List<FileCoverage> files, List<String> notInChecklists) {

  public WsCoverageReport {
    files = List.copyOf(files);
    notInChecklists = List.copyOf(notInChecklists);
  }

  /** How an item was matched to a catalog ID. */
  public enum Match {
    /** The item's text names the ID, e.g. {@code WS1-API-1}. */
    ID,
    /** The item's wording equals beelms core's original (or the English) wording. */
    WORDING,
    /** The {@code METHOD /path} the item names equals one a catalog item names. */
    ENDPOINT,
    /** No catalog item: the item is manual. */
    NONE
  }

  /**
   * One WS checklist.
   *
   * @param file the configured path
   * @param label {@code WS-1}, {@code WS-2}, ... from the file name, or the file name
   * @param found whether the file exists; a missing file has no items
   * @param items every task-list item, in file order
   */
  public record FileCoverage(Path file, String label, boolean found, List<ItemCoverage> items) {

    public FileCoverage {
      Objects.requireNonNull(file, "file");
      items = List.copyOf(items);
    }

    public long automatedCount() {
      return items.stream().filter(ItemCoverage::automated).count();
    }

    public List<ItemCoverage> manual() {
      return items.stream().filter(i -> !i.automated()).toList();
    }

    /** {@code file:line} of an item, as findings name it. */
    public String where(ItemCoverage item) {
      return file + ":" + item.item().line();
    }
  }

  /**
   * One item of a WS checklist.
   *
   * @param item the parsed item
   * @param match how it was matched
   * @param catalogIds the IDs it stands for; empty when {@link Match#NONE}
   * @param uncovered what of it no smoke check proves: IDs the smoke library does not automate,
   *     and {@code METHOD /path} endpoints no catalog item names
   */
  public record ItemCoverage(
      ChecklistItem item, Match match, List<String> catalogIds, List<String> uncovered) {

    public ItemCoverage {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(match, "match");
      catalogIds = List.copyOf(catalogIds);
      uncovered = List.copyOf(uncovered);
    }

    /** Matched, and every part of it is proven by a smoke check. */
    public boolean automated() {
      return match != Match.NONE && uncovered.isEmpty();
    }

    /** The matched IDs as a finding cites them ({@code WS2-API-1}, comma-separated when more). */
    public String checklistId() {
      return String.join(",", catalogIds);
    }
  }

  /**
   * The report as findings: per file a count (or "not found"), per manual item its {@code
   * file:line}, and the automated IDs no file names.
   */
  public List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    for (FileCoverage file : files) {
      if (!file.found()) {
        findings.add(
            new Finding(
                Severity.INFO,
                file.label() + " checklist not found; its smoke-suite coverage is not reported",
                file.file().toString(),
                "point <wsChecklists> / -Dbeelms.dod.wsChecklists at the project's WS checklists"
                    + " (the DoD checklist stays the gate)",
                ""));
        continue;
      }
      if (file.items().isEmpty()) {
        findings.add(
            new Finding(
                Severity.INFO,
                file.label() + ": no task-list items ('- [ ]' / '- [x]') found",
                file.file().toString(),
                "check the path in <wsChecklists> / -Dbeelms.dod.wsChecklists",
                ""));
        continue;
      }
      long automated = file.automatedCount();
      findings.add(
          Finding.info(
              file.label()
                  + ": "
                  + automated
                  + " of "
                  + file.items().size()
                  + " items automated by the smoke suite, "
                  + (file.items().size() - automated)
                  + " manual",
              file.file().toString()));
      for (ItemCoverage manual : file.manual()) {
        findings.add(
            new Finding(
                Severity.INFO,
                file.label() + " manual: " + manual.item().text(),
                file.where(manual),
                manualFix(manual),
                manual.checklistId()));
      }
    }
    if (!notInChecklists.isEmpty()) {
      findings.add(
          Finding.info(
              "automated by the smoke suite but named in none of the WS checklists: "
                  + String.join(", ", notInChecklists),
              ""));
    }
    return findings;
  }

  private static String manualFix(ItemCoverage item) {
    if (item.match() == Match.NONE) {
      return "walk it by hand after the deploy; for the smoke suite to prove it, write its"
          + " smoke-library ID (e.g. WS1-API-1) or the `METHOD /path` it checks into the item";
    }
    return "walk it by hand after the deploy: the smoke library has no check for "
        + String.join(", ", item.uncovered());
  }
}
