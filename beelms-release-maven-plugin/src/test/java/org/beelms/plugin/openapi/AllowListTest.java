package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllowListTest {

  @TempDir Path project;

  /** The JAX-RS fixture with GET /health left out of the spec: one undocumented route. */
  private OpenApiCheckResult runWith(String allowListFile, String allowList) throws Exception {
    OpenApiFixtures.write(
        project,
        OpenApiFixtures.SPEC,
        OpenApiFixtures.spec(
            "  /health:\n    get:\n      operationId: health\n      summary: Liveness\n      security: []\n"
                + "      responses:\n        '200':\n          description: ok\n",
            ""));
    OpenApiFixtures.classes(project, List.of("jaxrs"), List.of());
    Path file = OpenApiFixtures.write(project, allowListFile, allowList);
    return new OpenApiCheck(OpenApiFixtures.settings(project).allowList(file).build())
        .run(ReleaseListener.NONE);
  }

  @Test
  void yamlEntryWithReasonSilencesTheFinding() throws Exception {
    OpenApiCheckResult result =
        runWith(
            "openapi-allow-list.yaml",
            "allow:\n  - rule: undocumented\n    subject: get /health/\n    reason: probed by the load balancer only\n");

    assertFalse(result.failed());
    Finding finding = result.findings(Rule.UNDOCUMENTED).get(0).finding();
    assertEquals(Severity.INFO, finding.severity());
    assertTrue(finding.message().startsWith("Allowed (probed by the load balancer only, openapi-allow-list.yaml:2)"),
        finding.message());
  }

  @Test
  void propertiesEntryWithReasonSilencesTheFinding() throws Exception {
    OpenApiCheckResult result =
        runWith(
            "openapi-allow-list.properties",
            "# accepted drift\nundocumented GET /health = probed by the load balancer only\n");

    assertFalse(result.failed());
  }

  @Test
  void entryWithoutReasonIsAnErrorAtItsLine() throws Exception {
    OpenApiCheckResult result =
        runWith(
            "openapi-allow-list.yaml",
            "- rule: undocumented\n  subject: GET /health\n  reason: probed by the load balancer\n"
                + "- rule: missing-summary\n  subject: GET /courses\n");

    assertTrue(result.failed());
    List<Finding> errors =
        result.plainFindings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
    assertEquals(1, errors.size(), errors::toString);
    assertEquals("openapi-allow-list.yaml:4", errors.get(0).where());
    assertTrue(errors.get(0).message().contains("has no reason"));
  }

  @Test
  void staleEntryIsAWarning() throws Exception {
    OpenApiCheckResult result =
        runWith(
            "openapi-allow-list.properties",
            "undocumented GET /health = probed by the load balancer\nundocumented GET /gone = removed long ago\n");

    List<Finding> warnings =
        result.plainFindings().stream().filter(f -> f.severity() == Severity.WARNING).toList();
    assertEquals(1, warnings.size(), warnings::toString);
    assertEquals("openapi-allow-list.properties:2", warnings.get(0).where());
  }
}
