package org.beelms.plugin.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.checklist.WsCoverageReport.FileCoverage;
import org.beelms.plugin.checklist.WsCoverageReport.ItemCoverage;
import org.beelms.plugin.checklist.WsCoverageReport.Match;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WsChecklistCoverageTest {

  private static final Path FIXTURES = Path.of("src/test/resources/checklist/ws");
  private static final Path WS1 = FIXTURES.resolve("WS1-wiki-demo-checklist.md");
  private static final Path WS2 = FIXTURES.resolve("WS2-auth-demo-checklist.md");
  private static final Path WS3 = FIXTURES.resolve("WS3-courses-assessments-demo-checklist.md");
  private static final Path REFERENCE_CORE =
      Path.of("../beelms-release-it/reference-core").toAbsolutePath().normalize();
  private static final Path DOD = Path.of("src/test/resources/checklist/mvp-bmad-dod-checklist.md");
  private static final Clock NOV_25 =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private static FileCoverage only(Path file) throws Exception {
    WsCoverageReport report = new WsChecklistCoverage(List.of(file)).review();
    assertEquals(1, report.files().size());
    return report.files().get(0);
  }

  private static List<String> ids(FileCoverage file) {
    return file.items().stream().map(ItemCoverage::checklistId).toList();
  }

  private static List<Match> matches(FileCoverage file) {
    return file.items().stream().map(ItemCoverage::match).toList();
  }

  @Test
  void matchesByExplicitIdWordingAndEndpointDespiteIndentsAndStraySpaces() throws Exception {
    FileCoverage ws1 = only(WS1);
    assertEquals("WS-1", ws1.label());
    assertTrue(ws1.found());
    assertEquals(
        List.of("WS1-DEMO-1", "WS1-DEMO-2", "WS1-DEMO-3", "WS1-DEMO-4", "",
            "WS1-API-1", "WS1-API-2", "WS1-API-3"),
        ids(ws1));
    assertEquals(
        List.of(Match.WORDING, Match.WORDING, Match.WORDING, Match.WORDING, Match.NONE,
            Match.ID, Match.ENDPOINT, Match.WORDING),
        matches(ws1));
    assertEquals(7, ws1.automatedCount());
  }

  @Test
  void wordingIgnoresCaseWhitespacePunctuationAndBackticks() {
    assertEquals(
        WsItemMatcher.normaliseWording("Зареждане на списък със статии (само `Active`)."),
        WsItemMatcher.normaliseWording("  зареждане на  списък със статии само ACTIVE"));
    assertEquals(
        WsItemMatcher.normaliseWording("DB е инициализирана (migrations + seed) и има поне 2–3 статии."),
        WsItemMatcher.normaliseWording("DB е инициализирана: migrations, seed; и има поне 2-3 статии"));
  }

  @Test
  void matchesMethodAndPathWhateverTheParameterSyntax() throws Exception {
    FileCoverage ws3 = only(WS3);
    assertEquals(
        List.of("WS3-API-2", "WS3-API-3", "WS3-API-6", "WS3-API-7", ""), ids(ws3));
    assertEquals(
        List.of(Match.ENDPOINT, Match.ENDPOINT, Match.ENDPOINT, Match.ENDPOINT, Match.NONE),
        matches(ws3));
    assertEquals("/courses/{}", WsItemMatcher.normalisePath("/api/courses/[courseId]"));
    assertEquals("/courses/{}", WsItemMatcher.normalisePath("/courses/{courseId}/"));
    assertEquals("/courses/{}/enroll", WsItemMatcher.normalisePath("/api/courses/:courseId/enroll"));
    assertEquals("/wiki/articles", WsItemMatcher.normalisePath("/api/wiki/articles?lang=en"));
  }

  @Test
  void aManualItemStaysManualAndNamesFileAndLine() throws Exception {
    FileCoverage ws1 = only(WS1);
    List<ItemCoverage> manual = ws1.manual();
    assertEquals(1, manual.size());
    assertEquals("Визуална проверка на статия на мобилен екран.", manual.get(0).item().text());
    assertEquals(WS1 + ":9", ws1.where(manual.get(0)));

    FileCoverage ws3 = only(WS3);
    ItemCoverage delete = ws3.manual().get(0);
    assertEquals(Match.NONE, delete.match());
    assertEquals(List.of("DELETE /api/courses/{courseId}/enroll"), delete.uncovered());
  }

  @Test
  void matchedButNotAutomatedItemsAreManualWithTheirId() throws Exception {
    FileCoverage ws2 = only(WS2);
    assertEquals(
        List.of("WS2-DEMO-1", "WS2-DEMO-2", "WS2-DEMO-3", "WS2-API-2", "WS2-API-1",
            "WS2-SEC-3", "WS2-SEC-2"),
        ids(ws2));
    assertEquals(5, ws2.automatedCount());
    List<ItemCoverage> manual = ws2.manual();
    assertEquals(List.of("WS2-API-1", "WS2-SEC-3"),
        manual.stream().map(ItemCoverage::checklistId).toList());
    assertEquals(List.of("POST /api/auth/logout"), manual.get(0).uncovered());
    assertEquals(List.of("WS2-SEC-3"), manual.get(1).uncovered());

    List<Finding> findings = new WsCoverageReport(List.of(ws2), List.of()).findings();
    assertEquals("WS-2: 5 of 7 items automated by the smoke suite, 2 manual", findings.get(0).message());
    Finding lockout = findings.get(2);
    assertEquals(Severity.INFO, lockout.severity());
    assertEquals("WS2-SEC-3", lockout.checklistId());
    assertEquals(WS2 + ":16", lockout.where());
    assertEquals(
        "walk it by hand after the deploy: the smoke library has no check for WS2-SEC-3",
        lockout.fix());
  }

  @Test
  void anItemOfACatalogWithoutACheckIsMatchedButManual() throws Exception {
    List<WsCatalogItem> catalog =
        WsCatalogItem.smokeLibrary().stream()
            .map(i -> i.id().equals("WS1-API-3")
                ? new WsCatalogItem(i.id(), i.section(), i.text(), i.original(), false)
                : i)
            .toList();
    FileCoverage ws1 = new WsChecklistCoverage(List.of(WS1), catalog).review().files().get(0);
    ItemCoverage notFound = ws1.items().get(7);
    assertEquals(Match.WORDING, notFound.match());
    assertEquals("WS1-API-3", notFound.checklistId());
    assertFalse(notFound.automated());
    assertEquals(6, ws1.automatedCount());
  }

  @Test
  void referenceCoreChecklistsAreFullyRecognised() throws Exception {
    WsCoverageReport report =
        new WsChecklistCoverage(WsChecklistCoverage.defaultFiles(REFERENCE_CORE)).review();
    assertEquals(List.of("WS-1", "WS-2", "WS-3"),
        report.files().stream().map(FileCoverage::label).toList());
    assertEquals(List.of(8, 8, 18), report.files().stream().map(f -> f.items().size()).toList());
    for (FileCoverage file : report.files()) {
      assertTrue(file.found(), file.file().toString());
      for (ItemCoverage item : file.items()) {
        assertTrue(item.automated(), file.where(item) + " " + item.item().text());
        assertEquals(Match.WORDING, item.match(), file.where(item));
      }
    }
    List<String> named =
        report.files().stream().flatMap(f -> f.items().stream()).map(ItemCoverage::checklistId).toList();
    assertEquals(34, named.stream().distinct().count());
    assertEquals(List.of("OPS-HEALTH-1", "OPS-DB-1"), report.notInChecklists());
    assertTrue(report.files().stream().flatMap(f -> f.items().stream())
        .anyMatch(i -> !i.item().done()), "the reference core leaves some items unticked");
  }

  @Test
  void everyWsItemOfTheSmokeCatalogCarriesItsOriginalWording() {
    List<WsCatalogItem> ws =
        WsCatalogItem.smokeLibrary().stream().filter(i -> i.id().startsWith("WS")).toList();
    assertEquals(34, ws.size());
    ws.forEach(i -> assertFalse(i.original().isBlank(), i.id()));
  }

  @Test
  void dodCheckReportsCoveragePerFileAndAMissingFileAsInformation() throws Exception {
    Path missing = dir.resolve("docs/sprint-artifacts/WS2-auth-demo-checklist.md");
    DodSettings settings =
        new DodSettings(DOD, Optional.empty(), true, NOV_25, List.of(WS1, missing, WS3));
    GateResult result = new DodCheck(settings).check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, result.status());
    List<Finding> ws =
        result.findings().stream().filter(f -> f.where().contains("sprint-artifacts")
            || f.where().contains("checklist/ws") || f.message().contains("smoke suite")).toList();
    assertTrue(ws.stream().allMatch(f -> f.severity() == Severity.INFO), ws.toString());
    assertEquals(
        List.of(
            "WS-1: 7 of 8 items automated by the smoke suite, 1 manual",
            "WS-1 manual: Визуална проверка на статия на мобилен екран.",
            "WS-2 checklist not found; its smoke-suite coverage is not reported",
            "WS-3: 4 of 5 items automated by the smoke suite, 1 manual",
            "WS-3 manual: `DELETE /api/courses/{courseId}/enroll` отписва потребителя.",
            "automated by the smoke suite but named in none of the WS checklists: OPS-HEALTH-1,"
                + " OPS-DB-1, WS1-DB-1, WS3-DEMO-1, WS3-DEMO-2, WS3-DEMO-3, WS3-DEMO-4,"
                + " WS3-DEMO-5, WS3-DEMO-6, WS3-API-1, WS3-API-4, WS3-API-5, WS3-DB-1,"
                + " WS3-DB-2, WS3-DB-3, WS3-SEC-1, WS3-SEC-2"),
        ws.stream().map(Finding::message).toList());
    assertEquals(WS1 + ":9", ws.get(1).where());
    assertEquals("", ws.get(1).checklistId());
    assertEquals(missing.toString(), ws.get(2).where());
    assertTrue(ws.get(2).fix().contains("-Dbeelms.dod.wsChecklists"), ws.get(2).fix());
  }

  @Test
  void withoutWsChecklistsTheDodFindingsAreUnchanged() throws Exception {
    GateResult without =
        new DodCheck(new DodSettings(DOD, Optional.empty(), true, NOV_25)).check(ReleaseListener.NONE);
    assertTrue(without.findings().stream().noneMatch(f -> f.message().contains("smoke suite")));
  }

  @Test
  void aFileWithoutItemsIsReportedAndLabelsComeFromFileNames() throws Exception {
    Path empty = dir.resolve("WS4-admin-demo-checklist.md");
    Files.writeString(empty, "# WS-4 – Admin\n\nTBD.\n");
    WsCoverageReport report = new WsChecklistCoverage(List.of(empty)).review();
    assertEquals("WS-4: no task-list items ('- [ ]' / '- [x]') found",
        report.findings().get(0).message());
    assertEquals("custom.md", WsChecklistCoverage.label(Path.of("docs/custom.md")));
    assertEquals(
        List.of(REFERENCE_CORE.resolve("docs/sprint-artifacts/WS1-wiki-demo-checklist.md")),
        WsChecklistCoverage.defaultFiles(REFERENCE_CORE).subList(0, 1));
  }
}
