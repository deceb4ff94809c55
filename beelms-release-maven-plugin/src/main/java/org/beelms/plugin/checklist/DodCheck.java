package org.beelms.plugin.checklist;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;

/**
 * Release plan 2.2, "Преглед на DoD чеклиста": reviews the Definition-of-Done checklist, the
 * final gate before the MVP is ready. An open item fails the gate unless a waiver with a reason,
 * an owner and an expiry date accepts it; an expired waiver accepts nothing, so its item fails
 * too. Report-only mode (an explicit opt-in) turns both into warnings. When WS checklists are configured, it also reports (as
 * information only) which of their items the smoke suite automates and which stay manual.
 */
public final class DodCheck implements Gate {

  public static final String NAME = "dod-check";

  private final DodSettings settings;

  public DodCheck(DodSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Reads the checklist and the waivers and sorts every open item. */
  public DodReport review() throws IOException {
    ChecklistDocument document = ChecklistParser.parseDod(settings.checklist());
    // While the baseline is written, a waivers file that does not exist yet waives nothing.
    Optional<Path> file =
        settings.waivers().filter(f -> settings.baseline().isEmpty() || java.nio.file.Files.isRegularFile(f));
    List<Waiver> waivers = file.isPresent() ? WaiverFile.read(file.get()) : List.of();
    LocalDate today = LocalDate.now(settings.clock());
    List<ChecklistItem> open = new ArrayList<>();
    List<DodReport.WaivedItem> waived = new ArrayList<>();
    List<DodReport.WaivedItem> expired = new ArrayList<>();
    for (ChecklistItem item : document.items()) {
      if (item.done()) {
        continue;
      }
      Optional<Waiver> waiver = waivers.stream().filter(w -> w.matches(item)).findFirst();
      if (waiver.isEmpty()) {
        open.add(item);
      } else if (waiver.get().expiredOn(today)) {
        expired.add(new DodReport.WaivedItem(item, waiver.get()));
      } else {
        waived.add(new DodReport.WaivedItem(item, waiver.get()));
      }
    }
    return new DodReport(document, open, waived, expired);
  }

  /**
   * Which items of the configured WS checklists the smoke library automates and which stay
   * manual; an empty report when none are configured.
   */
  public WsCoverageReport wsCoverage() throws IOException {
    return new WsChecklistCoverage(settings.wsChecklists()).review();
  }

  /**
   * Writes a waiver for every open item without one ({@code -Dbeelms.baseline=write}); the finding
   * says how many and where.
   */
  private Finding writeBaseline(WaiverBaseline baseline) throws IOException {
    Path file = settings.waivers().orElseThrow();
    List<ChecklistItem> open = review().open();
    LocalDate today = LocalDate.now(settings.clock());
    int added = baseline.write(file, open, today);
    return Finding.info(
        "baseline: " + added + " open item(s) waived with the placeholder reason '"
            + Baseline.placeholderReason(today) + "', owner " + baseline.owner() + ", until "
            + baseline.expires(),
        file.toString());
  }

  @Override
  public GateResult check(ReleaseListener listener) throws IOException {
    List<Finding> findings = new ArrayList<>();
    if (settings.baseline().isPresent()) {
      findings.add(writeBaseline(settings.baseline().get()));
    }
    DodReport report = review();
    ChecklistDocument document = report.document();
    Severity openSeverity = settings.reportOnly() ? Severity.WARNING : Severity.ERROR;
    if (document.items().isEmpty()) {
      findings.add(
          Finding.error(
              "no task-list items ('- [ ]' / '- [x]') found",
              document.file().toString(),
              "point <dodChecklist> / -Dbeelms.dod.checklist at the DoD checklist"));
    }
    for (Map.Entry<String, List<ChecklistItem>> section : document.bySection().entrySet()) {
      long done = section.getValue().stream().filter(ChecklistItem::done).count();
      long waivedHere =
          report.waived().stream().filter(w -> w.item().section().equals(section.getKey())).count();
      findings.add(
          Finding.info(
              (section.getKey().isEmpty() ? "(no section)" : section.getKey())
                  + ": "
                  + done
                  + " done, "
                  + (section.getValue().size() - done - waivedHere)
                  + " open, "
                  + waivedHere
                  + " waived",
              document.file().toString()));
    }
    for (Waiver waiver : settings.waivers().isPresent()
        ? WaiverFile.read(settings.waivers().get()) : List.<Waiver>of()) {
      if (document.items().stream().noneMatch(waiver::matches)) {
        findings.add(
            Finding.error(
                "waiver for '" + waiver.item() + "' matches no item of " + document.file()
                    + " (an item whose text changed has a new ID, and its old ID waives nothing)",
                waiver.position(),
                "name the item by its ID as dod-check reports it (DOD-<section>-<hash of its"
                    + " text>, or tag it with (DOD-X-n) so the ID never changes) or by the start"
                    + " of its text, or remove the waiver"));
      }
      document.items().stream().filter(waiver::byPosition).findFirst().ifPresent(item ->
          findings.add(
              Finding.warning(
                  "waiver for '" + waiver.item() + "' names '" + item.text() + "' by its position,"
                      + " which moves when an item is inserted above it; its ID is now "
                      + item.id() + " (positional IDs are accepted until the next release)",
                  waiver.position(),
                  "write 'item: " + item.id() + "' (or tag the item with (" + waiver.item() + "))")));
    }
    List<Waiver> placeholders =
        report.waived().stream().map(DodReport.WaivedItem::waiver)
            .filter(w -> Baseline.isPlaceholder(w.reason()) || Baseline.isPlaceholderOwner(w.owner()))
            .toList();
    if (!placeholders.isEmpty()) {
      findings.add(
          Finding.warning(
              placeholders.size() + " waiver(s) still have the placeholder reason 'baseline <date>' or"
                  + " owner '" + Baseline.PLACEHOLDER_OWNER + "' (accepted at adoption, open work)",
              placeholders.get(0).position(),
              "give each its real reason and owner, or finish the item and remove the waiver"));
    }
    for (ChecklistItem item : report.open()) {
      findings.add(
          new Finding(
              openSeverity,
              "open: " + item.text(),
              document.where(item),
              "finish it and tick it, or waive it with a reason, an owner and an expiry date",
              item.id()));
    }
    for (DodReport.WaivedItem expired : report.expired()) {
      findings.add(
          new Finding(
              openSeverity,
              "open, waiver expired on " + expired.waiver().expires() + ": " + expired.item().text(),
              document.where(expired.item()),
              "finish it, or renew the waiver at " + expired.waiver().position(),
              expired.item().id()));
    }
    for (DodReport.WaivedItem waived : report.waived()) {
      findings.add(
          new Finding(
              Severity.INFO,
              "waived until "
                  + waived.waiver().expires()
                  + " ("
                  + waived.waiver().owner()
                  + "): "
                  + waived.item().text()
                  + " – "
                  + waived.waiver().reason(),
              document.where(waived.item()),
              "",
              waived.item().id()));
    }
    if (!settings.wsChecklists().isEmpty()) {
      findings.addAll(wsCoverage().findings());
    }
    return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
  }
}
