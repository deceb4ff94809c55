package org.beelms.smoke.runner;

import org.beelms.smoke.config.RunningIdentity;

import org.beelms.smoke.client.ResidueEntry;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.config.StatusKey;
import org.beelms.smoke.report.ChecklistCatalog;
import org.beelms.smoke.testing.FakeBeelms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner against real HTTP servers on 127.0.0.1: the fake beelms core, an HTML server, nothing at all. */
class SmokeRunnerTest {
    private static final String SMOKE_EMAIL = "smoke@example.com";
    private static final String SMOKE_PASSWORD = "Sm0ke-Secret-Pass";

    @TempDir
    Path reports;

    private static SmokeConfig.Builder config(FakeBeelms server) {
        return SmokeConfig.builder().url(server.url())
                .readyTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5));
    }

    private SmokeRunResult run(SmokeConfig config, String... suites) {
        return SmokeRunner.run(SmokeRunRequest.builder(config).suites(suites).reportDirectory(reports).build());
    }

    private static String describe(SmokeRunResult r) {
        return r + "\n" + r.checks().stream().filter(c -> c.status() != CheckStatus.PASSED)
                .map(c -> c.status() + " " + c.displayName() + ": " + c.message()).collect(Collectors.joining("\n"))
                + "\nproblems: " + r.problems();
    }

    @Test
    void unreachableTargetExits2WithinTheReadyTimeout() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SmokeConfig config = SmokeConfig.builder().url("http://127.0.0.1:" + port)
                .readyTimeout(Duration.ofMillis(1500)).build();
        Instant start = Instant.now();
        SmokeRunResult result = run(config);
        Duration took = Duration.between(start, Instant.now());
        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        assertTrue(result.error().orElseThrow().contains("not reachable"), result.error().orElseThrow());
        assertTrue(result.error().orElseThrow().contains("/api/health"), result.error().orElseThrow());
        assertTrue(result.checks().isEmpty());
        assertFalse(result.retries().isEmpty(), "the warm-up retries are recorded");
    }

    @Test
    void targetAnsweringHtmlExits2WithAClearMessage() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.answerHtml = true;
            SmokeRunResult result = run(config(server).build());
            assertEquals(2, result.exitCode(), result::toString);
            String error = result.error().orElseThrow();
            assertTrue(error.contains("HTML") && error.contains("not a beelms core API".substring(4)), error);
            assertTrue(error.contains("webUrl"), error);
            assertTrue(result.checks().isEmpty(), "no check runs against a non-API");
            assertEquals(List.of("GET /api/health"), server.log(), "one look is enough: HTML is not retried");
        }
    }

    @Test
    void pagesTierWithoutWebUrlIsSkippedWithTheReasonAndStartsNoBrowser() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            SmokeRunResult result = run(config(server).build(), "pages");
            // issue 29: a run that executed no check is no pass, whatever the reason of the skips
            assertEquals(1, result.exitCode(), () -> describe(result));
            assertEquals(0, result.executed());
            assertTrue(result.problems().contains("0 checks executed (0 passed, 0 failed, 7 skipped): a run that"
                    + " checked nothing is no pass"), result.problems()::toString);
            assertEquals(7, result.checks().size(), () -> describe(result));
            for (CheckResult c : result.checks()) {
                assertEquals(CheckStatus.SKIPPED, c.status(), c.displayName());
                assertTrue(c.message().contains("no webUrl configured (beelms.smoke.webUrl)"), c.message());
                assertTrue(c.tags().contains("pages"), c.tags().toString());
            }
            assertTrue(result.pages().isEmpty(), "no page opened");
            assertFalse(Files.exists(reports.resolve("screenshots")), "no browser, no screenshots");
        }
    }

    @Test
    void warmUp503sAreRetriedAndShownInTheReport() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.healthFailuresBeforeOk = 2;
            SmokeRunResult result = run(config(server).build(), "ops");
            assertEquals(0, result.exitCode(), () -> describe(result));
            assertEquals(2, result.retries().size(), () -> result.retries().toString());
            assertTrue(result.retries().get(0).outcome().contains("503"));
            assertEquals(CheckStatus.PASSED, result.statusOf("OPS-HEALTH-1"));
            assertEquals(CheckStatus.PASSED, result.statusOf("OPS-DB-1"));
            String md = Files.readString(reports.resolve("checklist-report.md"));
            assertTrue(md.contains("## Retries (warm-up)") && md.contains("| 1 | GET " + server.url() + "/api/health | 503 |"), md);
        }
    }

    @Test
    void retryBudgetBoundsTheWarmUp() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.healthFailuresBeforeOk = 100;
            server.healthFailureStatus = 502;
            SmokeRunResult result = run(config(server).retryBudget(2).build(), "ops");
            assertEquals(2, result.retries().size(), "1 attempt + 2 retries");
            assertEquals(CheckStatus.FAILED, result.statusOf("OPS-HEALTH-1"), "a JSON 502 after the warm-up fails the check");
            assertEquals(1, result.exitCode());
        }
    }

    @Test
    void stagingRunPassesEveryItemRegistersOnceAndRemovesItsAccount() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            SmokeRunResult result = run(config(server).expectedVersion("1.2.3").build());
            assertEquals(0, result.exitCode(), () -> describe(result));
            List<String> notPassed = ChecklistCatalog.items().stream().map(ChecklistCatalog.Item::id)
                    .filter(id -> result.statusOf(id) != CheckStatus.PASSED).toList();
            assertEquals(List.of(), notPassed, () -> describe(result));
            assertEquals(1, server.registerCalls.get(), "registers exactly once");
            String throwaway = server.users.keySet().stream().filter(e -> e.startsWith("beelms-smoke-")).findFirst().orElseThrow();
            assertEquals(1, server.loginCalls.get(throwaway).get(), "logs the throwaway account in once");
            assertEquals(0, server.activeUsers(), "the throwaway account is deleted at the end");
            assertTrue(result.created().stream().anyMatch(r -> r.what().contains(throwaway)), result.residue()::toString);
            assertTrue(result.removed().stream().anyMatch(r -> r.what().contains(throwaway)), result.residue()::toString);
            // page checks are skipped without webUrl, with the reason
            CheckResult page = result.checks().stream().filter(c -> c.displayName().contains("Page /wiki answers")).findFirst().orElseThrow();
            assertEquals(CheckStatus.SKIPPED, page.status());
            assertTrue(page.message().contains("webUrl"), page.message());
            // every check cites its ID in the display name and carries the smoke tag
            for (CheckResult c : result.checks()) {
                assertFalse(c.checklistIds().isEmpty(), c.displayName());
                assertTrue(c.displayName().startsWith(c.checklistIds().get(0)), c.displayName());
                assertTrue(c.tags().contains("smoke"), c.displayName());
            }
            // requests are recorded per check
            CheckResult api1 = result.checksFor("WS1-API-1").get(0);
            assertTrue(api1.proof().orElseThrow().url().endsWith("/api/wiki/articles"), api1.requests()::toString);
            assertNoSecretIn(reports, server);
            assertTrue(Files.exists(reports.resolve("checklist-report.html")));
            try (Stream<Path> files = Files.list(reports)) {
                assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("TEST-") && p.toString().endsWith(".xml")),
                        "JUnit XML written");
            }
        }
    }

    @Test
    void theRateLimitProbeSendsTheLimitAtOnceThenOneMoreAfterThem() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.everyRequestDelayMs = 15;
            SmokeRunResult result = run(config(server).readTimeout(Duration.ofSeconds(30)).build(), "ws2");
            CheckResult probe = result.checksFor("WS2-SEC-1").get(0);
            assertEquals(CheckStatus.PASSED, probe.status(), probe::toString);
            List<FakeBeelms.Exchange> logins = server.exchanges.stream().filter(FakeBeelms.Exchange::probe)
                    .sorted(java.util.Comparator.comparingLong(FakeBeelms.Exchange::startNanos)).toList();
            assertEquals(6, logins.size(), "the same six failed logins as one after the other");
            List<FakeBeelms.Exchange> burst = logins.subList(0, 5);
            assertTrue(burst.stream().anyMatch(a -> burst.stream().anyMatch(b -> a != b
                    && a.overlaps(b.startNanos(), b.endNanos()))), "the first five were sent at once");
            FakeBeelms.Exchange last = logins.get(5);
            assertTrue(burst.stream().allMatch(b -> b.endNanos() <= last.startNanos()),
                    "the sixth was sent after the five were answered (and counted)");
            assertEquals(6, probe.requests().stream().filter(r -> r.url().endsWith("/auth/login")).count(),
                    "the check's evidence holds all six");
        }
    }

    @Test
    void parallelChecksShareOneSessionLeaveTheProbeAloneAndReportInChecklistOrder() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.everyRequestDelayMs = 15; // long enough for checks running at the same time to overlap visibly
            // generous read timeout: on a loaded machine four checks at once can wait seconds for the fake's answers
            SmokeRunResult parallel = run(config(server).readTimeout(Duration.ofSeconds(30)).parallelism(4).build());
            assertEquals(0, parallel.exitCode(), () -> describe(parallel));
            assertEquals(1, server.registerCalls.get(), "one registration per run, however many checks need it at once");
            String throwaway = server.users.keySet().stream().filter(e -> e.startsWith("beelms-smoke-")).findFirst().orElseThrow();
            assertEquals(1, server.loginCalls.get(throwaway).get(), "one login of the smoke account per run");

            List<FakeBeelms.Exchange> probe = server.exchanges.stream().filter(FakeBeelms.Exchange::probe).toList();
            List<FakeBeelms.Exchange> others = server.exchanges.stream().filter(e -> !e.probe()).toList();
            assertTrue(others.stream().anyMatch(a -> others.stream().anyMatch(b -> a != b
                    && a.overlaps(b.startNanos(), b.endNanos()))), "no two requests overlapped: the checks did not run in parallel");
            assertFalse(probe.isEmpty(), "the rate-limit probe sent its failed logins");
            long from = probe.stream().mapToLong(FakeBeelms.Exchange::startNanos).min().orElseThrow();
            long to = probe.stream().mapToLong(FakeBeelms.Exchange::endNanos).max().orElseThrow();
            assertEquals(List.of(), others.stream().filter(e -> e.overlaps(from, to)).map(FakeBeelms.Exchange::request).toList(),
                    "requests of other checks ran while the rate-limit probe did");

            SmokeRunResult sequential = SmokeRunner.run(SmokeRunRequest.builder(config(server).readTimeout(Duration.ofSeconds(30)).parallelism(1).build())
                    .reportDirectory(reports.resolve("sequential")).build());
            List<String> order = parallel.checks().stream().map(CheckResult::displayName).toList();
            assertEquals(sequential.checks().stream().map(CheckResult::displayName).toList(), order,
                    "the report lists the checks in the same order, whatever order they finished in");
            List<String> catalog = ChecklistCatalog.items().stream().map(ChecklistCatalog.Item::id).toList();
            List<Integer> ws3 = parallel.checks().stream().filter(c -> c.tags().contains("ws3"))
                    .map(c -> catalog.indexOf(c.checklistIds().get(0))).toList();
            assertEquals(ws3.stream().sorted().toList(), ws3, () -> "WS-3 checks not in checklist order: " + order);
        }
    }

    @Test
    void productionRunLeavesNoResidue() throws IOException {
        try (FakeBeelms server = new FakeBeelms().withUser(SMOKE_EMAIL, SMOKE_PASSWORD)) {
            Set<String> usersBefore = Set.copyOf(server.users.keySet());
            // the legacy JUnit XML lists system properties: a password passed as one must not reach the report
            System.setProperty("beelms.smoke.test.password", SMOKE_PASSWORD);
            SmokeRunResult result;
            try {
                result = run(config(server).mode(SmokeMode.PRODUCTION).user(SMOKE_EMAIL, SMOKE_PASSWORD).build());
            } finally {
                System.clearProperty("beelms.smoke.test.password");
            }
            assertNoSecretIn(reports, server);
            assertEquals(0, result.exitCode(), () -> describe(result));
            assertEquals(0, server.registerCalls.get(), "production never registers");
            assertEquals(usersBefore, server.users.keySet());
            assertEquals(1, server.activeUsers());
            assertEquals(Set.of(), server.enrollments, "no enrolment row");
            assertEquals(List.of(), server.attempts, "no quiz attempt");
            assertEquals(1, server.loginCalls.get(SMOKE_EMAIL).get(), "one login for the smoke account");
            assertEquals(List.of(), result.residue());
            assertAll(
                    () -> assertEquals(CheckStatus.SKIPPED, result.statusOf("WS2-API-1")),
                    () -> assertEquals(CheckStatus.SKIPPED, result.statusOf("WS3-API-7")),
                    () -> assertEquals(CheckStatus.SKIPPED, result.statusOf("WS3-API-3")),
                    () -> assertEquals(CheckStatus.PASSED, result.statusOf("WS2-API-2")),
                    () -> assertEquals(CheckStatus.PASSED, result.statusOf("WS3-SEC-2")));
            CheckResult submit = result.checksFor("WS3-API-7").get(0);
            assertTrue(submit.message().contains("production mode"), submit.message());
        }
    }

    @Test
    void productionRunOnAnEnrolledAccountRepeatsOnlyIdempotentWrites() throws IOException {
        try (FakeBeelms server = new FakeBeelms().withUser(SMOKE_EMAIL, SMOKE_PASSWORD)) {
            server.enrollments.add(SMOKE_EMAIL + "|11111111-1111-1111-1111-111111111111");
            SmokeRunResult result = run(config(server).mode(SmokeMode.PRODUCTION).user(SMOKE_EMAIL, SMOKE_PASSWORD).build(), "ws3");
            assertEquals(0, result.exitCode(), () -> describe(result));
            assertEquals(CheckStatus.PASSED, result.statusOf("WS3-API-3"), () -> describe(result));
            assertEquals(CheckStatus.PASSED, result.statusOf("WS3-API-6"), () -> describe(result));
            assertEquals(CheckStatus.SKIPPED, result.statusOf("WS3-API-5"), "the task is not completed yet: skipped");
            assertEquals(1, server.enrollments.size());
            assertEquals(Set.of(), server.completions);
            assertEquals(List.of(), server.attempts);
        }
    }

    @Test
    void wrongPasswordFailsTheLoginOnceAndSkipsWhatNeedsTheSession() throws IOException {
        try (FakeBeelms server = new FakeBeelms().withUser(SMOKE_EMAIL, SMOKE_PASSWORD)) {
            SmokeRunResult result = run(config(server).mode(SmokeMode.PRODUCTION).user(SMOKE_EMAIL, "wrong-password").build());
            assertEquals(1, result.exitCode(), () -> describe(result));
            assertEquals(CheckStatus.FAILED, result.statusOf("WS2-API-2"));
            assertEquals(1, server.loginCalls.get(SMOKE_EMAIL).get(), "one login attempt, not one per check");
            assertEquals(1, result.problems().size(), result.problems()::toString);
            assertTrue(result.problems().get(0).contains("401"), result.problems().get(0));
            List<CheckResult> failed = result.failedChecks();
            assertTrue(failed.size() <= 3, () -> "only the login checks fail: " + describe(result));
            CheckResult me = result.checksFor("WS2-API-3").get(0);
            assertEquals(CheckStatus.SKIPPED, me.status());
            assertTrue(me.message().contains("WS2-API-2"), me.message());
            assertEquals(CheckStatus.PASSED, result.statusOf("WS1-API-1"), "unrelated checks still run");
            assertNoSecretIn(reports, server);
        }
    }

    @Test
    void acceptedDeviationsPassAndAreReported() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.quizSubmitStatus = 201;
            server.tasksRoute = false;
            SmokeRunResult result = run(config(server).acceptedStatuses(StatusKey.QUIZ_SUBMIT, 200, 201).build(), "ws3");
            assertEquals(0, result.exitCode(), () -> describe(result));
            assertTrue(result.deviations().stream().anyMatch(d -> d.status() == 201 && d.operation().equals("quizSubmit")),
                    result.deviations()::toString);
            assertTrue(result.deviations().stream().anyMatch(d -> d.operation().equals("completeTask")),
                    result.deviations()::toString);
            String md = Files.readString(reports.resolve("checklist-report.md"));
            assertTrue(md.contains("## Contract deviations") && md.contains("quizSubmit"), md);
        }
    }

    @Test
    void unexpectedSuccessStatusFailsWithoutConfiguration() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.quizSubmitStatus = 201;
            SmokeRunResult result = run(config(server).build(), "ws3");
            assertEquals(1, result.exitCode());
            assertEquals(CheckStatus.FAILED, result.statusOf("WS3-API-7"));
            String message = result.checksFor("WS3-API-7").get(0).message();
            assertTrue(message.contains("beelms.smoke.status.quizSubmit"), message);
        }
    }

    @Test
    void anArticleWithoutASlugDoesNotStopTheEnglishVersionProbe() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.slugLessFirstArticle = true;
            SmokeRunResult result = run(config(server).build(), "ws1");
            assertEquals(CheckStatus.PASSED, result.statusOf("WS1-DEMO-4"), () -> describe(result));
        }
    }

    @Test
    void withAdminCredentialsAnAdminListThatDoesNotAnswer200FailsTheDraftLeakCheck() throws IOException {
        try (FakeBeelms server = new FakeBeelms().withUser("admin@example.com", "Adm1n-Secret-Pass")) {
            SmokeRunResult result = run(config(server).admin("admin@example.com", "Adm1n-Secret-Pass").build(), "ws1");
            assertEquals(CheckStatus.FAILED, result.statusOf("WS1-DEMO-2"), () -> describe(result));
            String message = result.checksFor("WS1-DEMO-2").stream().filter(c -> c.status() == CheckStatus.FAILED)
                    .findFirst().orElseThrow().message();
            assertTrue(message.contains("GET /admin/wiki/articles answered 404"), message);
        }
    }

    @Test
    void databaseDownFailsOpsDb() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.dbDown = true;
            SmokeRunResult result = run(config(server).retryBudget(1).readyTimeout(Duration.ofSeconds(1)).build(), "ops");
            assertEquals(1, result.exitCode(), () -> describe(result));
            assertEquals(CheckStatus.FAILED, result.statusOf("OPS-DB-1"));
            CheckResult db = result.checksFor("OPS-DB-1").get(0);
            assertTrue(db.message().contains("503"), db.message());
            assertTrue(db.failedRequests().get(0).bodyExcerpt().contains("down"), db.failedRequests()::toString);
        }
    }

    @Test
    void wrongVersionFailsAndMissingExpectedVersionSkips() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            SmokeRunResult wrong = run(config(server).expectedVersion("9.9.9").build(), "ops");
            assertEquals(CheckStatus.FAILED, wrong.statusOf("OPS-HEALTH-1"));
            assertTrue(wrong.failedChecks().get(0).message().contains("/health reports version 1.2.3, expected 9.9.9"),
                    wrong.failedChecks().get(0).message());
            SmokeRunResult none = run(config(server).build(), "ops");
            assertEquals(0, none.exitCode());
            assertTrue(none.checks().stream().anyMatch(c -> c.status() == CheckStatus.SKIPPED
                    && c.message().contains("expectedVersion")), () -> describe(none));
        }
    }

    @Test
    void healthWithoutVersionPassesOnTheDeploysIdentityProofAndIsSkippedWithNone() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.version = null;
            SmokeRunResult unproven = run(config(server).expectedVersion("0.2.0").build(), "ops");
            assertEquals(CheckStatus.FAILED, unproven.statusOf("OPS-HEALTH-1"), () -> describe(unproven));
            assertTrue(unproven.failedChecks().get(0).message().contains("does not report a version"),
                    unproven.failedChecks().get(0).message());

            String proof = "running image sha256:" + "ab".repeat(32) + " = v0.2.0";
            SmokeRunResult proven = run(config(server).expectedVersion("0.2.0")
                    .identity(new RunningIdentity("command", Optional.of(proof))).build(), "ops");
            assertEquals(CheckStatus.PASSED, proven.statusOf("OPS-HEALTH-1"), () -> describe(proven));
            CheckResult version = proven.checks().stream()
                    .filter(c -> c.displayName().contains("running version")).findFirst().orElseThrow();
            assertEquals(proof + " (command)", version.message());
            String md = Files.readString(reports.resolve("checklist-report.md"));
            assertTrue(md.contains(proof), md);

            SmokeRunResult none = run(config(server).expectedVersion("0.2.0")
                    .identity(new RunningIdentity("none", Optional.empty())).build(), "ops");
            assertEquals(0, none.exitCode(), () -> describe(none));
            CheckResult skipped = none.checks().stream()
                    .filter(c -> c.displayName().contains("running version")).findFirst().orElseThrow();
            assertEquals(CheckStatus.SKIPPED, skipped.status());
            assertTrue(skipped.message().contains("identity not verified"), skipped.message());
        }
    }

    @Test
    void aProofDoesNotHideAnotherVersionThatHealthReports() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            SmokeRunResult result = run(config(server).expectedVersion("0.2.0")
                    .identity(new RunningIdentity("endpoint", Optional.of("running version 0.2.0 = v0.2.0"))).build(), "ops");
            assertEquals(CheckStatus.FAILED, result.statusOf("OPS-HEALTH-1"), () -> describe(result));
            assertTrue(result.failedChecks().get(0).message().contains("another release answers"),
                    result.failedChecks().get(0).message());
        }
    }

    @Test
    void rateLimitProbeSkipsWhenLimitingIsOff() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.rateLimit = false;
            SmokeRunResult result = run(config(server).build(), "ws2");
            CheckResult probe = result.checksFor("WS2-SEC-1").get(0);
            assertEquals(CheckStatus.SKIPPED, probe.status());
            assertTrue(probe.message().contains("rate limiting not switched on"), probe.message());
            long probeLogins = server.loginCalls.entrySet().stream().filter(e -> e.getKey().contains("ratelimit"))
                    .mapToInt(e -> e.getValue().get()).sum();
            assertEquals(6, probeLogins, "bounded to 6 attempts");
        }
    }

    @Test
    void suiteSelectionRunsOnlyTheSelectedTags() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            SmokeRunResult result = run(config(server).build(), "ops", "ws1");
            assertTrue(result.checks().stream().allMatch(c -> c.tags().contains("ops") || c.tags().contains("ws1")));
            assertEquals(CheckStatus.NOT_RUN, result.statusOf("WS2-API-2"));
            assertEquals(0, server.registerCalls.get());
        }
    }

    @Test
    void pageChecksRunWithWebUrlAndFailWhenThePageShowsNoApiData() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            SmokeRunResult ok = run(config(server).webUrl(server.url()).build(), "ws1", "ws3");
            assertEquals(0, ok.exitCode(), () -> describe(ok));
            assertEquals(0, ok.skipped(), () -> describe(ok));
            assertTrue(ok.checks().stream().anyMatch(c -> c.displayName().contains("Page /my-courses")
                    && c.status() == CheckStatus.PASSED));
            server.pagesShowTitles = false;
            SmokeRunResult bad = run(config(server).webUrl(server.url()).build(), "ws1");
            CheckResult page = bad.checks().stream().filter(c -> c.displayName().contains("Page /wiki answers"))
                    .findFirst().orElseThrow();
            assertEquals(CheckStatus.FAILED, page.status());
            assertTrue(page.message().contains("shows none of the titles"), page.message());
            assertEquals(CheckStatus.FAILED, bad.statusOf("WS1-DEMO-1"));
        }
    }

    @Test
    void registrationNeedingExtraFieldsFailsWithTheFixAndPassesWhenConfigured() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.requireAcceptTerms = true;
            SmokeRunResult without = run(config(server).build(), "ws2");
            assertEquals(1, without.exitCode());
            String message = without.checksFor("WS2-API-1").get(0).message();
            assertTrue(message.contains("register.extraFields"), message);
            SmokeRunResult with = run(config(server).registerExtraField("acceptTerms", true).build(), "ws2");
            assertEquals(0, with.exitCode(), () -> describe(with));
            assertEquals(CheckStatus.PASSED, with.statusOf("WS2-API-1"));
        }
    }

    @Test
    void curriculumTaskCompletionNeedsNoTasksRoute() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.tasksRoute = false;
            SmokeRunResult result = run(config(server).taskCompletion(org.beelms.smoke.config.TaskCompletion.CURRICULUM).build(), "ws3");
            assertEquals(0, result.exitCode(), () -> describe(result));
            assertEquals(List.of(), result.deviations());
            assertFalse(server.log().stream().anyMatch(l -> l.contains("/tasks/")), "the tasks route is never called");
            assertTrue(result.created().stream().anyMatch(r -> r.what().startsWith("progress: task item")), result.residue()::toString);
        }
    }

    @Test
    void aBrokenEnrolmentFailsItsChecksOnceAndSkipsTheChecksThatNeedIt() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.enrollRouteMissing = true;
            SmokeRunResult result = run(config(server).build(), "ws3");
            assertEquals(1, result.exitCode());
            assertEquals(CheckStatus.FAILED, result.statusOf("WS3-API-3"));
            assertEquals(CheckStatus.FAILED, result.statusOf("WS3-SEC-2"), "a missing route answers 404, not 401");
            CheckResult quiz = result.checksFor("WS3-API-6").get(0);
            assertEquals(CheckStatus.SKIPPED, quiz.status());
            assertTrue(quiz.message().contains("see WS3-API-3"), quiz.message());
            long enrolPosts = server.log().stream().filter(l -> l.startsWith("POST") && l.endsWith("/enroll")).count();
            assertTrue(enrolPosts <= 5, "a failed enrolment is not retried by every check: " + enrolPosts);
        }
    }

    @Test
    void aSlowEndpointFailsWithTheRequestAndTimeoutNamedAndDependentsSkip() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.coursesDelayMs = 1500;
            SmokeRunResult result = run(config(server).readTimeout(Duration.ofMillis(300)).build(), "ws3");
            assertEquals(1, result.exitCode());
            CheckResult catalog = result.checksFor("WS3-API-1").get(0);
            assertEquals(CheckStatus.FAILED, catalog.status());
            assertTrue(catalog.message().contains("GET " + server.url() + "/api/courses got no answer")
                    && catalog.message().contains("readTimeout"), catalog.message());
            assertTrue(catalog.requests().get(0).transportError(), catalog.requests()::toString);
            CheckResult detail = result.checksFor("WS3-API-2").get(0);
            assertEquals(CheckStatus.SKIPPED, detail.status(), detail::toString);
            assertTrue(detail.message().contains("could not discover test data"), detail.message());
        }
    }

    @Test
    void failuresNameTheEndpointThatWentWrong() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            server.enrollRouteMissing = true;
            SmokeRunResult result = run(config(server).build(), "ws1", "ws3");
            CheckResult api2 = result.checksFor("WS3-API-3").get(0);
            assertTrue(api2.message().contains("/enroll") && api2.message().contains("404"), api2.message());
            // a status expectation names the request and gets the failing exchange (with its body) appended
            CheckResult fine = result.checksFor("WS1-API-2").get(0);
            assertEquals(CheckStatus.PASSED, fine.status());
            server.articleDetail500 = true;
            SmokeRunResult broken = run(config(server).build(), "ws1");
            CheckResult detail = broken.checksFor("WS1-API-2").get(0);
            assertEquals(CheckStatus.FAILED, detail.status());
            assertTrue(detail.message().contains("GET /api/wiki/articles/getting-started answered 500, expected 200")
                    && detail.message().contains("GET " + server.url() + "/api/wiki/articles/getting-started → 500")
                    && detail.message().contains("Internal server error"), detail.message());
        }
    }

    private static void assertNoSecretIn(Path dir, FakeBeelms server) throws IOException {
        List<String> secrets = server.users.values().stream().map(FakeBeelms.User::password).toList();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f);
                for (String s : secrets) {
                    assertFalse(text.contains(s), "password in " + f.getFileName());
                }
                assertFalse(text.contains("eyJhbGciOiJIUzI1NiJ9."), "a token in " + f.getFileName());
                assertFalse(text.contains("Authorization"), "an Authorization header in " + f.getFileName());
            }
        }
    }
}
