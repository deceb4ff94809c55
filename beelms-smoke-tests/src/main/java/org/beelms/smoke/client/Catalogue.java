package org.beelms.smoke.client;

import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Test data discovered from the target, never hard-coded: article slugs from the wiki list, courses from the catalog
 * and their curriculum (task, quiz ids) from the detail calls. Each list is fetched once per run. When the target
 * cannot supply what a check needs, the check is aborted (skipped) with the reason.
 */
public final class Catalogue {
    private static final int MAX_DETAILS = 25;
    private static final int MAX_LANGUAGE_PROBES = 6;

    private final BeelmsClient client;
    private List<Article> articles;
    private Optional<Article> english;
    private List<Course> courses;
    private final Map<String, CourseDetail> details = new LinkedHashMap<>();
    private final Map<String, List<RecordedRequest>> evidence = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();

    Catalogue(BeelmsClient client) {
        this.client = client;
    }

    public record Article(String id, String slug, String title, String language, List<String> languages,
                          String status) {
    }

    public record Course(String id, String title, boolean paid, String status) {
    }

    public record CurriculumItem(String id, String itemType, String title, String wikiSlug, String taskId,
                                 String quizId) {
        public boolean isTask() {
            return "task".equalsIgnoreCase(itemType);
        }

        public boolean isQuiz() {
            return "quiz".equalsIgnoreCase(itemType);
        }
    }

    public record CourseDetail(Course course, List<CurriculumItem> curriculum) {
        public Optional<CurriculumItem> firstTask() {
            return curriculum.stream().filter(CurriculumItem::isTask).findFirst();
        }

        public Optional<CurriculumItem> firstQuiz() {
            return curriculum.stream().filter(i -> i.isQuiz() && i.quizId() != null).findFirst();
        }
    }

    // ------------------------------------------------------------------ wiki

    /** The active articles of {@code GET /wiki/articles}; aborts when the list cannot be read. */
    public synchronized List<Article> articles() {
        if (articles != null) {
            client.journal().cite(evidence.getOrDefault("articles", List.of()));
        } else {
            int mark = client.journal().mark();
            ApiResponse r = fetch("articles", "GET /wiki/articles", () -> client.http().given().get("/wiki/articles"));
            evidence.put("articles", client.journal().since(mark));
            List<Map<String, Object>> raw = jsonArray(r, "GET /wiki/articles");
            List<Article> out = new ArrayList<>();
            for (Map<String, Object> m : raw) {
                out.add(new Article(str(m.get("id")), str(m.get("slug")), str(m.get("title")), str(m.get("language")),
                        strings(m.get("languages")), str(m.get("status"))));
            }
            articles = List.copyOf(out);
        }
        return articles;
    }

    /** The first listed article with a slug; aborts when the wiki lists none. */
    public Article anyArticle() {
        return articles().stream().filter(a -> a.slug() != null).findFirst().orElseThrow(
                () -> abort("GET /wiki/articles lists no active article, so there is no slug to open"));
    }

    /** An article with an English version: from its {@code languages}, or probing {@code ?lang=en} on a few. */
    public synchronized Optional<Article> englishArticle() {
        if (english == null) {
            Optional<Article> found = articles().stream()
                    .filter(a -> a.slug() != null && (a.languages().contains("en") || "en".equals(a.language())))
                    .findFirst();
            if (found.isEmpty()) {
                int probes = 0;
                for (Article a : articles()) {
                    if (a.slug() == null) {
                        continue; // nothing to open; the next article may have an English version
                    }
                    if (probes++ >= MAX_LANGUAGE_PROBES) {
                        break;
                    }
                    ApiResponse r = client.http().given().queryParam("lang", "en").get("/wiki/articles/{slug}", a.slug());
                    if (r.statusCode() == 200 && isJson(r) && "en".equals(Json.objectOrEmpty(r).get("language"))) {
                        found = Optional.of(a);
                        break;
                    }
                }
            }
            english = found;
        }
        return english;
    }

    // ------------------------------------------------------------------ courses

    /** The active courses of {@code GET /courses}; aborts when the catalog cannot be read. */
    public synchronized List<Course> courses() {
        if (courses != null) {
            client.journal().cite(evidence.getOrDefault("courses", List.of()));
        } else {
            int mark = client.journal().mark();
            ApiResponse r = fetch("courses", "GET /courses", () -> client.http().given().get("/courses"));
            evidence.put("courses", client.journal().since(mark));
            List<Course> out = new ArrayList<>();
            for (Map<String, Object> m : jsonArray(r, "GET /courses")) {
                Object paid = m.get("isPaid");
                Object price = m.get("priceCents");
                boolean isPaid = Boolean.TRUE.equals(paid)
                        || (paid == null && price instanceof Number n && n.longValue() > 0);
                out.add(new Course(str(m.get("id")), str(m.get("title")), isPaid, str(m.get("status"))));
            }
            courses = List.copyOf(out);
        }
        return courses;
    }

    public Course anyCourse() {
        return courses().stream().findFirst()
                .orElseThrow(() -> abort("GET /courses lists no active course"));
    }

    /** {@code GET /courses/{id}} parsed, fetched once per course. */
    public synchronized CourseDetail detail(String courseId) {
        CourseDetail d = details.get(courseId);
        if (d != null) {
            client.journal().cite(evidence.getOrDefault("course:" + courseId, List.of()));
        } else {
            int mark = client.journal().mark();
            ApiResponse r = fetch("course:" + courseId, "GET /courses/" + courseId,
                    () -> client.http().given().get("/courses/{courseId}", courseId));
            evidence.put("course:" + courseId, client.journal().since(mark));
            Map<String, Object> m = jsonObject(r, "GET /courses/" + courseId);
            Object paid = m.get("isPaid");
            Course c = new Course(str(m.get("id")), str(m.get("title")), Boolean.TRUE.equals(paid), str(m.get("status")));
            List<CurriculumItem> items = new ArrayList<>();
            Object cur = m.get("curriculum");
            if (cur instanceof Collection<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> im) {
                        items.add(new CurriculumItem(str(im.get("id")), str(im.get("itemType")), str(im.get("title")),
                                str(im.get("wikiSlug")), str(im.get("taskId")), str(im.get("quizId"))));
                    }
                }
            }
            d = new CourseDetail(c, List.copyOf(items));
            details.put(courseId, d);
        }
        return d;
    }

    /** Details of the courses, free ones only when {@code freeOnly} (at most {@value #MAX_DETAILS} fetched). */
    public List<CourseDetail> courseDetails(boolean freeOnly) {
        return courses().stream().filter(c -> !freeOnly || !c.paid()).limit(MAX_DETAILS).map(c -> detail(c.id())).toList();
    }

    /**
     * The first course matching {@code filter} (free ones only when {@code freeOnly}), preferring one with both a task
     * and a quiz, then one with a quiz, then one with a task.
     */
    public Optional<CourseDetail> findCourse(Predicate<CourseDetail> filter, boolean freeOnly) {
        List<CourseDetail> candidates = courseDetails(freeOnly).stream().filter(filter).toList();
        return candidates.stream().filter(d -> d.firstTask().isPresent() && d.firstQuiz().isPresent()).findFirst()
                .or(() -> candidates.stream().filter(d -> d.firstQuiz().isPresent()).findFirst())
                .or(() -> candidates.stream().filter(d -> d.firstTask().isPresent()).findFirst())
                .or(() -> candidates.stream().findFirst());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * One discovery call. A transport error (timeout, refused) is remembered and aborts this and every later check
     * that needs the data, with one reason; the check of that endpoint itself fails on its own call.
     */
    private ApiResponse fetch(String key, String what, java.util.function.Supplier<ApiResponse> call) {
        String failed = failures.get(key);
        if (failed != null) {
            throw abort(failed);
        }
        try {
            return call.get();
        } catch (Exception e) { // includes undeclared checked I/O exceptions
            String reason = "could not discover test data: " + what + " failed: " + RecordingFilter.describe(e);
            failures.put(key, reason);
            throw abort(reason);
        }
    }

    static TestAbortedException abort(String reason) {
        return new TestAbortedException(reason);
    }

    static boolean isJson(ApiResponse r) {
        String ct = r.getContentType();
        return ct != null && ct.toLowerCase().contains("json");
    }

    private List<Map<String, Object>> jsonArray(ApiResponse r, String what) {
        if (r.statusCode() != 200 || !isJson(r)) {
            throw abort("could not discover test data: " + what + " answered " + r.statusCode() + " "
                    + Objects.toString(r.getContentType(), "") + " (the check for that endpoint shows why)");
        }
        Object root = Json.parse(r).orElse(null);
        if (!(root instanceof List<?> list)) {
            throw abort("could not discover test data: " + what + " did not answer a JSON array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> mm = (Map<String, Object>) m;
                out.add(mm);
            }
        }
        return out;
    }

    private Map<String, Object> jsonObject(ApiResponse r, String what) {
        if (r.statusCode() != 200 || !isJson(r)) {
            throw abort("could not discover test data: " + what + " answered " + r.statusCode());
        }
        Object root = Json.parse(r).orElse(null);
        if (!(root instanceof Map<?, ?> m)) {
            throw abort("could not discover test data: " + what + " did not answer a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> mm = (Map<String, Object>) m;
        return mm;
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static List<String> strings(Object o) {
        if (o instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
