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
    assertEquals("DOD-B-2", nested.id());
    assertTrue(nested.done());
    ChecklistItem upperX = doc.items().get(3);
    assertEquals("DOD-B-4", upperX.id());
    assertTrue(upperX.done(), "[X] counts as done");
    assertEquals("Known limitations", upperX.group());
    ChecklistItem stray = doc.items().get(5);
    assertEquals("DOD-M-2", stray.id());
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
    assertEquals(List.of("DOD-B-3", "DOD-M-2", "DOD-A-3", "DOD-D-1"),
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
        - item: DOD-D-1
          reason: trial deploy booked for next sprint
          owner: delivery lead
          expires: 2026-12-31
        - item: "CORS и security headers"
          reason: reverse proxy adds them
          owner: ops
          expires: 2026-11-24
        """);
    DodCheck check = new DodCheck(new DodSettings(DOD, Optional.of(waivers), false, NOV_25));
    DodReport report = check.review();
    assertEquals(List.of("DOD-D-1"), report.waived().stream().map(w -> w.item().id()).toList());
    assertEquals(List.of("DOD-A-3"), report.expired().stream().map(w -> w.item().id()).toList());
    assertEquals(List.of("DOD-B-3", "DOD-M-2"), report.open().stream().map(ChecklistItem::id).toList());

    GateResult result = check.check(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, result.status());
    assertEquals(List.of("DOD-B-3", "DOD-M-2", "DOD-A-3"),
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
        - item: DOD-D-2
          reason: restore drill after launch
          owner: ops
          expires: 2026-11-24
        """);
    GateResult result =
        new DodCheck(new DodSettings(dod, Optional.of(waivers), false, NOV_25)).check(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, result.status());
    assertEquals(List.of("DOD-D-2"),
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

    assertEquals(java.util.List.of("DOD-A-1", "DOD-A-2", "DOD-A-7", "DOD-A-3"),
        doc.items().stream().map(ChecklistItem::id).toList());
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
}
