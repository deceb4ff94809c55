package org.beelms.smoke.regression;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.Json;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Catalogue;
import org.beelms.smoke.client.SmokeSession.LoginOutcome;
import org.beelms.smoke.client.SmokeSession.Registration;
import org.beelms.smoke.config.Credentials;
import org.beelms.smoke.config.StatusKey;
import org.beelms.smoke.config.TaskCompletion;
import org.beelms.smoke.junit.BeelmsRegression;
import org.beelms.smoke.junit.BeelmsTarget;
import org.beelms.smoke.junit.ChecklistItem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Regression tier, data stability and account lifecycle (staging only: they write). Enrolment and progress read back
 * the same after a fresh login; repeated enrol and complete calls are idempotent; a deactivated user cannot log in and
 * a deleted account's token stops working, proven on one extra throwaway account inside the registration budget.
 */
@BeelmsRegression
@DisplayName("Regression: data stability and account lifecycle")
public class StabilityRegression {

    @Test
    @ChecklistItem(RegressionItems.IDEMPOTENT)
    @DisplayName("REG-DATA-2 Repeated enrol and complete calls are idempotent")
    void repeatedEnrolAndCompleteAreIdempotent(@BeelmsTarget BeelmsApi api) {
        api.requireWrites("repeating enrol and complete calls");
        Catalogue.CourseDetail course = completableCourse(api);
        String courseId = course.course().id();
        api.session().requireEnrolled(courseId);
        for (int i = 1; i <= 2; i++) {
            ApiResponse again = api.http().asUser().post("/courses/{courseId}/enroll", courseId);
            api.http().expectSuccess(StatusKey.ENROLL, "POST /courses/" + courseId + "/enroll (repeat " + i + ")", again);
        }
        Map<String, Object> first = null;
        for (int i = 1; i <= 2; i++) {
            complete(api, course, "repeat " + i);
            Map<String, Object> progress = progress(api, api.session().userToken(), courseId);
            if (first == null) {
                first = progress;
            } else {
                assertEquals(first, progress, "GET /courses/" + courseId + "/curriculum/progress changed after "
                        + "completing the same item again");
            }
        }
        long enrolments = Json.array(api.http().asUser().get("/users/me/courses"), "GET /users/me/courses").stream()
                .filter(c -> courseId.equals(String.valueOf(c.get("id")))).count();
        assertEquals(1, enrolments, "GET /users/me/courses lists course " + courseId + " " + enrolments
                + " times after repeated enrolments");
    }

    @Test
    @ChecklistItem(RegressionItems.REFRESH)
    @DisplayName("REG-DATA-1 Enrolment, progress and quiz results read back the same after a fresh login")
    void dataReadsBackAfterFreshLogin(@BeelmsTarget BeelmsApi api) {
        api.requireWrites("enrolling and completing an item before the refresh");
        Catalogue.CourseDetail course = completableCourse(api);
        String courseId = course.course().id();
        api.session().requireEnrolled(courseId);
        complete(api, course, "before the refresh");
        String token = api.session().userToken();
        Map<String, Object> before = snapshot(api, token, courseId);
        Credentials creds = api.session().userCredentials().orElseThrow(
                () -> new TestAbortedException("no smoke account credentials for the fresh login"));
        LoginOutcome fresh = api.session().freshLogin(creds, "smoke account (fresh login)");
        if (!fresh.ok()) {
            fail("the fresh login of the smoke account failed: " + fresh.problem());
        }
        Map<String, Object> after = snapshot(api, fresh.accessToken(), courseId);
        assertEquals(before, after, "after a fresh login the smoke account reads other data for course " + courseId);
    }

    @Test
    @ChecklistItem({RegressionItems.DEACTIVATION, RegressionItems.DELETION})
    @DisplayName("REG-LIFE-1 REG-LIFE-2 A deactivated user cannot log in; a deleted account's token stops working")
    void accountLifecycle(@BeelmsTarget BeelmsApi api) {
        api.requireWrites("deactivating and deleting a throwaway account");
        Assumptions.assumeTrue(api.config().admin().isPresent(),
                "no admin credentials configured (admin.email/admin.password): deactivation needs the admin");
        List<String> why = new ArrayList<>();
        Registration extra = api.session().registerExtra("the account-lifecycle check", why)
                .orElseThrow(() -> new TestAbortedException(String.join("; ", why)));
        Credentials creds = extra.credentials();
        String admin = api.session().adminToken();
        boolean deactivated = false;
        String id = extra.id();
        try {
            LoginOutcome first = api.session().freshLogin(creds, "lifecycle account");
            if (!first.ok()) {
                fail("the new throwaway account cannot log in: " + first.problem());
            }
            id = String.valueOf(Json.object(api.http().withBearer(first.accessToken()).get("/users/me")
                    .expectStatus(200), "GET /users/me").get("id"));
            ApiResponse off = api.http().withBearer(admin).body(Map.of("active", false)).patch("/admin/users/{id}", id);
            assertEquals(200, off.statusCode(), "PATCH /admin/users/" + id + " {active:false} answered "
                    + off.statusCode() + ": " + Probes.excerpt(api, off));
            deactivated = true;
            List<String> problems = new ArrayList<>();
            LoginOutcome refused = api.session().freshLogin(creds, "deactivated account");
            if (refused.ok() || refused.status() / 100 == 2) {
                problems.add("the deactivated account still logs in (POST /auth/login answered " + refused.status() + ")");
            }
            ApiResponse oldToken = api.http().withBearer(first.accessToken()).get("/users/me");
            if (oldToken.statusCode() != 401) {
                problems.add("the deactivated account's token still answers " + oldToken.statusCode()
                        + " on GET /users/me instead of 401");
            }
            ApiResponse on = api.http().withBearer(admin).body(Map.of("active", true)).patch("/admin/users/{id}", id);
            assertEquals(200, on.statusCode(), "PATCH /admin/users/" + id + " {active:true} answered " + on.statusCode());
            deactivated = false;
            assertTrue(problems.isEmpty(), () -> "REG-LIFE-1: " + String.join("; ", problems));

            LoginOutcome again = api.session().freshLogin(creds, "reactivated account");
            if (!again.ok()) {
                fail("the reactivated account cannot log in: " + again.problem());
            }
            ApiResponse deleted = api.http().withBearer(again.accessToken()).delete("/users/me");
            api.http().expectSuccess(StatusKey.DELETE_ACCOUNT, "DELETE /users/me", deleted);
            api.session().removed(extra);
            ApiResponse dead = api.http().withBearer(again.accessToken()).get("/users/me");
            assertEquals(401, dead.statusCode(), "REG-LIFE-2: the deleted account's token still answers "
                    + dead.statusCode() + " on GET /users/me instead of 401");
            LoginOutcome gone = api.session().freshLogin(creds, "deleted account");
            assertTrue(!gone.ok() && gone.status() / 100 != 2, () -> "REG-LIFE-2: the deleted account still logs in "
                    + "(POST /auth/login answered " + gone.status() + ")");
        } finally {
            if (deactivated) {
                // let the end of the run log in and delete the account
                if (id != null) {
                    api.http().withBearer(admin).body(Map.of("active", true)).patch("/admin/users/{id}", id);
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Catalogue.CourseDetail completableCourse(BeelmsApi api) {
        return api.catalogue().findCourse(d -> !d.curriculum().isEmpty(), true)
                .orElseThrow(() -> new TestAbortedException("the catalogue has no free course with a curriculum"));
    }

    /** Completes the first task (or the first item) by the route the configuration names. */
    private static void complete(BeelmsApi api, Catalogue.CourseDetail course, String when) {
        String courseId = course.course().id();
        Catalogue.CurriculumItem item = course.firstTask().orElse(course.curriculum().get(0));
        boolean taskRoute = api.config().taskCompletion() == TaskCompletion.TASKS && item.taskId() != null;
        ApiResponse r = taskRoute
                ? api.http().asUser().post("/courses/{courseId}/tasks/{taskId}/complete", courseId, item.taskId())
                : api.http().asUser().post("/courses/{courseId}/curriculum/{itemId}/complete", courseId, item.id());
        String request = taskRoute ? "POST /courses/" + courseId + "/tasks/" + item.taskId() + "/complete"
                : "POST /courses/" + courseId + "/curriculum/" + item.id() + "/complete";
        api.http().expectSuccess(StatusKey.COMPLETE_TASK, request + " (" + when + ")", r);
    }

    private static Map<String, Object> progress(BeelmsApi api, String token, String courseId) {
        ApiResponse r = api.http().withBearer(token).get("/courses/{courseId}/curriculum/progress", courseId);
        if (r.statusCode() != 200 || !Probes.isJson(r)) {
            throw new AssertionFailedError("GET /courses/" + courseId + "/curriculum/progress answered "
                    + r.statusCode() + ": " + Probes.excerpt(api, r));
        }
        Map<String, Object> json = Json.object(r, "GET /courses/" + courseId + "/curriculum/progress");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totalItems", json.get("totalItems"));
        out.put("completedItems", json.get("completedItems"));
        out.put("progressPercent", json.get("progressPercent"));
        Map<String, Object> completed = new LinkedHashMap<>();
        if (json.get("items") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    completed.put(String.valueOf(m.get("id")), m.get("completed"));
                }
            }
        }
        out.put("items", completed);
        return out;
    }

    /** What the account reads about the course: its my-courses entry and its progress (the quiz item included). */
    private static Map<String, Object> snapshot(BeelmsApi api, String token, String courseId) {
        ApiResponse mine = api.http().withBearer(token).get("/users/me/courses");
        if (mine.statusCode() != 200 || !Probes.isJson(mine)) {
            throw new AssertionFailedError("GET /users/me/courses answered " + mine.statusCode() + ": "
                    + Probes.excerpt(api, mine));
        }
        List<Map<String, Object>> courses = Json.array(mine, "GET /users/me/courses");
        Map<String, Object> entry = courses.stream().filter(c -> courseId.equals(String.valueOf(c.get("id"))))
                .findFirst().orElseThrow(() -> new AssertionFailedError("GET /users/me/courses does not list course "
                        + courseId + " the account is enrolled in"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enrollmentStatus", entry.get("enrollmentStatus"));
        out.put("progressPercent", entry.get("progressPercent"));
        out.put("enrolledAt", Objects.toString(entry.get("enrolledAt"), null));
        out.put("progress", progress(api, token, courseId));
        return out;
    }
}
