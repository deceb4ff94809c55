package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adoption baseline of openapi-check: {@code -Dbeelms.baseline=write} accepts today's failing
 * findings with a placeholder reason, the next run fails only on what is new, and the placeholders
 * stay visible as open work.
 */
class AllowListBaselineTest {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 5);

  @TempDir Path project;

  /** NestJS fixture with the enrol route's guard removed and GET /health left out of the spec. */
  private void twoFindings() {
    Path sources = OpenApiFixtures.nestSources(project);
    OpenApiFixtures.edit(sources.resolve("courses/courses.controller.ts"), "  @UseGuards(JwtAuthGuard)\n", "");
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, OpenApiFixtures.spec(
        "  /health:\n    get:\n      operationId: health\n      summary: Liveness\n      security: []\n"
            + "      responses:\n        '200':\n          description: ok\n",
        ""));
  }

  private OpenApiCheckResult run(Path allowList, LocalDate baseline) throws Exception {
    OpenApiCheckSettings.Builder settings =
        OpenApiFixtures.settings(project).routeSource(new RouteSource.NestJs()).allowList(allowList);
    if (baseline != null) {
      settings.baseline(baseline);
    }
    return new OpenApiCheck(settings.build()).run(ReleaseListener.NONE);
  }

  private static List<String> atLeast(OpenApiCheckResult result, Severity severity) {
    return result.findings().stream()
        .filter(f -> f.finding().severity().atLeast(severity))
        .map(f -> f.rule().id() + " " + f.subject())
        .toList();
  }

  @Test
  void writesAnEntryPerFailingFindingAndTheNextRunPassesWithOpenWork() throws Exception {
    twoFindings();
    Path allowList = project.resolve("docs/delivery/openapi-allow-list.yaml");
    assertTrue(run(null, null).failed(), "the two findings fail the gate before the baseline");

    OpenApiCheckResult written = run(allowList, DAY);

    assertFalse(written.failed(), () -> atLeast(written, Severity.WARNING).toString());
    String text = Files.readString(allowList, StandardCharsets.UTF_8);
    assertTrue(text.startsWith("# Accepted openapi-check findings"), text);
    assertTrue(text.contains("- rule: public-but-documented-secured\n  subject: 'POST /courses/{courseId}/enroll'\n"
        + "  reason: baseline 2026-12-05\n"), text);
    assertTrue(text.contains("- rule: undocumented\n  subject: 'GET /health'\n  reason: baseline 2026-12-05\n"), text);
    assertEquals(2, AllowList.read(allowList, "a").entries().size());

    OpenApiCheckResult next = run(allowList, null);
    assertFalse(next.failed());
    Finding openWork = next.findings(Rule.ALLOW_LIST).get(0).finding();
    assertEquals(Severity.WARNING, openWork.severity());
    assertTrue(openWork.message().startsWith("2 allow-list entries still have the placeholder reason"
        + " 'baseline 2026-12-05'"), openWork.message());
    assertTrue(openWork.where().endsWith("openapi-allow-list.yaml:5"), openWork.where());

    // A new finding fails again: the baseline accepts only what it saw.
    OpenApiFixtures.edit(project.resolve("src/wiki/wiki.controller.ts"), "  @Get(':slug')\n",
        "  @Get('random')\n  random() {\n    return null;\n  }\n\n  @Get(':slug')\n");
    OpenApiCheckResult newDrift = run(allowList, null);
    assertTrue(newDrift.failed());
    assertEquals(List.of("undocumented GET /wiki/articles/random"), atLeast(newDrift, Severity.ERROR));
  }

  @Test
  void anEntryWithItsRealReasonIsNoLongerOpenWork() throws Exception {
    twoFindings();
    Path allowList = project.resolve("allow.yaml");
    run(allowList, DAY);
    Files.writeString(allowList, Files.readString(allowList).replaceFirst(
        "reason: baseline 2026-12-05", "reason: probed by the load balancer only"));

    OpenApiCheckResult next = run(allowList, null);

    Finding openWork = next.findings(Rule.ALLOW_LIST).get(0).finding();
    assertTrue(openWork.message().startsWith("1 allow-list entry still has the placeholder"), openWork.message());
    assertEquals(1, AllowList.read(allowList, "a").placeholders());
  }

  @Test
  void aSecondBaselineKeepsEveryByteAndAddsOnlyWhatIsNew() throws Exception {
    twoFindings();
    Path allowList = project.resolve("allow.yaml");
    String kept = "allow:\n  # reviewed by the tech lead\n  - rule: undocumented\n    subject: GET /health\n"
        + "    reason: probed by the load balancer only\n";
    Files.writeString(allowList, kept);

    OpenApiCheckResult written = run(allowList, DAY);

    String text = Files.readString(allowList);
    assertTrue(text.startsWith(kept), text);
    assertEquals(kept + "  - rule: public-but-documented-secured\n    subject: 'POST /courses/{courseId}/enroll'\n"
        + "    reason: baseline 2026-12-05\n", text);
    assertFalse(written.failed());
    run(allowList, DAY);
    assertEquals(text, Files.readString(allowList), "nothing new, nothing added");
  }

  @Test
  void aFileWhoseLayoutCannotTakeTheEntriesIsLeftAsItIs() throws Exception {
    twoFindings();
    Path allowList = project.resolve("allow.yaml");
    String kept = "allow:\n  - rule: undocumented\n    subject: GET /health\n    reason: probed\nowner: api team\n";
    Files.writeString(allowList, kept);

    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> run(allowList, DAY));

    assertTrue(refused.getMessage().contains("cannot add 1 baseline entries to " + allowList), refused.getMessage());
    assertEquals(kept, Files.readString(allowList));
    try (var left = Files.list(project)) {
      assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith(".baseline-")).count());
    }
  }

  @Test
  void propertiesFilesGetPropertiesLines() throws Exception {
    twoFindings();
    Path allowList = project.resolve("allow.properties");

    assertFalse(run(allowList, DAY).failed());

    assertTrue(Files.readString(allowList).contains("undocumented GET /health = baseline 2026-12-05\n"));
    assertFalse(run(allowList, null).failed());
  }

  @Test
  void theGateCannotBeBaselinedBlind() throws Exception {
    OpenApiFixtures.write(project, OpenApiFixtures.SPEC, "openapi: 3.0.3\npaths: [\n");
    Path allowList = project.resolve("allow.yaml");

    OpenApiCheckResult result = run(allowList, DAY);

    assertTrue(result.failed(), "an unreadable spec is never accepted");
    assertFalse(Files.exists(allowList) && !AllowList.read(allowList, "a").entries().isEmpty());
  }

  @Test
  void aMissingAllowListOffersTheBaselineCommand() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OpenApiFixtures.settings(project).allowList(project.resolve("docs/allow.yaml")).build());

    assertTrue(e.getMessage().contains("<allowList> / -Dbeelms.openapi.allowList"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn beelms:release-candidate -Dbeelms.baseline=write"), e.getMessage());
  }
}
