package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.beelms.plugin.fixture.NestJsCore;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn beelms:release-candidate -Dbeelms.dryRun=true} on a repository shaped like the real
 * beelms core (NestJS controllers, TypeORM migrations, the BMAD docs, a mixed history), configured
 * only by its release pom — the pom of {@code docs/adopting-nestjs.md}. First the gates find the
 * fixture's real defects; after the fix and the waivers, the artifacts are built.
 */
class NestJsCoreReleaseIT {

  @Test
  void theReleasePomAloneConfiguresEveryGateAndTheFixedCoreIsReleased(@TempDir Path work)
      throws Exception {
    Path project = NestJsCore.create(work.resolve("beelms-core"));

    // 1. Nothing on the command line but the dry run: every setting comes from the pom.
    MavenBuild.Result first =
        MavenBuild.in(project).args("beelms:release-candidate", "-Dbeelms.dryRun=true").run();
    String log = first.log();

    assertNotEquals(0, first.exitCode(), log);
    assertTrue(log.contains("Gate              Result      Time  Findings"), log);
    Map<String, String> statuses = gateStatuses(project);
    assertEquals("PASSED", statuses.get("scope-freeze"), log);
    assertEquals("FAILED", statuses.get("openapi-check"), log);
    assertEquals("FAILED", statuses.get("dod-check"), log);
    assertEquals("SKIPPED", statuses.get("image"), "no artifact after a failed gate");
    assertEquals("SKIPPED", statuses.get("tag"));
    assertTrue(log.contains("Release gate(s) failed: openapi-check, dod-check"), log);

    // The routes were read from be/src (the pom's sourceDirectory), not from the defaults.
    assertFalse(log.contains("No routes found"), log);
    // Drift both ways, each with file:line.
    assertTrue(
        findingLine(log, "GET /admin/wiki/articles/{id}/versions")
            .contains(NestJsCore.SPEC + ":" + lineOf(project, NestJsCore.SPEC, "/admin/wiki/articles/{id}/versions:", 1)),
        log);
    assertTrue(
        findingLine(log, "POST /courses/{courseId}/unenroll is implemented but not documented")
            .contains(NestJsCore.COURSES + ":" + lineOf(project, NestJsCore.COURSES, "@Post(':courseId/unenroll')", 0)),
        log);
    assertTrue(
        findingLine(log, "PATCH /admin/courses/status/bulk is implemented but not documented")
            .contains(NestJsCore.ADMIN_COURSES + ":"),
        log);
    // Guard findings: the teacher routes the spec marks admin-only are reported at the
    // controller, naming the role guard the code restricts them by (mapped in <guardRoles>).
    String teacherRoute = findingLine(log, "GET /admin/courses ");
    assertTrue(teacherRoute.contains(NestJsCore.ADMIN_COURSES + ":"), teacherRoute);
    assertTrue(teacherRoute.contains("restricted by TeacherGuard"), teacherRoute);
    assertTrue(teacherRoute.contains("admin-only"), teacherRoute);
    assertFalse(log.contains("any authenticated caller"), log);
    // OptionalJwtAuthGuard is public by default (the pom does not list it): the optional-token
    // wiki routes match the spec's `security: [{}, bearerAuth]`, no finding.
    assertFalse(log.contains("GET /wiki/articles is"), log);
    assertFalse(log.contains("GET /wiki/articles/{slug} is"), log);

    // The DoD's open, unwaived items fail the gate, each at file:line; the waived one does not.
    // The pom sets no strict or reportOnly flag: failing is the default.
    assertFalse(Files.readString(project.resolve("pom.xml")).contains("<strict>"));
    assertTrue(
        findingLine(log, "DOD-B-a85351 open")
            .contains(NestJsCore.DOD + ":" + lineOf(project, NestJsCore.DOD, "Guest wiki + legal pages", 0)),
        log);
    assertTrue(log.contains("DOD-D-4af6e6 waived until 2030-06-30"), log);

    // migrations-check reads the pom's <locations> as TypeORM classes: all 12, statically.
    assertEquals("PASSED", statuses.get("migrations-check"), log);
    assertTrue(log.contains("12 TypeORM migration(s) in "), log);
    assertTrue(log.contains(NestJsCore.MIGRATIONS), log);
    assertFalse(log.contains("No migrations in"), log);
    // The column rename is a true finding, kept on purpose: a contract warning at its line.
    assertTrue(
        findingLine(log, "1718100000000-RenameWikiBody.ts is a contract migration")
            .contains(NestJsCore.MIGRATIONS + "/1718100000000-RenameWikiBody.ts:7"),
        log);

    try (Git git = Git.open(project.toFile())) {
      assertEquals(null, git.getRepository().findRef("refs/tags/v0.2.0"), "nothing is tagged");
    }

    // 2. The drift fixed in the spec and every remaining open DoD item waived: the artifacts
    // run. No registry can be reached here, so the image is built on Jib's scratch base.
    NestJsCore.fixDriftAndWaiveTheRest(project);
    MavenBuild.Result second =
        MavenBuild.in(project)
            .args("beelms:release-candidate", "-Dbeelms.dryRun=true", "-Dimage.base=scratch")
            .run();
    String log2 = second.log();

    assertEquals(0, second.exitCode(), log2);
    Map<String, String> expected = new LinkedHashMap<>();
    for (String gate :
        List.of("scope-freeze", "openapi-check", "migrations-check", "dod-check", "image",
            "release-notes", "tag", "release-record")) {
      expected.put(gate, "PASSED");
    }
    // The fixture commits no be/package-lock.json: no SBOM, said so, never passed.
    expected.put("attest", "SKIPPED");
    assertEquals(expected, gateStatuses(project), log2);

    Path out = project.resolve("target/beelms-release");
    assertTrue(Files.size(out.resolve("image.tar")) > 0, "the image went to its tar");
    JsonNode record = new ObjectMapper().readTree(out.resolve("release.json").toFile());
    assertTrue(record.get("dryRun").asBoolean(), record.toString());
    assertEquals("v0.2.0", record.get("tag").asText(), record.toString());
    try (Git git = Git.open(project.toFile())) {
      assertEquals(null, git.getRepository().findRef("refs/tags/v0.2.0"), "a dry run tags nothing");
    }

    // Release notes from the mixed history: Conventional Commits grouped, the merge commit left
    // out and counted, free-text subjects under "Other changes".
    String notes = Files.readString(out.resolve("release-notes.md"), StandardCharsets.UTF_8);
    assertTrue(notes.contains("Changes since v0.1.0."), notes);
    assertTrue(notes.contains("1 merge or release commit(s) left out"), notes);
    assertFalse(notes.contains("Merge pull request"), notes);
    assertTrue(section(notes, "Features").contains("add multi-language create support"), notes);
    assertTrue(section(notes, "Fixes").contains("learners can unenroll"), notes);
    String other = section(notes, "Other changes");
    assertTrue(other.contains("Some fixes"), notes);
    assertTrue(other.contains("lint fixes"), notes);
    assertTrue(notes.contains("no version, no database check"), "known limitations included");
    // The TypeORM migrations added since v0.1.0, each with the safety class migrations-check
    // gave it: two expand, the column rename contract.
    String migrations = section(notes, "Database migrations");
    assertFalse(migrations.contains("unknown"), notes);
    Map<String, String> classes =
        Map.of(
            "1717900000000-AddTermsAcceptedAt.ts", "expand",
            "1718000000000-AddCourseLanguages.ts", "expand",
            "1718100000000-RenameWikiBody.ts", "contract");
    classes.forEach(
        (file, safety) ->
            assertTrue(findingLine(migrations, file).contains("**" + safety + "**"), notes));
    assertFalse(migrations.contains("1717000000000-InitialSchema.ts"), "released in v0.1.0");
  }

  @Test
  void theAdoptionGuideShowsTheReleasePomTheFixtureUses() throws Exception {
    Path fixture = NestJsCore.create(Files.createTempDirectory("nestjs-core-pom"));
    assertEquals(Files.readString(fixture.resolve("pom.xml"), StandardCharsets.UTF_8),
        NestJsCoreFirstReleaseIT.docPom());
  }

  /** Each gate's status in the last run's {@code target/beelms-release/summary.json}. */
  static Map<String, String> gateStatuses(Path project) throws Exception {
    JsonNode summary =
        new ObjectMapper().readTree(project.resolve("target/beelms-release/summary.json").toFile());
    Map<String, String> statuses = new LinkedHashMap<>();
    summary.forEach(gate -> statuses.put(gate.get("gate").asText(), gate.get("status").asText()));
    return statuses;
  }

  /** The log line of the finding containing {@code text}; fails when there is none. */
  private static String findingLine(String log, String text) {
    return log.lines()
        .filter(line -> line.contains(text))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no finding with '" + text + "' in:\n" + log));
  }

  /** The 1-based line of the first line containing {@code text}, plus {@code offset}. */
  private static int lineOf(Path project, String file, String text, int offset) throws Exception {
    List<String> lines = Files.readAllLines(project.resolve(file), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1 + offset;
      }
    }
    throw new AssertionError(text + " not in " + file);
  }

  /** The lines under the Markdown heading {@code name}, up to the next heading. */
  private static String section(String markdown, String name) {
    Matcher m = Pattern.compile("(?m)^#+ " + Pattern.quote(name) + "\n([^#]*)").matcher(markdown);
    return m.find() ? m.group(1) : "";
  }
}
