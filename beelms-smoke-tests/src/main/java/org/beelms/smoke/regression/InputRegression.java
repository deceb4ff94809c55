package org.beelms.smoke.regression;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Catalogue;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.junit.BeelmsRegression;
import org.beelms.smoke.junit.BeelmsTarget;
import org.beelms.smoke.junit.ChecklistItem;
import org.beelms.smoke.runner.ResultProof;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Regression tier, input handling and data exposure: malformed ids and bodies get a 4xx JSON error (never a 5xx, an
 * HTML page or a stack trace); quiz payloads carry no answers, user payloads no password hash or token version, error
 * bodies no SQL or stack traces. Registration is never probed (failed registrations count against the target's limit).
 */
@BeelmsRegression
@DisplayName("Regression: input handling and data exposure")
public class InputRegression {
    /** Ids that name nothing: not a UUID, very long, path traversal, SQL metacharacters. */
    static final List<String> MALFORMED_IDS = List.of("not-a-uuid", "1".repeat(1024), "../../../etc/passwd",
            "..%2F..%2Fadmin", "1' OR '1'='1", "1; DROP TABLE users; --");

    @Test
    @ChecklistItem(RegressionItems.MALFORMED_IDS)
    @DisplayName("REG-INPUT-1 Malformed ids (not a UUID, very long, path traversal, SQL metacharacters) get 4xx JSON")
    void malformedIdsGet4xxJson(@BeelmsTarget BeelmsApi api) {
        List<String> problems = new ArrayList<>();
        boolean asUser = api.session().userLogin().ok();
        String course = courseId(api);
        for (String bad : MALFORMED_IDS) {
            probe(api, "GET /courses/{courseId} with id '" + shown(bad) + "'",
                    () -> api.http().given().get("/courses/{courseId}", bad), problems);
            probe(api, "GET /wiki/articles/{slug} with slug '" + shown(bad) + "'",
                    () -> api.http().given().get("/wiki/articles/{slug}", bad), problems);
            if (asUser) {
                probe(api, "POST /courses/{courseId}/enroll with id '" + shown(bad) + "'",
                        () -> api.http().asUser().post("/courses/{courseId}/enroll", bad), problems);
                if (course != null) {
                    probe(api, "GET /courses/{courseId}/quizzes/{quizId} with quiz id '" + shown(bad) + "'",
                            () -> api.http().asUser().get("/courses/{courseId}/quizzes/{quizId}", course, bad), problems);
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> "Malformed ids: " + String.join("; ", problems));
    }

    @Test
    @ChecklistItem(RegressionItems.MALFORMED_BODIES)
    @DisplayName("REG-INPUT-2 Malformed JSON, wrong types and unknown fields get 4xx JSON")
    void malformedBodiesGet4xxJson(@BeelmsTarget BeelmsApi api) {
        List<String> problems = new ArrayList<>();
        String email = "beelms-regression-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        String password = "Wrong-" + UUID.randomUUID();
        api.journal().redactor().addSecret(password);
        probe(api, "POST /auth/login with malformed JSON",
                () -> api.http().given().body("{\"email\": \"" + email + "\", \"password\": ").post("/auth/login"), problems);
        probe(api, "POST /auth/login with wrong types",
                () -> api.http().given().body("{\"email\": 12345, \"password\": true}").post("/auth/login"), problems);
        probe(api, "POST /auth/login with unknown fields",
                () -> api.http().given().body(Map.of("email", email, "password", password, "role", "admin", "isAdmin", true))
                        .post("/auth/login"), problems);
        if (api.config().admin().isPresent()) {
            String nobody = UUID.randomUUID().toString();
            String admin = api.session().adminToken();
            probe(api, "PATCH /admin/users/{id} with malformed JSON",
                    () -> api.http().withBearer(admin).body("{\"active\": ").patch("/admin/users/{id}", nobody), problems);
            probe(api, "PATCH /admin/users/{id} with a wrong type",
                    () -> api.http().withBearer(admin).body("{\"active\": \"yes\"}").patch("/admin/users/{id}", nobody), problems);
            probe(api, "PATCH /admin/users/{id} with unknown fields",
                    () -> api.http().withBearer(admin).body("{\"active\": true, \"role\": \"admin\"}")
                            .patch("/admin/users/{id}", nobody), problems);
        }
        Optional<Catalogue.CourseDetail> quizCourse = quizCourse(api);
        boolean submitProbes = quizCourse.isPresent() && api.config().mode() != SmokeMode.PRODUCTION
                && api.session().userLogin().ok();
        if (submitProbes) {
            String courseId = quizCourse.get().course().id();
            String quizId = quizCourse.get().firstQuiz().orElseThrow().quizId();
            api.session().requireEnrolled(courseId);
            String path = "/courses/{courseId}/quizzes/{quizId}/submit";
            probe(api, "POST " + path + " with malformed JSON",
                    () -> api.http().asUser().body("{\"answers\": [").post(path, courseId, quizId), problems);
            probe(api, "POST " + path + " with a wrong type",
                    () -> api.http().asUser().body("{\"answers\": \"all of them\"}").post(path, courseId, quizId), problems);
            probe(api, "POST " + path + " with a wrong item type",
                    () -> api.http().asUser().body("{\"answers\": [{\"questionId\": 1, \"optionIndex\": \"first\"}]}")
                            .post(path, courseId, quizId), problems);
            probe(api, "POST " + path + " with unknown fields",
                    () -> api.http().asUser().body("{\"answers\": [], \"score\": 100, \"passed\": true}")
                            .post(path, courseId, quizId), problems);
        }
        assertTrue(problems.isEmpty(), () -> "Malformed bodies: " + String.join("; ", problems));
        if (!submitProbes) {
            api.journal().observation(new Observation("Input handling", "POST /courses/{courseId}/quizzes/{quizId}/submit",
                    "not probed: " + (api.config().mode() == SmokeMode.PRODUCTION ? "production mode (a probe the "
                    + "target accepted would store an attempt)" : "no quiz or no smoke session")));
        }
    }

    @Test
    @ChecklistItem(RegressionItems.QUIZ_ANSWERS)
    @DisplayName("REG-EXPOSE-1 Quiz payloads carry no correct answers")
    void quizPayloadsCarryNoAnswers(@BeelmsTarget BeelmsApi api) {
        Catalogue.CourseDetail detail = quizCourse(api)
                .orElseThrow(() -> new TestAbortedException("the catalogue has no free course with a quiz"));
        String courseId = detail.course().id();
        String quizId = detail.firstQuiz().orElseThrow().quizId();
        api.session().requireEnrolled(courseId);
        ApiResponse r = api.http().asUser().get("/courses/{courseId}/quizzes/{quizId}", courseId, quizId);
        Assumptions.assumeTrue(r.statusCode() == 200, "GET /courses/" + courseId + "/quizzes/" + quizId + " answered "
                + r.statusCode() + " (see WS3-API-6)");
        Map<String, Object> keys = new LinkedHashMap<>();
        Probes.keys(Probes.json(r), "", keys);
        List<String> leaks = keys.keySet().stream().filter(k -> LeakPatterns.isAnswerField(Probes.lastKey(k))).toList();
        assertTrue(leaks.isEmpty(), () -> "GET /courses/" + courseId + "/quizzes/" + quizId
                + " gives the answers away in " + leaks);
    }

    @Test
    @ChecklistItem(RegressionItems.USER_SECRETS)
    @DisplayName("REG-EXPOSE-2 User payloads carry no password hash or token version")
    void userPayloadsCarryNoSecrets(@BeelmsTarget BeelmsApi api) {
        List<String> problems = new ArrayList<>();
        ApiResponse me = api.http().asUser().get("/users/me");
        secrets(api, "GET /users/me", me, problems);
        if (api.config().admin().isPresent()) {
            ApiResponse users = api.http().asAdmin().queryParam("pageSize", 20).get("/admin/users");
            secrets(api, "GET /admin/users", users, problems);
        }
        assertTrue(problems.isEmpty(), () -> String.join("; ", problems));
    }

    private static void secrets(BeelmsApi api, String request, ApiResponse r, List<String> problems) {
        if (r.statusCode() != 200) {
            problems.add(request + " answered " + r.statusCode() + ": " + Probes.excerpt(api, r));
            return;
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        Probes.keys(Probes.json(r), "", keys);
        keys.forEach((path, value) -> {
            if (LeakPatterns.isSecretField(Probes.lastKey(path))) {
                problems.add(request + " returns the field '" + path + "'");
            } else if (LeakPatterns.looksLikeHash(value)) {
                problems.add(request + " returns a password hash in '" + path + "'");
            }
        });
    }

    @Test
    @ChecklistItem(RegressionItems.ERROR_BODIES)
    @DisplayName("REG-EXPOSE-3 Error bodies carry no SQL or stack traces")
    void errorBodiesLeakNothing(@BeelmsTarget BeelmsApi api, TestReporter reporter) {
        ErrorBodies answers = new ErrorBodies(api);
        String unknown = UUID.randomUUID().toString();
        answers.probe("GET /courses/{courseId} for an unknown course", api.http().given().get("/courses/{courseId}", unknown));
        answers.probe("GET /wiki/articles/{slug} for an unknown slug",
                api.http().given().get("/wiki/articles/{slug}", "beelms-regression-" + unknown));
        answers.probe("GET of an unknown route", api.http().given().get("/beelms-regression-no-such-route"));
        answers.probe("GET /users/me without a token", api.http().given().get("/users/me"));
        answers.probe("POST /auth/login with an empty body", api.http().given().body("{}").post("/auth/login"));
        answers.probe("GET /wiki/articles with a bad page", api.http().given().queryParam("page", "-1'")
                .get("/wiki/articles"));
        String failure = answers.failure();
        if (failure != null) {
            fail(failure);
        }
        reporter.publishEntry(ResultProof.KEY, answers.proof());
    }

    private static void probe(BeelmsApi api, String what, Supplier<ApiResponse> request, List<String> problems) {
        Probes.badInputProblem(api, what, request.get()).ifPresent(problems::add);
    }

    private static String courseId(BeelmsApi api) {
        try {
            return quizCourse(api).map(d -> d.course().id()).orElse(null);
        } catch (TestAbortedException e) {
            return null;
        }
    }

    static Optional<Catalogue.CourseDetail> quizCourse(BeelmsApi api) {
        return api.catalogue().findCourse(d -> d.firstQuiz().isPresent(), true);
    }

    private static String shown(String id) {
        return id.length() > 40 ? id.substring(0, 12) + "…(" + id.length() + " chars)" : id;
    }
}
