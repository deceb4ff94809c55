package org.beelms.smoke.checks;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Json;
import org.beelms.smoke.client.Catalogue.Course;
import org.beelms.smoke.client.Catalogue.CourseDetail;
import org.beelms.smoke.client.Catalogue.CurriculumItem;
import org.beelms.smoke.client.RecordingFilter;
import org.beelms.smoke.client.ResidueEntry;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.config.StatusKey;
import org.beelms.smoke.config.TaskCompletion;
import org.beelms.smoke.junit.BeelmsSmoke;
import org.beelms.smoke.junit.BeelmsTarget;
import org.beelms.smoke.junit.ChecklistItem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * WS-3 Courses & assessments (user → courses → course detail → task + quiz), checklist {@code WS3-*}. Test data comes
 * from the catalog; writes run in staging, and in production only where idempotent for an already-enrolled account.
 */
@BeelmsSmoke
@Tag("ws3")
@DisplayName("WS-3 Courses & assessments")
public class Ws3CoursesSmoke {
    private static final Set<String> ENROLLMENT_STATUSES = Set.of("not_started", "in_progress", "completed");
    private static final List<String> ANSWER_FIELDS = List.of("correctOption", "correctOptionIndex", "correctAnswer",
            "correctAnswers", "isCorrect", "answerIndex", "\"correct\"", "\"answer\"");
    private static final String QUIZ_ATTEMPT = "ws3.quizAttempt";

    // ------------------------------------------------------------------ catalog (public)

    @Test
    @ChecklistItem("WS3-API-1")
    @DisplayName("WS3-API-1 GET /api/courses returns 200")
    void catalogReturns200(@BeelmsTarget BeelmsApi api) {
        ApiResponse r = api.http().given().get("/courses");
        r.expect(api.http().json(200));
        for (Map<String, Object> c : Json.array(r, "GET /courses")) {
            assertNotNull(c.get("id"), () -> "GET /courses lists a course without an id: " + c);
            assertNotNull(c.get("title"), () -> "GET /courses lists course " + c.get("id") + " without a title");
        }
    }

    @Test
    @ChecklistItem("WS3-API-2")
    @DisplayName("WS3-API-2 GET /api/courses/{courseId} returns 200 (404 for an unknown course)")
    void courseDetailReturns200(@BeelmsTarget BeelmsApi api) {
        Course course = api.catalogue().anyCourse();
        api.http().given().get("/courses/{courseId}", UUID.randomUUID().toString()).expect(api.http().json(404));
        ApiResponse r = api.http().given().get("/courses/{courseId}", course.id());
        r.expect(api.http().json(200));
        Map<String, Object> detail = Json.object(r, "GET /courses/" + course.id());
        assertNotNull(detail.get("id"), () -> "GET /courses/" + course.id() + " answered no id");
        assertNotNull(detail.get("title"), () -> "GET /courses/" + course.id() + " answered no title");
        assertTrue(detail.get("curriculum") instanceof List, () -> "GET /courses/" + course.id()
                + " answered no curriculum list");
    }

    @Test
    @ChecklistItem("WS3-SEC-1")
    @DisplayName("WS3-SEC-1 Public endpoints (catalog, detail) work without a JWT")
    void publicEndpointsNeedNoToken(@BeelmsTarget BeelmsApi api) {
        api.http().given().get("/courses").expect(api.http().json(200));
        Course course = api.catalogue().anyCourse();
        api.http().given().get("/courses/{courseId}", course.id()).expect(api.http().json(200));
    }

    @Test
    @ChecklistItem("WS3-SEC-2")
    @DisplayName("WS3-SEC-2 Protected endpoints (enroll, my-courses, complete task, quiz) return 401 without a JWT")
    void protectedEndpointsNeedToken(@BeelmsTarget BeelmsApi api) {
        String courseId = api.catalogue().courses().stream().findFirst().map(Course::id).orElse(UUID.randomUUID().toString());
        CourseDetail withItems = api.catalogue().findCourse(d -> !d.curriculum().isEmpty(), false).orElse(null);
        if (withItems != null) {
            courseId = withItems.course().id();
        }
        String taskId = withItems == null ? UUID.randomUUID().toString()
                : withItems.firstTask().map(Ws3CoursesSmoke::taskIdOf).orElse(UUID.randomUUID().toString());
        String itemId = withItems == null || withItems.curriculum().isEmpty() ? UUID.randomUUID().toString()
                : withItems.curriculum().get(0).id();
        String quizId = withItems == null ? UUID.randomUUID().toString()
                : withItems.firstQuiz().map(CurriculumItem::quizId).orElse(UUID.randomUUID().toString());
        List<String> problems = new ArrayList<>();
        expect401(api, "POST /courses/{id}/enroll", api.http().given().post("/courses/{c}/enroll", courseId), problems);
        expect401(api, "GET /users/me/courses", api.http().given().get("/users/me/courses"), problems);
        expect401(api, "GET /courses/{id}/curriculum/progress", api.http().given().get("/courses/{c}/curriculum/progress", courseId), problems);
        expect401(api, "GET /courses/{id}/quizzes/{quizId}", api.http().given().get("/courses/{c}/quizzes/{q}", courseId, quizId), problems);
        expect401(api, "POST /courses/{id}/quizzes/{quizId}/submit", api.http().given()
                .body(Map.of("answers", List.of())).post("/courses/{c}/quizzes/{q}/submit", courseId, quizId), problems);
        TaskCompletion mode = api.config().taskCompletion();
        ApiResponse tasks = mode == TaskCompletion.CURRICULUM ? null
                : api.http().given().post("/courses/{c}/tasks/{t}/complete", courseId, taskId);
        ApiResponse curriculum = mode == TaskCompletion.TASKS ? null
                : api.http().given().post("/courses/{c}/curriculum/{i}/complete", courseId, itemId);
        if (mode == TaskCompletion.TASKS) {
            expect401(api, "POST /courses/{id}/tasks/{taskId}/complete", tasks, problems);
        } else if (mode == TaskCompletion.CURRICULUM) {
            expect401(api, "POST /courses/{id}/curriculum/{itemId}/complete", curriculum, problems);
        } else {
            boolean any401 = tasks.statusCode() == 401 || curriculum.statusCode() == 401;
            if (!any401) {
                problems.add("neither task completion route answered 401 (tasks route " + tasks.statusCode()
                        + ", curriculum route " + curriculum.statusCode() + ")");
            }
            for (ApiResponse r : List.of(tasks, curriculum)) {
                if (r.statusCode() != 401 && r.statusCode() != 404) {
                    problems.add("a task completion route answered " + r.statusCode() + " without a token");
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> "without a JWT: " + String.join("; ", problems));
    }

    @Test
    @ChecklistItem("WS3-DB-1")
    @DisplayName("WS3-DB-1 DB initialised (migrations + seed): at least 1 course with at least 1 task and 1 quiz")
    void catalogueHasCourseWithTaskAndQuiz(@BeelmsTarget BeelmsApi api) {
        List<CourseDetail> details = api.catalogue().courseDetails(false);
        assertFalse(details.isEmpty(), "GET /courses lists no course (migrations + seed applied?)");
        boolean both = details.stream().anyMatch(d -> d.firstTask().isPresent() && d.firstQuiz().isPresent());
        if (both) {
            return;
        }
        boolean anyQuiz = details.stream().anyMatch(d -> d.firstQuiz().isPresent());
        assertTrue(anyQuiz, () -> "no course of " + details.size() + " has a quiz in its curriculum (seed applied?)");
        Assumptions.abort("the catalogue has courses with a quiz but no task item (deployments may seed no task): "
                + "the task half of WS3-DB-1 cannot be proven");
    }

    @Test
    @ChecklistItem("WS3-DEMO-1")
    @DisplayName("WS3-DEMO-1 Open /courses (course catalog)")
    void opensCatalog(@BeelmsTarget BeelmsApi api) {
        api.http().given().get("/courses").expect(api.http().json(200));
        assertFalse(api.catalogue().courses().isEmpty(), "the course catalog is empty");
    }

    @Test
    @ChecklistItem("WS3-DEMO-2")
    @DisplayName("WS3-DEMO-2 Open /courses/[courseId] (course detail with curriculum)")
    void opensCourseDetail(@BeelmsTarget BeelmsApi api) {
        Course course = api.catalogue().anyCourse();
        CourseDetail detail = api.catalogue().detail(course.id());
        assertEquals(course.id(), detail.course().id(), "the detail answers another course");
        assertNotNull(detail.course().title(), "the course detail has no title");
        for (CurriculumItem item : detail.curriculum()) {
            assertNotNull(item.itemType(), () -> "curriculum item " + item.id() + " has no itemType");
        }
    }

    @Test
    @ChecklistItem("WS3-DEMO-1")
    @DisplayName("WS3-DEMO-1 Page /courses answers 200 and shows a course title from the catalog")
    void catalogPageShowsCourses(@BeelmsTarget BeelmsApi api) {
        api.http().page();
        Pages.assertPageShows(api, "/courses", api.catalogue().courses().stream().map(Course::title).toList());
    }

    @Test
    @ChecklistItem("WS3-DEMO-2")
    @DisplayName("WS3-DEMO-2 Page /courses/[courseId] answers 200 and shows the course title")
    void courseDetailPageShowsTitle(@BeelmsTarget BeelmsApi api) {
        api.http().page();
        Course course = api.catalogue().anyCourse();
        Pages.assertPageShows(api, "/courses/" + course.id(), List.of(api.catalogue().detail(course.id()).course().title()));
    }

    @Test
    @ChecklistItem("WS3-DEMO-4")
    @DisplayName("WS3-DEMO-4 Page /my-courses answers 200 (its data needs the browser's login)")
    void myCoursesPageAnswers(@BeelmsTarget BeelmsApi api) {
        api.http().page();
        Pages.assertPageAnswers(api, "/my-courses");
    }

    // ------------------------------------------------------------------ enrolment (bearer)

    @Test
    @ChecklistItem("WS3-API-3")
    @DisplayName("WS3-API-3 POST /api/courses/{courseId}/enroll returns 204/200 (idempotent)")
    void enrolReturns204(@BeelmsTarget BeelmsApi api) {
        CourseDetail course = practiceCourse(api, d -> true, "a course to enrol in");
        String id = course.course().id();
        boolean before = api.session().enrolledCourseIds().contains(id);
        if (!before) {
            api.requireWrites("enrolling in course " + id + " (the smoke account is not enrolled; it would create a row)");
        }
        String req = "POST /courses/" + id + "/enroll";
        api.http().asUser().post("/courses/{c}/enroll", UUID.randomUUID().toString()).expect(api.http().json(404));
        api.http().expectSuccess(StatusKey.ENROLL, req, api.http().asUser().post("/courses/{c}/enroll", id));
        api.session().noteEnrolled(id, !before);
        api.http().expectSuccess(StatusKey.ENROLL, req + " (repeat)", api.http().asUser().post("/courses/{c}/enroll", id));
    }

    @Test
    @ChecklistItem("WS3-DEMO-3")
    @DisplayName("WS3-DEMO-3 Enrol in a course as a logged-in user")
    void enrolsAsLoggedInUser(@BeelmsTarget BeelmsApi api) {
        CourseDetail course = practiceCourse(api, d -> true, "a course to enrol in");
        api.session().ensureEnrolled(course.course().id());
        assertTrue(api.session().enrolledCourseIds().contains(course.course().id()),
                "after enrolling, GET /users/me/courses does not list course " + course.course().id());
    }

    @Test
    @ChecklistItem("WS3-API-4")
    @DisplayName("WS3-API-4 GET /api/users/me/courses returns 200")
    void myCoursesReturns200(@BeelmsTarget BeelmsApi api) {
        ApiResponse r = api.http().asUser().get("/users/me/courses");
        r.expect(api.http().json(200));
        List<Map<String, Object>> courses = Json.array(r, "GET /users/me/courses");
        for (Map<String, Object> c : courses) {
            assertNotNull(c.get("id"), "a listed course has no id");
            Object status = c.get("enrollmentStatus");
            if (status != null) {
                assertTrue(ENROLLMENT_STATUSES.contains(String.valueOf(status)),
                        () -> "course " + c.get("id") + " has enrollmentStatus " + status + ", expected one of " + ENROLLMENT_STATUSES);
            }
        }
    }

    @Test
    @ChecklistItem("WS3-DEMO-4")
    @DisplayName("WS3-DEMO-4 Open /my-courses and see the enrolled courses")
    void myCoursesShowsEnrolment(@BeelmsTarget BeelmsApi api) {
        CourseDetail course = practiceCourse(api, d -> true, "a course to enrol in");
        api.session().requireEnrolled(course.course().id());
        ApiResponse r = api.http().asUser().get("/users/me/courses");
        r.expect(api.http().json(200));
        List<Map<String, Object>> mine = Json.array(r, "GET /users/me/courses");
        Map<String, Object> entry = mine.stream().filter(c -> course.course().id().equals(String.valueOf(c.get("id"))))
                .findFirst().orElse(null);
        assertNotNull(entry, () -> "GET /users/me/courses does not list the enrolled course " + course.course().id());
        assertNotNull(entry.get("title"), "the enrolled course is listed without a title");
        assertTrue(ENROLLMENT_STATUSES.contains(String.valueOf(entry.get("enrollmentStatus"))),
                () -> "enrollmentStatus is " + entry.get("enrollmentStatus") + ", expected one of " + ENROLLMENT_STATUSES);
    }

    // ------------------------------------------------------------------ tasks

    @Test
    @ChecklistItem("WS3-API-5")
    @DisplayName("WS3-API-5 POST /api/courses/{courseId}/tasks/{taskId}/complete returns 204/200")
    void completeTaskReturns204(@BeelmsTarget BeelmsApi api) {
        CourseDetail course = practiceCourse(api, d -> d.firstTask().isPresent(), "a course with a task");
        CurriculumItem task = course.firstTask().orElseThrow();
        completeTask(api, course, task);
        completeTask(api, course, task); // idempotent
    }

    @Test
    @ChecklistItem("WS3-DEMO-5")
    @DisplayName("WS3-DEMO-5 Mark a task as completed: progress shows it completed")
    void markTaskCompleted(@BeelmsTarget BeelmsApi api) {
        CourseDetail course = practiceCourse(api, d -> d.firstTask().isPresent(), "a course with a task");
        CurriculumItem task = course.firstTask().orElseThrow();
        completeTask(api, course, task);
        Map<String, Object> progress = progress(api, course.course().id());
        assertTrue(itemCompleted(progress, task.id()),
                () -> "after completing task item " + task.id() + " the progress does not show it completed: " + progress);
        assertTrue(((Number) progress.getOrDefault("completedItems", 0)).intValue() >= 1, "completedItems stays 0");
    }

    @Test
    @ChecklistItem("WS3-DB-2")
    @DisplayName("WS3-DB-2 Enrolment and progress are stored and load again (refresh)")
    void enrolmentAndProgressPersist(@BeelmsTarget BeelmsApi api) {
        CourseDetail course = practiceCourse(api, d -> true, "a course to enrol in");
        String id = course.course().id();
        api.session().ensureEnrolled(id);
        CurriculumItem task = course.firstTask().orElse(null);
        boolean completed = false;
        if (task != null && api.config().mode() == SmokeMode.STAGING) {
            completeTask(api, course, task);
            completed = true;
        }
        // a fresh read of each (refresh)
        assertTrue(api.session().enrolledCourseIds().contains(id), () -> "the enrolment in " + id + " did not load again");
        Map<String, Object> progress = progress(api, id);
        assertTrue(progress.get("totalItems") instanceof Number, () -> "the progress has no totalItems: " + progress);
        if (!course.curriculum().isEmpty()) {
            assertTrue(((Number) progress.get("totalItems")).intValue() > 0,
                    () -> "the progress counts no item although the course has a curriculum: " + progress);
        }
        if (completed) {
            assertTrue(itemCompleted(progress, task.id()), () -> "the completed task " + task.id()
                    + " is not completed on a fresh read of the progress: " + progress);
        }
    }

    // ------------------------------------------------------------------ quizzes

    @Test
    @ChecklistItem("WS3-API-6")
    @DisplayName("WS3-API-6 GET /api/courses/{courseId}/quizzes/{quizId} returns 200 without the answers")
    void quizReturns200(@BeelmsTarget BeelmsApi api) {
        CourseDetail course = practiceCourse(api, d -> d.firstQuiz().isPresent(), "a course with a quiz");
        api.session().requireEnrolled(course.course().id());
        loadQuiz(api, course);
    }

    @Test
    @ChecklistItem("WS3-API-7")
    @DisplayName("WS3-API-7 POST /api/courses/{courseId}/quizzes/{quizId}/submit returns 200 with a result (score/pass)")
    void quizSubmitReturnsResult(@BeelmsTarget BeelmsApi api) {
        QuizAttempt attempt = submitQuiz(api);
        assertNotNull(attempt.result().get("score"), "the quiz result has no score");
        assertNotNull(attempt.result().get("passed"), "the quiz result has no passed flag");
    }

    @Test
    @ChecklistItem("WS3-DEMO-6")
    @DisplayName("WS3-DEMO-6 Open a quiz, fill it in, submit: the result is shown")
    void takesQuiz(@BeelmsTarget BeelmsApi api) {
        QuizAttempt attempt = submitQuiz(api);
        Object score = attempt.result().get("score");
        Object max = attempt.result().get("maxScore");
        assertTrue(score instanceof Number, () -> "score is not a number: " + score);
        assertTrue(attempt.result().get("passed") instanceof Boolean, "passed is not a boolean");
        if (max instanceof Number m) {
            assertTrue(((Number) score).doubleValue() <= m.doubleValue(), () -> "score " + score + " > maxScore " + max);
        }
    }

    @Test
    @ChecklistItem("WS3-DB-3")
    @DisplayName("WS3-DB-3 The quiz attempt is stored")
    void quizAttemptIsStored(@BeelmsTarget BeelmsApi api) {
        QuizAttempt attempt = submitQuiz(api);
        Map<String, Object> progress = progress(api, attempt.course().course().id());
        if (itemCompleted(progress, attempt.quizItem().id())) {
            return; // a stored (passed) attempt completes the quiz's curriculum item
        }
        boolean passed = Boolean.TRUE.equals(attempt.result().get("passed"));
        if (passed) {
            fail("the quiz attempt passed but a fresh read of the progress does not show quiz item "
                    + attempt.quizItem().id() + " completed: " + progress);
        }
        if (attempt.attemptsBefore() != null) {
            Long after = quizAttemptCount(api);
            assertNotNull(after, "the admin metrics stopped reporting a quiz attempt count");
            assertTrue(after >= attempt.attemptsBefore() + 1, () -> "the admin metrics count " + after
                    + " quiz attempts after the smoke attempt, " + attempt.attemptsBefore() + " before: it was not stored");
            return;
        }
        Assumptions.abort("the smoke attempt did not pass and the public API has no read of quiz attempts, so storage "
                + "cannot be proven (with admin credentials the admin metrics' quiz attempt count is compared)");
    }

    /** The quiz attempt count of {@code GET /admin/metrics/overview} (a field named like quizAttempts), if reported. */
    private static Long quizAttemptCount(BeelmsApi api) {
        if (api.config().admin().isEmpty()) {
            return null;
        }
        ApiResponse r = api.http().asAdmin().get("/admin/metrics/overview");
        if (r.statusCode() != 200) {
            return null;
        }
        Map<String, Object> metrics = Json.objectOrEmpty(r);
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            if (e.getKey().toLowerCase(java.util.Locale.ROOT).matches(".*quiz.*attempt.*") && e.getValue() instanceof Number n) {
                return n.longValue();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    record QuizAttempt(CourseDetail course, CurriculumItem quizItem, Map<String, Object> result, Long attemptsBefore) {
    }

    private static QuizAttempt submitQuiz(BeelmsApi api) {
        api.requireWrites("submitting a quiz attempt (it would be stored)");
        return api.session().remember(QUIZ_ATTEMPT, () -> {
            CourseDetail course = practiceCourse(api, d -> d.firstQuiz().isPresent(), "a course with a quiz");
            CurriculumItem quizItem = course.firstQuiz().orElseThrow();
            api.session().requireEnrolled(course.course().id());
            Map<String, Object> quiz = loadQuiz(api, course);
            List<Map<String, Object>> answers = new ArrayList<>();
            for (Object q : (List<?>) quiz.get("questions")) {
                answers.add(Map.of("questionId", ((Map<?, ?>) q).get("id"), "optionIndex", 0));
            }
            String path = "/courses/" + course.course().id() + "/quizzes/" + quizItem.quizId() + "/submit";
            Long attemptsBefore = quizAttemptCount(api);
            ApiResponse r = api.http().asUser().body(Map.of("answers", answers))
                    .post("/courses/{c}/quizzes/{q}/submit", course.course().id(), quizItem.quizId());
            api.http().expectSuccess(StatusKey.QUIZ_SUBMIT, "POST " + path, r);
            api.journal().residue(ResidueEntry.Kind.CREATED, "quiz attempt on quiz " + quizItem.quizId()
                    + " of course " + course.course().id(), "kept (the API has no delete for attempts)");
            Map<String, Object> result = Json.object(r, "POST " + path);
            assertNotNull(result, "the quiz submit answered no JSON result");
            return new QuizAttempt(course, quizItem, result, attemptsBefore);
        });
    }

    private static Map<String, Object> loadQuiz(BeelmsApi api, CourseDetail course) {
        CurriculumItem quizItem = course.firstQuiz().orElseThrow();
        ApiResponse r = api.http().asUser().get("/courses/{c}/quizzes/{q}", course.course().id(), quizItem.quizId());
        r.expect(api.http().json(200));
        Map<String, Object> quiz = Json.object(r, "GET quiz " + quizItem.quizId());
        assertTrue(quiz.get("questions") instanceof List, () -> "GET quiz " + quizItem.quizId() + " answered no questions list");
        String raw = r.getBody().asString();
        for (String field : ANSWER_FIELDS) {
            assertFalse(raw.contains(field.startsWith("\"") ? field : "\"" + field + "\""),
                    () -> "GET quiz " + quizItem.quizId() + " reveals the answers (field " + field + ")");
        }
        List<?> questions = (List<?>) quiz.get("questions");
        assertFalse(questions.isEmpty(), () -> "quiz " + quizItem.quizId() + " has no question");
        for (Object q : questions) {
            Map<?, ?> question = (Map<?, ?>) q;
            assertNotNull(question.get("id"), "a question has no id");
            assertTrue(question.get("options") instanceof List<?> o && !o.isEmpty(),
                    () -> "question " + question.get("id") + " has no options");
        }
        return quiz;
    }

    /** Completes {@code task} by the configured route; production only when already completed (idempotent). */
    private static void completeTask(BeelmsApi api, CourseDetail course, CurriculumItem task) {
        String courseId = course.course().id();
        api.session().requireEnrolled(courseId);
        if (api.config().mode() == SmokeMode.PRODUCTION && !itemCompleted(progress(api, courseId), task.id())) {
            throw new TestAbortedException("production mode leaves no residue: task item " + task.id() + " of course "
                    + courseId + " is not completed by the smoke account yet, completing it would store progress");
        }
        String taskId = taskIdOf(task);
        TaskCompletion mode = api.config().taskCompletion();
        if (mode != TaskCompletion.CURRICULUM) {
            String path = "/courses/" + courseId + "/tasks/" + taskId + "/complete";
            ApiResponse r = api.http().asUser().post("/courses/{c}/tasks/{t}/complete", courseId, taskId);
            if (mode == TaskCompletion.TASKS || (r.statusCode() != 404 && r.statusCode() != 405)) {
                api.http().expectSuccess(StatusKey.COMPLETE_TASK, "POST " + path, r);
                noteCompleted(api, courseId, task);
                return;
            }
            api.journal().deviation(StatusKey.COMPLETE_TASK.checklistIds(), "completeTask", "POST " + path, r.statusCode(), StatusKey.COMPLETE_TASK.contract(),
                    "no tasks/{taskId}/complete route; completed through curriculum/{itemId}/complete "
                            + "(set beelms.smoke.taskCompletion=curriculum for this deployment)");
        }
        String path = "/courses/" + courseId + "/curriculum/" + task.id() + "/complete";
        api.http().expectSuccess(StatusKey.COMPLETE_TASK, "POST " + path,
                api.http().asUser().post("/courses/{c}/curriculum/{i}/complete", courseId, task.id()));
        noteCompleted(api, courseId, task);
    }

    private static void noteCompleted(BeelmsApi api, String courseId, CurriculumItem task) {
        if (api.config().mode() == SmokeMode.STAGING) {
            api.journal().residue(ResidueEntry.Kind.CREATED, "progress: task item " + task.id() + " of course " + courseId
                    + " completed by the smoke account", "kept (the API has no way to undo a completion)");
        }
    }

    private static String taskIdOf(CurriculumItem item) {
        return item.taskId() != null ? item.taskId() : item.id();
    }

    private static Map<String, Object> progress(BeelmsApi api, String courseId) {
        ApiResponse r = api.http().asUser().get("/courses/{c}/curriculum/progress", courseId);
        r.expect(api.http().json(200));
        return Json.object(r, "GET /courses/" + courseId + "/curriculum/progress");
    }

    private static boolean itemCompleted(Map<String, Object> progress, String itemId) {
        Object items = progress.get("items");
        if (!(items instanceof List<?> list)) {
            return false;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && itemId.equals(String.valueOf(m.get("id")))) {
                return Boolean.TRUE.equals(m.get("completed"));
            }
        }
        return false;
    }

    /**
     * The course the write checks use: a free course matching {@code need} in staging; in production one the smoke
     * account is already enrolled in (no new enrolment row). Aborts with the reason when the target has none.
     */
    private static CourseDetail practiceCourse(BeelmsApi api, Predicate<CourseDetail> need, String what) {
        if (api.config().mode() == SmokeMode.PRODUCTION) {
            Set<String> enrolled = api.session().enrolledCourseIds();
            return api.catalogue().findCourse(need.and(d -> enrolled.contains(d.course().id())), false)
                    .orElseThrow(() -> new TestAbortedException("production mode leaves no residue: the smoke account is "
                            + "enrolled in no course that offers " + what + ", and enrolling would create a row"));
        }
        return api.catalogue().findCourse(need, true).orElseThrow(() -> new TestAbortedException(
                "the catalogue has no free course that offers " + what + (what.contains("task")
                        ? " (no task in the catalogue)" : "")));
    }

    private static void expect401(BeelmsApi api, String what, ApiResponse r, List<String> problems) {
        if (r.statusCode() != 401) {
            problems.add(what + " answered " + r.statusCode() + " instead of 401 ("
                    + RecordingFilter.excerpt(api.journal().redactor(), r.getBody().asString()) + ")");
        }
    }
}
