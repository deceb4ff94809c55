package org.beelms.smoke.report;

import org.beelms.smoke.client.ContractDeviation;
import org.beelms.smoke.client.PageVisit;
import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.client.ResidueEntry;
import org.beelms.smoke.client.RetryRecord;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChecklistReportTest {
    private static final Instant AT = Instant.parse("2026-11-25T20:00:00Z");

    private static RecordedRequest req(String method, String url, int status, String body) {
        return new RecordedRequest(AT, method, url, status, Duration.ofMillis(42), body, null);
    }

    private static SmokeRunResult sample() {
        CheckResult passed = new CheckResult(List.of("WS1-API-1"), "WS1-API-1 GET /api/wiki/articles returns 200", "u1",
                "Ws1WikiSmoke", CheckStatus.PASSED, null, List.of(req("GET", "http://h/api/wiki/articles", 200, null)),
                Duration.ofMillis(50), Set.of("smoke", "ws1"));
        CheckResult failed = new CheckResult(List.of("WS1-API-2"), "WS1-API-2 article", "u2", "Ws1WikiSmoke",
                CheckStatus.FAILED, "Expected status code <200> but was <500>.",
                List.of(req("GET", "http://h/api/wiki/articles/faq", 500, "{\"message\":\"boom <script>\"}")),
                Duration.ofMillis(60), Set.of("smoke", "ws1"));
        CheckResult skipped = new CheckResult(List.of("WS1-DEMO-4"), "WS1-DEMO-4 lang", "u3", "Ws1WikiSmoke",
                CheckStatus.SKIPPED, "no article has an English (lang=en) version to switch to", List.of(),
                Duration.ZERO, Set.of("smoke", "ws1"));
        CheckResult pipe = new CheckResult(List.of("WS1-DB-1"), "WS1-DB-1 a | b", "u4", "Ws1WikiSmoke",
                CheckStatus.PASSED, null, List.of(), Duration.ZERO, Set.of("smoke", "ws1"));
        return new SmokeRunResult(URI.create("http://h/api"), "staging-eu", "staging", Set.of("ws1"), AT,
                Duration.ofSeconds(3), List.of(passed, failed, skipped, pipe),
                List.of(new ContractDeviation(List.of("WS3-API-7"), "quizSubmit", "POST /courses/1/quizzes/2/submit", 201,
                        Set.of(200), "accepted through beelms.smoke.status.quizSubmit")),
                List.of(new ResidueEntry(ResidueEntry.Kind.CREATED, "account beelms-smoke-1@example.com", "registered"),
                        new ResidueEntry(ResidueEntry.Kind.REMOVED, "account beelms-smoke-1@example.com", "DELETE /users/me → 204")),
                List.of(new RetryRecord(1, "GET http://h/api/health", "503", Duration.ofMillis(250))),
                List.of(), null, Path.of("target"));
    }

    @Test
    void markdownListsEachItemWithTextStatusAndProof() {
        String md = ChecklistReport.markdown(sample());
        assertTrue(md.contains("# beelms core smoke report – staging-eu"), md);
        assertTrue(md.contains("| WS1-API-1 | `GET /api/wiki/articles` returns 200 | ✅ PASSED | GET http://h/api/wiki/articles → 200 (42 ms at 20:00:00Z) |"), md);
        assertTrue(md.contains("| WS1-API-2 | `GET /api/wiki/articles/{slug}` returns 200 for a valid slug | ❌ FAILED | "
                + "Expected status code <200> but was <500>. — GET http://h/api/wiki/articles/faq → 500"), md);
        assertTrue(md.contains("body: {\"message\":\"boom <script>\"}"), "failure shows the body excerpt");
        assertTrue(md.contains("| WS1-DEMO-4 | Switch `lang` (when available) and check the behaviour | ⏭️ SKIPPED | "
                + "no article has an English (lang=en) version to switch to |"), md);
        assertTrue(md.contains("| WS1-DEMO-1 | Open `/wiki` as a guest | ▫️ NOT RUN |"), md);
        assertFalse(md.contains("WS2-API-1 |"), "unselected suites are not listed");
        assertTrue(md.contains("WS1-DB-1 a \\| b"), "pipes are escaped");
        assertTrue(md.contains("## Contract deviations") && md.contains("| WS3-API-7 | quizSubmit |"), md);
        assertTrue(md.contains("| 1 | GET http://h/api/health | 503 | 250 ms |"), md);
        assertTrue(md.contains("| created | account beelms-smoke-1@example.com |") && md.contains("| removed |"), md);
        assertTrue(md.contains("2 passed, 1 failed, 1 skipped") && md.contains("exit code 1"), md);
    }

    @Test
    void htmlEscapesBodiesAndHasTheSameSections(@TempDir Path dir) throws IOException {
        ChecklistReport.write(sample(), dir);
        String html = Files.readString(dir.resolve(ChecklistReport.HTML_FILE));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script>"), "bodies are escaped");
        assertTrue(html.contains("boom &lt;script&gt;"), html);
        for (String section : List.of("Checklist", "Contract deviations", "Retries (warm-up)", "Residue")) {
            assertTrue(html.contains("<h2>" + section + "</h2>"), section);
        }
        assertTrue(html.contains("class=\"FAILED\">FAILED"), html);
        assertTrue(Files.exists(dir.resolve(ChecklistReport.MARKDOWN_FILE)));
    }

    @Test
    void visualCheckShowsEachPageInChecklistOrderWithItsScreenshot(@TempDir Path dir) throws IOException {
        PageVisit courses = new PageVisit(List.of("WS3-DEMO-1"), "WS3-DEMO-1 Browser: /courses", "http://w/courses",
                "http://w/courses", 200, List.of("Course A"), null, "Application error", List.of("TypeError: x"),
                List.of("GET http://w/api/courses → 500"), dir.resolve("screenshots/01-WS3-DEMO-1.png"),
                Duration.ofMillis(900), AT, "none of [Course A] appeared");
        PageVisit wiki = new PageVisit(List.of("WS1-DEMO-1", "WS1-DEMO-2"), "WS1-DEMO-1 Browser: /wiki", "http://w/wiki",
                "http://w/wiki", 200, List.of("Article <1>"), "Article <1>", "Wiki Article <1>", List.of(), List.of(),
                dir.resolve("screenshots/02-WS1-DEMO-1_WS1-DEMO-2.png"), Duration.ofMillis(700), AT, null);
        SmokeRunResult s = sample();
        SmokeRunResult result = new SmokeRunResult(s.target(), s.environment(), s.mode(), Set.of("pages"), AT,
                s.duration(), s.checks(), s.deviations(), s.residue(), s.retries(), s.problems(), null, dir,
                s.requests(), s.regression(), List.of(courses, wiki));
        ChecklistReport.write(result, dir);
        String html = Files.readString(dir.resolve(ChecklistReport.HTML_FILE));
        int visual = html.indexOf("<h2 id=\"visual-check\">Visual check</h2>");
        assertTrue(visual > 0, html);
        int first = html.indexOf("<section class=\"visual\"><h3>WS1-DEMO-1 WS1-DEMO-2", visual);
        int second = html.indexOf("<section class=\"visual\"><h3>WS3-DEMO-1", visual);
        assertTrue(first > 0 && second > first, "checklist order (WS-1 before WS-3), not run order");
        assertTrue(html.contains("<img src=\"screenshots/02-WS1-DEMO-1_WS1-DEMO-2.png\""), "linked relative to the report");
        assertTrue(html.contains("Article &lt;1&gt;") && !html.contains("Article <1>"), "escaped");
        assertTrue(html.contains("TypeError: x") && html.contains("GET http://w/api/courses → 500"));
        String md = Files.readString(dir.resolve(ChecklistReport.MARKDOWN_FILE));
        assertTrue(md.contains("## Visual check") && md.contains("](screenshots/01-WS3-DEMO-1.png)"), md);
        assertTrue(md.contains("| WS1-DEMO-4 | "), "items a check cites appear in the checklist of a pages-only run: " + md);
        assertFalse(ChecklistReport.html(sample()).contains("Visual check"), "no section without pages");
    }

    @Test
    void aStoppedRunSaysWhy() {
        SmokeRunResult stopped = new SmokeRunResult(URI.create("http://h/api"), "prod", "production", Set.of("smoke"),
                AT, Duration.ofSeconds(1), List.of(), List.of(), List.of(), List.of(), List.of(),
                "Target not reachable: GET http://h/api/health ...", Path.of("target"));
        assertEquals(2, stopped.exitCode());
        String md = ChecklistReport.markdown(stopped);
        assertTrue(md.contains("> **Run stopped:** Target not reachable"), md);
        assertTrue(md.contains("| OPS-HEALTH-1 | The API is up (health endpoint answers 200) | ▫️ NOT RUN | "
                + "not run: the run stopped before the checks |"), md);
        assertTrue(md.contains("The run created nothing on the target."), md);
    }

    @Test
    void catalogCoversEveryApiProvableItemOfTheChecklists() {
        List<String> ids = ChecklistCatalog.items().stream().map(ChecklistCatalog.Item::id).toList();
        assertEquals(36, ids.size());
        assertEquals(8, ids.stream().filter(i -> i.startsWith("WS1-")).count());
        assertEquals(8, ids.stream().filter(i -> i.startsWith("WS2-")).count());
        assertEquals(18, ids.stream().filter(i -> i.startsWith("WS3-")).count());
        assertEquals(2, ids.stream().filter(i -> i.startsWith("OPS-")).count());
    }
}
