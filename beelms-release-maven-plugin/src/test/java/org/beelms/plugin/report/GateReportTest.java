package org.beelms.plugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateReportTest {

  private final List<GateResult> results =
      List.of(
          GateResult.of(
              "openapi-check",
              Duration.ofMillis(2300),
              List.of(
                  Finding.error(
                          "documented but not implemented: DELETE /courses/{id}",
                          "docs/architecture/openapi.yaml:120",
                          "remove it from the spec or implement it")
                      .withChecklistId("DOD-A-1")),
              Severity.ERROR),
          GateResult.skipped("migrations-check", "no db/migration folder"));

  @Test
  void consoleShowsEveryGateAndFindingWithWhereAndFix() {
    List<String> lines = new GateReport(results).consoleLines();
    assertEquals("FAILED   openapi-check (2.3 s), 1 finding(s)", lines.get(0));
    assertEquals(
        "    [ERROR] DOD-A-1 documented but not implemented: DELETE /courses/{id}"
            + " @ docs/architecture/openapi.yaml:120 -> remove it from the spec or implement it",
        lines.get(1));
    assertEquals("SKIPPED  migrations-check (0.0 s): no db/migration folder", lines.get(2));
  }

  @Test
  void writesMarkdownAndJsonFromTheSameResults(@TempDir Path dir) throws Exception {
    new GateReport(results).writeTo(dir);

    String md = Files.readString(dir.resolve("summary.md"));
    assertTrue(md.contains("| openapi-check | FAILED | 2.3 s | 1 |"), md);
    assertTrue(md.contains("| migrations-check | SKIPPED | 0.0 s | no db/migration folder |"), md);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertEquals("FAILED", json.get(0).get("status").asText());
    assertEquals(2300, json.get(0).get("durationMillis").asLong());
    assertEquals("DOD-A-1", json.get(0).get("findings").get(0).get("checklistId").asText());
    assertEquals("no db/migration folder", json.get(1).get("skipReason").asText());
  }

  @Test
  void consoleTableHasOneAlignedRowPerGate() {
    assertEquals(
        List.of(
            "Gate              Result      Time  Findings",
            "openapi-check     FAILED     2.3 s  1",
            "migrations-check  SKIPPED    0.0 s  no db/migration folder"),
        new GateReport(results).consoleTable());
  }

  @Test
  void markdownEscapesPipesInCells() {
    GateResult result =
        GateResult.of(
            "g", Duration.ZERO, List.of(Finding.info("a | b", "x")), Severity.ERROR);
    assertTrue(new GateReport(List.of(result)).markdown().contains("| a \\| b |"));
  }
}
