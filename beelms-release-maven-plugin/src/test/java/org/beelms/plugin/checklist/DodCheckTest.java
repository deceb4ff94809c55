package org.beelms.plugin.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DodCheckTest {

  private static final Path DOD = Path.of("src/test/resources/checklist/mvp-bmad-dod-checklist.md");
  private static final Clock NOV_25 =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void parsesSectionsGroupsIndentedAndStrayItems() throws Exception {
    ChecklistDocument doc = ChecklistParser.parseDod(DOD);
    assertEquals(12, doc.items().size());
    assertEquals(List.of("B – Business & Product", "M – Metrics & Observability",
        "A – Architecture, Implementation & Quality", "D – Docs, Backlog & Change Management"),
        List.copyOf(doc.bySection().keySet()));

    ChecklistItem nested = doc.items().get(1);
    assertEquals("DOD-B-fda52d", nested.id());
    assertTrue(nested.done());
    ChecklistItem upperX = doc.items().get(3);
    assertEquals("DOD-B-8efc2c", upperX.id());
    assertTrue(upperX.done(), "[X] counts as done");
    assertEquals("Known limitations", upperX.group());
    ChecklistItem stray = doc.items().get(5);
    assertEquals("DOD-M-22619d", stray.id());
    assertEquals("Backend логва ключовите грешки.", stray.text());
    assertEquals(19, stray.line());
    assertEquals("Security", doc.items().get(9).group());
  }

  @Test
  void reportOnlyWarnsOnOpenItemsWithFileLineAndId() throws Exception {
    GateResult result =
        new DodCheck(new DodSettings(DOD, Optional.empty(), true, NOV_25)).check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, result.status());
    List<Finding> open = result.findingsAtLeast(Severity.WARNING);
    assertEquals(List.of("DOD-B-3e01b9", "DOD-M-22619d", "DOD-A-3b6f04", "DOD-D-4af6e6"),
        open.stream().map(Finding::checklistId).toList());
    assertEquals(DOD + ":19", open.get(1).where());
    assertTrue(result.findings().stream()
        .anyMatch(f -> f.message().equals("B – Business & Product: 3 done, 1 open, 0 waived")));
  }

  @Test
  void openItemsFailByDefault() throws Exception {
    GateResult result =
        new DodCheck(new DodSettings(DOD, Optional.empty(), false, NOV_25)).check(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, result.status());
    assertEquals(4, result.findingsAtLeast(Severity.ERROR).size());
  }

  @Test
  void validWaiverAcceptsAnItemAndAnExpiredOneDoesNot() throws Exception {
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, """
        - item: DOD-D-4af6e6
          reason: trial deploy booked for next sprint
          owner: delivery lead
          expires: 2026-12-31
        - item: "CORS и security headers"
          reason: reverse proxy adds them
          owner: ops
          expires: 2026-11-24
        """.formatted(ChecklistParser.textHash("Backups restored")));
    DodCheck check = new DodCheck(new DodSettings(DOD, Optional.of(waivers), false, NOV_25));
    DodReport report = check.review();
    assertEquals(List.of("DOD-D-4af6e6"), report.waived().stream().map(w -> w.item().id()).toList());
    assertEquals(List.of("DOD-A-3b6f04"), report.expired().stream().map(w -> w.item().id()).toList());
    assertEquals(List.of("DOD-B-3e01b9", "DOD-M-22619d"), report.open().stream().map(ChecklistItem::id).toList());

    GateResult result = check.check(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, result.status());
    assertEquals(List.of("DOD-B-3e01b9", "DOD-M-22619d", "DOD-A-3b6f04"),
        result.findingsAtLeast(Severity.ERROR).stream().map(Finding::checklistId).toList());
    assertTrue(result.findingsAtLeast(Severity.ERROR).get(2).message()
        .startsWith("open, waiver expired on 2026-11-24: CORS"));
  }

  @Test
  void anExpiredWaiverAloneFailsTheGate() throws Exception {
    Path dod = dir.resolve("dod.md");
    Files.writeString(dod, "## D – Delivery\n\n- [x] Deployed once\n- [ ] Backups restored\n");
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, """
        - item: DOD-D-%s
          reason: restore drill after launch
          owner: ops
          expires: 2026-11-24
        """.formatted(ChecklistParser.textHash("Backups restored")));
    GateResult result =
        new DodCheck(new DodSettings(dod, Optional.of(waivers), false, NOV_25)).check(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, result.status());
    assertEquals(List.of("DOD-D-" + ChecklistParser.textHash("Backups restored")),
        result.findingsAtLeast(Severity.ERROR).stream().map(Finding::checklistId).toList());
  }

  @Test
  void incompleteWaiverNamesFileLineAndField() throws Exception {
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, "- item: DOD-D-1\n  reason: later\n  expires: 2026-12-31\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DodCheck(new DodSettings(DOD, Optional.of(waivers), true, NOV_25)).review());
    assertEquals(waivers + ":1: the waiver has no 'owner'; every waiver needs item, reason, owner and expires",
        e.getMessage());
  }

  @Test
  void fileWithoutItemsFails() throws Exception {
    Path empty = dir.resolve("dod.md");
    Files.writeString(empty, "# DoD\n\nNothing yet.\n");
    GateResult result =
        new DodCheck(new DodSettings(empty, Optional.empty(), true, NOV_25)).check(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, result.status());
  }

  @Test
  void orderedItemsAndUnknownMarkersAreReadAsOpenAndTagsKeepTheirIdWhenAnItemIsInserted() throws Exception {
    Path dod = dir.resolve("dod.md");
    Files.writeString(dod, "## A – Architecture\n\n"
        + "1. [ ] inserted later above the others\n"
        + "2. [x] health endpoint\n"
        + "3) [-] trial deploy (DOD-A-7)\n"
        + "- [ ] backups tested\n");

    ChecklistDocument doc = ChecklistParser.parseDod(dod);

    assertEquals(java.util.List.of("DOD-A-" + ChecklistParser.textHash("inserted later above the others"),
            "DOD-A-" + ChecklistParser.textHash("health endpoint"), "DOD-A-7",
            "DOD-A-" + ChecklistParser.textHash("backups tested")),
        doc.items().stream().map(ChecklistItem::id).toList());
    assertEquals(java.util.List.of("DOD-A-1", "DOD-A-2", "", "DOD-A-3"),
        doc.items().stream().map(ChecklistItem::positionalId).toList());
    assertEquals(java.util.List.of(false, true, false, false),
        doc.items().stream().map(ChecklistItem::done).toList());
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, "- item: DOD-A-7\n  reason: booked\n  owner: lead\n  expires: 2026-12-31\n");
    DodReport report = new DodCheck(new DodSettings(dod, Optional.of(waivers), false, NOV_25)).review();
    assertEquals("trial deploy (DOD-A-7)", report.waived().get(0).item().text(), "the tag's waiver stays on its item");
  }

  @Test
  void aWaiverThatMatchesNoItemIsAnError() throws Exception {
    Path dod = dir.resolve("dod.md");
    Files.writeString(dod, "## A – Architecture\n\n- [x] health endpoint\n");
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, "- item: DOD-A-9\n  reason: booked\n  owner: lead\n  expires: 2026-12-31\n");

    GateResult result = new DodCheck(new DodSettings(dod, Optional.of(waivers), false, NOV_25))
        .check(ReleaseListener.NONE);

    assertEquals(GateStatus.FAILED, result.status());
    assertTrue(result.findings().stream().anyMatch(f -> f.message().startsWith("waiver for 'DOD-A-9' matches no item")
        && f.where().equals(waivers + ":1")), result.findings().toString());
  }

  // --- IDs come from the item's text, so inserting an item never moves a waiver

  private static final String ARCHITECTURE =
      "## A – Architecture\n\n- [x] health endpoint\n- [ ] backups tested\n";

  private GateResult check(String checklist, String waivedItem) throws Exception {
    Path dod = Files.writeString(dir.resolve("dod.md"), checklist);
    Path waivers = Files.writeString(dir.resolve("waivers.yaml"),
        "- item: " + waivedItem + "\n  reason: booked\n  owner: lead\n  expires: 2026-12-31\n");
    return new DodCheck(new DodSettings(dod, Optional.of(waivers), false, NOV_25)).check(ReleaseListener.NONE);
  }

  @Test
  void theIdIsAHashOfTheNormalisedTextInItsSection() throws Exception {
    ChecklistDocument doc = ChecklistParser.parseDod(Files.writeString(dir.resolve("dod.md"), ARCHITECTURE));

    assertEquals("DOD-A-" + ChecklistParser.textHash("backups tested"), doc.items().get(1).id());
    assertTrue(doc.items().get(1).id().matches("DOD-A-[0-9a-f]{6}"), doc.items().get(1).id());
    assertEquals(ChecklistParser.textHash("backups tested"), ChecklistParser.textHash("  Backups   tested "));
  }

  @Test
  void insertingAnItemAboveAWaivedItemKeepsTheWaiverMatched() throws Exception {
    String id = "DOD-A-" + ChecklistParser.textHash("backups tested");
    assertEquals(GateStatus.PASSED, check(ARCHITECTURE, id).status());

    GateResult inserted = check("## A – Architecture\n\n- [ ] inserted above\n"
        + "- [x] health endpoint\n- [ ] another one\n- [ ] backups tested\n", id);

    List<Finding> waived = inserted.findings().stream().filter(f -> f.message().startsWith("waived until")).toList();
    assertEquals(1, waived.size(), inserted.findings().toString());
    assertEquals(id, waived.get(0).checklistId());
    assertTrue(waived.get(0).message().endsWith("backups tested – booked"), waived.get(0).message());
    assertTrue(inserted.findings().stream().noneMatch(f -> f.message().contains("matches no item")),
        inserted.findings().toString());
    assertEquals(2, inserted.findingsAtLeast(Severity.ERROR).size(), "the two new open items, nothing else");
  }

  @Test
  void changingAnItemsTextMakesItsWaiverUnmatched() throws Exception {
    String id = "DOD-A-" + ChecklistParser.textHash("backups tested");

    GateResult changed = check("## A – Architecture\n\n- [x] health endpoint\n- [ ] backups restored\n", id);

    assertEquals(GateStatus.FAILED, changed.status());
    assertTrue(changed.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR
        && f.message().startsWith("waiver for '" + id + "' matches no item")), changed.findings().toString());
    assertTrue(changed.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR
        && f.message().equals("open: backups restored")), changed.findings().toString());
  }

  @Test
  void aPositionalIdOfEarlierReleasesStillMatchesWithAWarningNamingTheNewId() throws Exception {
    GateResult result = check(ARCHITECTURE, "DOD-A-2");

    assertEquals(GateStatus.PASSED, result.status(), result.findings().toString());
    Finding warning = result.findings().stream().filter(f -> f.severity() == Severity.WARNING)
        .findFirst().orElseThrow();
    assertTrue(warning.message().startsWith("waiver for 'DOD-A-2' names 'backups tested' by its position"),
        warning.message());
    assertTrue(warning.message().contains("its ID is now DOD-A-" + ChecklistParser.textHash("backups tested")),
        warning.message());
    assertEquals(dir.resolve("waivers.yaml") + ":1", warning.where());
  }

  @Test
  void theSameTextTwiceInASectionGetsTwoIds() throws Exception {
    ChecklistDocument doc = ChecklistParser.parseDod(Files.writeString(dir.resolve("dod.md"),
        "## D – Docs\n\n- [ ] README\n- [ ] README\n"));

    String id = "DOD-D-" + ChecklistParser.textHash("README");
    assertEquals(List.of(id, id + "-2"), doc.items().stream().map(ChecklistItem::id).toList());
  }
}
