package org.beelms.plugin.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.git.TempGitRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiCompatibilityTest {

  @TempDir Path project;

  /** The fixture spec with one change of every kind against it. */
  private static String changedSpec() {
    return OpenApiFixtures.spec(
        // PATH_REMOVED: /health is gone
        "  /health:\n    get:\n      operationId: health\n      summary: Liveness\n      security: []\n"
            + "      responses:\n        '200':\n          description: ok\n",
        "",
        // PARAMETER_MADE_REQUIRED: q
        "        - name: q\n          in: query\n",
        "        - name: q\n          in: query\n          required: true\n",
        // SECURITY_ADDED + REQUIRED_PARAMETER_ADDED on GET /courses
        "      operationId: listCourses\n      summary: List courses\n      security: []\n",
        "      operationId: listCourses\n      summary: List courses\n"
            + "      parameters:\n        - name: lang\n          in: query\n          required: true\n"
            + "          schema: {type: string}\n        - name: page\n          in: query\n"
            + "          schema: {type: integer}\n",
        // RESPONSE_REMOVED 404 on GET /courses/{courseId}, path parameter renamed (not a change)
        "  /courses/{courseId}:\n    get:\n      operationId: getCourse\n      summary: One course with its curriculum\n"
            + "      security: []\n      parameters:\n        - name: courseId\n",
        "  /courses/{id}:\n    get:\n      operationId: getCourse\n      summary: One course with its curriculum\n"
            + "      security: []\n      parameters:\n        - name: id\n",
        "        '404':\n          description: unknown course\n  /courses/{courseId}/enroll:",
        "  /courses/{courseId}/enroll:",
        // METHOD_REMOVED: DELETE /users/me; OPERATION_ADDED: PUT /users/me
        "    delete:\n      operationId: deleteMe\n",
        "    put:\n      operationId: deleteMe\n");
  }

  private static SpecDocument parse(String location, String text) {
    return SpecDocument.parse(location, text).document().orElseThrow();
  }

  @Test
  void listsBreakingChangesAndAdditions() {
    ApiChanges changes =
        ApiCompatibility.compare(
            parse("old.yaml", OpenApiFixtures.spec()), parse("new.yaml", changedSpec()), "v0.1.0");

    assertEquals(
        List.of(
            "PATH_REMOVED GET /health (path /health is gone)",
            "PARAMETER_MADE_REQUIRED GET /wiki/articles (query:q)",
            "REQUIRED_PARAMETER_ADDED GET /courses (query:lang)",
            "SECURITY_ADDED GET /courses (now needs a bearer token)",
            "RESPONSE_REMOVED GET /courses/{id} (404)",
            "METHOD_REMOVED DELETE /users/me"),
        changes.breaking().stream().map(ApiChange::describe).toList());
    assertEquals(
        List.of("OPTIONAL_PARAMETER_ADDED GET /courses (query:page)", "OPERATION_ADDED PUT /users/me"),
        changes.additions().stream().map(ApiChange::describe).toList());
    assertEquals("v0.1.0", changes.previousRelease());
    assertTrue(changes.hasBreakingChanges());
  }

  @Test
  void comparesWithTheSpecAtThePreviousReleaseTagAndWritesTheJson() throws Exception {
    Path out = project.resolve("target/beelms-release");
    try (TempGitRepo repo = TempGitRepo.init(project)) {
      repo.write(OpenApiFixtures.SPEC, OpenApiFixtures.spec()).commitAll("release 0.1.0");
      repo.tag("v0.1.0");
      repo.write(OpenApiFixtures.SPEC, changedSpec()).commitAll("next");
    }
    OpenApiFixtures.classes(project, List.of("jaxrs"), List.of());

    OpenApiCheckResult result =
        new OpenApiCheck(
                OpenApiFixtures.settings(project)
                    .compareWithPrevious(true)
                    .releaseVersion(new SemanticVersion(0, 2, 0, ""))
                    .outputDirectory(out)
                    .build())
            .run(ReleaseListener.NONE);

    ApiChanges changes = result.changes().orElseThrow();
    assertEquals(6, changes.breaking().size());
    List<RuleFinding> breaking = result.findings(Rule.BREAKING_CHANGE);
    assertEquals(6, breaking.size());
    Finding removed = breaking.get(0).finding();
    assertEquals(Severity.WARNING, removed.severity());
    assertEquals("Breaking change since v0.1.0: PATH_REMOVED GET /health (path /health is gone)", removed.message());
    assertEquals("docs/architecture/openapi.yaml@v0.1.0:13", removed.where());
    assertEquals(changes, ApiChanges.readJson(out.resolve(ApiChanges.JSON_FILE)));
  }

  @Test
  void firstReleaseIsInformationNotFailure() throws Exception {
    try (TempGitRepo repo = TempGitRepo.init(project)) {
      repo.write(OpenApiFixtures.SPEC, OpenApiFixtures.spec()).commitAll("first");
    }
    OpenApiFixtures.classes(project, List.of("jaxrs"), List.of());

    OpenApiCheckResult result =
        new OpenApiCheck(OpenApiFixtures.settings(project).compareWithPrevious(true).build())
            .run(ReleaseListener.NONE);

    assertFalse(result.failed());
    assertTrue(result.changes().orElseThrow().firstRelease());
    Finding info = result.findings(Rule.COMPATIBILITY).get(0).finding();
    assertEquals(Severity.INFO, info.severity());
    assertTrue(info.message().startsWith("First release"), info.message());
    assertTrue(Files.isRegularFile(project.resolve("target/beelms-release/api-changes.json")));
  }
}
