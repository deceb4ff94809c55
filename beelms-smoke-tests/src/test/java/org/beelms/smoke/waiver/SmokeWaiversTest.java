package org.beelms.smoke.waiver;

import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the smoke waiver file and reviewing a run's checks against it. */
class SmokeWaiversTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-05");
    private static final String MALFORMED = "Malformed ids: GET /courses/{courseId} with id 'not-a-uuid' answered 500"
            + " (invalid input syntax for type uuid)";

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path file = dir.resolve("smoke-waivers.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static RecordedRequest request(String method, String url, int status) {
        return new RecordedRequest(Instant.EPOCH, method, url, status, Duration.ofMillis(5), "", null);
    }

    private static CheckResult check(String id, CheckStatus status, String message, RecordedRequest... requests) {
        return new CheckResult(List.of(id), id + " check", "[engine:junit-jupiter]/[method:" + id + "]", "X", status,
                message, List.of(requests), Duration.ofMillis(10), Set.of("regression"));
    }

    private static CheckResult malformedIdsFailing() {
        return check("REG-INPUT-1", CheckStatus.FAILED, MALFORMED,
                request("GET", "http://h/api/courses/not-a-uuid", 500),
                request("GET", "http://h/api/wiki/articles/not-a-uuid", 404));
    }

    private static final String WAIVER = """
            # known failures of beelms core
            - check: REG-INPUT-1
              endpoint: GET /courses/{courseId}
              detail: "500"
              reason: malformed UUIDs reach the database (issue 123)
              owner: core team
              expires: 2026-12-31
            """;

    @Test
    void aMatchingWaiverTurnsTheFailureIntoWaivedWithItsTerms() throws IOException {
        SmokeWaivers waivers = SmokeWaivers.read(file(WAIVER));
        SmokeWaiver waiver = waivers.waivers().get(0);
        assertEquals(dir.resolve("smoke-waivers.yaml") + ":2", waiver.position(), "the line the entry starts on");
        WaiverReview review = waivers.review(List.of(malformedIdsFailing(),
                check("REG-INPUT-2", CheckStatus.PASSED, null)), TODAY);
        CheckResult waived = review.checks().get(0);
        assertEquals(CheckStatus.WAIVED, waived.status());
        assertEquals(MALFORMED, waived.message(), "the failure stays readable");
        assertEquals(waiver, waived.waiverUsed().orElseThrow());
        assertEquals(CheckStatus.PASSED, review.checks().get(1).status());
        assertEquals(List.of(waiver), review.used());
        assertEquals(List.of(), review.errors());
        assertEquals("REG-INPUT-1 (GET /courses/{courseId}, \"500\")", waiver.describe());
        assertEquals("until 2026-12-31 (core team): malformed UUIDs reach the database (issue 123)", waiver.terms());
    }

    @Test
    void theLastDayStillHoldsTheDayAfterTheWaiverHasExpired() throws IOException {
        SmokeWaivers waivers = SmokeWaivers.read(file(WAIVER));
        assertEquals(CheckStatus.WAIVED,
                waivers.review(List.of(malformedIdsFailing()), LocalDate.parse("2026-12-31")).checks().get(0).status());
        WaiverReview expired = waivers.review(List.of(malformedIdsFailing()), LocalDate.parse("2027-01-01"));
        assertEquals(CheckStatus.FAILED, expired.checks().get(0).status(), "an expired waiver accepts nothing");
        assertEquals(1, expired.errors().size());
        String error = expired.errors().get(0);
        assertTrue(error.startsWith(dir.resolve("smoke-waivers.yaml") + ":2: the waiver of REG-INPUT-1"), error);
        assertTrue(error.contains("expired on 2026-12-31") && error.contains("renew it"), error);
        assertTrue(error.contains("answered 500"), "says what the check did: " + error);
    }

    @Test
    void aWaiverWhoseCheckPassedMatchesNothingAndIsAnError() throws IOException {
        WaiverReview review = SmokeWaivers.read(file(WAIVER))
                .review(List.of(check("REG-INPUT-1", CheckStatus.PASSED, null)), TODAY);
        assertEquals(1, review.errors().size());
        String error = review.errors().get(0);
        assertTrue(error.contains(":2: the waiver of REG-INPUT-1") && error.contains("matches nothing in this run"),
                error);
        assertTrue(error.contains("'REG-INPUT-1 check' passed") && error.contains("Remove it if the failure is fixed"),
                error);
        assertEquals(List.of(), review.used());
    }

    @Test
    void endpointAndDetailMustBothMatchTheFailure() throws IOException {
        SmokeWaivers waivers = SmokeWaivers.read(file(WAIVER));
        CheckResult otherDetail = check("REG-INPUT-1", CheckStatus.FAILED, "Malformed ids: answered an HTML page",
                request("GET", "http://h/api/courses/not-a-uuid", 400));
        CheckResult otherEndpoint = check("REG-INPUT-1", CheckStatus.FAILED, "Malformed ids: answered 500",
                request("GET", "http://h/api/wiki/articles/not-a-uuid", 500),
                request("GET", "http://h/api/mycourses/not-a-uuid", 404));
        CheckResult otherMethod = check("REG-INPUT-1", CheckStatus.FAILED, "Malformed ids: answered 500",
                request("POST", "http://h/api/courses/not-a-uuid/enroll", 500));
        for (CheckResult failure : List.of(otherDetail, otherEndpoint, otherMethod)) {
            WaiverReview review = waivers.review(List.of(failure), TODAY);
            assertEquals(CheckStatus.FAILED, review.checks().get(0).status(), failure.message());
            assertTrue(review.errors().get(0).contains("matches nothing"), review.errors().toString());
        }
        CheckResult withoutPrefix = check("REG-INPUT-1", CheckStatus.FAILED, "answered 500",
                request("get", "http://h/courses/x?lang=en", 500));
        assertEquals(CheckStatus.WAIVED, waivers.review(List.of(withoutPrefix), TODAY).checks().get(0).status(),
                "the API prefix is optional, the method's case and the query do not matter");
    }

    @Test
    void aWaiverWithoutEndpointOrDetailAcceptsEveryFailureOfItsCheck() throws IOException {
        SmokeWaivers waivers = SmokeWaivers.read(file("""
                - check: reg-input-1
                  reason: known
                  owner: core team
                  expires: 2026-12-31
                """));
        assertEquals("REG-INPUT-1", waivers.waivers().get(0).check());
        WaiverReview review = waivers.review(List.of(malformedIdsFailing(),
                check("REG-INPUT-2", CheckStatus.FAILED, "500 on a body")), TODAY);
        assertEquals(CheckStatus.WAIVED, review.checks().get(0).status());
        assertEquals(CheckStatus.FAILED, review.checks().get(1).status(), "another check stays failed");
    }

    @Test
    void aWaiverWhoseCheckDidNotRunIsNotedNotAnError() throws IOException {
        SmokeWaivers waivers = SmokeWaivers.read(file(WAIVER));
        WaiverReview smokeOnly = waivers.review(List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, null)), TODAY);
        assertEquals(List.of(), smokeOnly.errors());
        assertTrue(smokeOnly.notExercised().get(0).contains("was not exercised: no check of it ran"),
                smokeOnly.notExercised().toString());
        WaiverReview skipped = waivers.review(List.of(check("REG-INPUT-1", CheckStatus.SKIPPED, "no admin")), TODAY);
        assertEquals(List.of(), skipped.errors());
        assertTrue(skipped.notExercised().get(0).contains("its check was skipped"), skipped.notExercised().toString());
    }

    @Test
    void anExpiredWaiverIsAnErrorEvenWhenItsCheckDidNotRun() throws IOException {
        WaiverReview review = SmokeWaivers.read(file(WAIVER.replace("2026-12-31", "2026-11-30")))
                .review(List.of(check("OPS-HEALTH-1", CheckStatus.PASSED, null)), TODAY);
        assertTrue(review.errors().get(0).contains("expired on 2026-11-30"), review.errors().toString());
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndLine() throws IOException {
        Path file = dir.resolve("smoke-waivers.yaml");
        assertMessage("- check: REG-INPUT-1\n  reason: r\n  expires: 2026-12-31\n",
                file + ":1: the waiver has no 'owner'; every waiver needs check, reason, owner and expires");
        assertMessage("- check: REG-INPUT-1\n  reason: r\n  owner: o\n  expires: end of year\n",
                file + ":1: expires 'end of year' is not a date; write it as YYYY-MM-DD");
        assertMessage("- check: REG-INPUT-9\n  reason: r\n  owner: o\n  expires: 2026-12-31\n",
                file + ":1: 'REG-INPUT-9' is not a check of the smoke or regression tier");
        assertMessage("- check: OPS-HEALTH-1\n  reason: r\n  owner: o\n  expires: 2026-12-31\n"
                        + "- check: REG-INPUT-1\n  endpont: GET /x\n  reason: r\n  owner: o\n  expires: 2026-12-31\n",
                file + ":5: unknown field 'endpont'");
        assertMessage("- check: REG-INPUT-1\n  endpoint: courses\n  reason: r\n  owner: o\n  expires: 2026-12-31\n",
                file + ":1: endpoint 'courses' is not [METHOD ]/path");
        assertMessage("check: REG-INPUT-1\n", file + ":1: a waiver file is a YAML list of waivers");
        assertMessage("- check: [REG-INPUT-1\n", file + ":");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SmokeWaivers.read(dir.resolve("none.yaml")));
        assertTrue(missing.getMessage().contains("none.yaml does not exist (<smokeWaivers> / -Dbeelms.smoke.waivers)"),
                missing.getMessage());
        assertTrue(SmokeWaivers.read(file("")).isEmpty(), "an empty file waives nothing");
    }

    private void assertMessage(String yaml, String start) throws IOException {
        Path file = file(yaml);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmokeWaivers.read(file));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
