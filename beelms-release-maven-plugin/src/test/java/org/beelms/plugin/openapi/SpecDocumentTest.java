package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;

class SpecDocumentTest {

  @Test
  void readsTheKeyPathOfSwaggerParserMessages() {
    assertEquals(
        List.of("paths", "/wiki/{slug}", "get", "responses"),
        SpecDocument.messagePath("attribute paths.'/wiki/{slug}'(get).responses is missing"));
    assertEquals(
        List.of("components", "schemas", "Metrics", "deleted included"),
        SpecDocument.messagePath("attribute components.schemas.Metrics.deleted included is unexpected"));
  }

  @Test
  void unexpectedKeyFromACommaInAFlowMappingIsReportedAtItsLine() {
    String text =
        """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            Metrics:
              type: object
              properties:
                total: {type: integer, description: Every user, deleted included}
        """;

    SpecDocument.Parsed parsed = SpecDocument.parse("openapi.yaml", text);

    assertEquals(1, parsed.problems().size(), parsed.problems()::toString);
    Finding problem = parsed.problems().get(0);
    assertEquals(Severity.ERROR, problem.severity());
    assertEquals("openapi.yaml:9", problem.where());
  }

  @Test
  void lintsDuplicateOperationIdsAndTheServerPrefix() {
    String text =
        OpenApiFixtures.spec(
            "operationId: listCourses", "operationId: listArticles",
            "url: http://localhost:3000/api", "url: http://localhost:3000/v1");

    SpecDocument spec = SpecDocument.parse("openapi.yaml", text).document().orElseThrow();
    List<RuleFinding> findings = new SpecLinter(ApiScope.all(), "/api").lint(spec);

    assertEquals(
        List.of("duplicate-operation-id listArticles", "server-prefix http://localhost:3000/v1"),
        findings.stream().map(f -> f.rule().id() + " " + f.subject()).toList());
    int firstUse = text.lines().toList().indexOf("      operationId: listArticles") + 1;
    assertTrue(
        findings.get(0).finding().fix().endsWith("openapi.yaml:" + firstUse), findings.get(0).finding().fix());
    assertEquals("openapi.yaml:6", findings.get(1).finding().where());
  }

  @Test
  void lintsMissingResponsesPerOperation() {
    String text =
        OpenApiFixtures.spec(
            "        '204':\n          description: enrolled\n        '401':\n          description: no token\n"
                + "        '404':\n          description: unknown course\n",
            "        '400':\n          description: bad\n");

    SpecDocument spec = SpecDocument.parse("openapi.yaml", text).document().orElseThrow();
    List<RuleFinding> findings = new SpecLinter(ApiScope.all(), "/api").lint(spec);

    assertEquals(
        List.of(
            "missing-2xx POST /courses/{courseId}/enroll",
            "missing-401 POST /courses/{courseId}/enroll",
            "missing-404 POST /courses/{courseId}/enroll"),
        findings.stream().map(f -> f.rule().id() + " " + f.subject()).toList());
  }

  @Test
  void jsonSpecIndentedWithTabsGetsLinesToo() throws Exception {
    Object tree =
        new ObjectMapper(new YAMLFactory())
            .readValue(OpenApiFixtures.spec("      summary: List courses\n", ""), Object.class);
    String json =
        new ObjectMapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(tree)
            .replace("  ", "\t");

    SpecDocument spec = SpecDocument.parse("openapi.json", json).document().orElseThrow();
    List<RuleFinding> findings = new SpecLinter(ApiScope.all(), "/api").lint(spec);

    assertEquals(
        List.of("missing-summary GET /courses"),
        findings.stream().map(f -> f.rule().id() + " " + f.subject()).toList());
    List<String> lines = json.lines().toList();
    int coursesLine = lines.indexOf("\t\t\"/courses\" : {") + 1;
    assertEquals("openapi.json:" + (coursesLine + 1), findings.get(0).finding().where());
  }
}
