package org.beelms.smoke.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checklist items the smoke suites cover, with their English check text and, for the WS items, the original
 * Bulgarian wording of beelms core's {@code docs/sprint-artifacts/WS*-checklist.md} (shared/checklists.md), so a
 * project's own checklist items can be matched to the IDs.
 */
public final class ChecklistCatalog {

    /**
     * One automated checklist item.
     *
     * @param id the stable ID checks cite, e.g. {@code WS1-API-1}
     * @param section the checklist it belongs to, e.g. {@code WS-1 – Wiki}
     * @param text the English check text
     * @param original the item's wording in beelms core's checklist file (Bulgarian, API paths in backticks); empty for
     *     the post-deploy extras, which have no checklist file
     */
    public record Item(String id, String section, String text, String original) {

        public Item {
            original = original == null ? "" : original;
        }

        /** An item without an original wording. */
        public Item(String id, String section, String text) {
            this(id, section, text, "");
        }
    }

    private static final Map<String, Item> ITEMS = new LinkedHashMap<>();

    static {
        String ops = "OPS – post-deploy extras";
        add("OPS-HEALTH-1", ops, "The API is up (health endpoint answers 200)");
        add("OPS-DB-1", ops, "The API's database connection works");
        String ws1 = "WS-1 – Wiki";
        add("WS1-DEMO-1", ws1, "Open `/wiki` as a guest",
                "Отваряне на `/wiki` като гост.");
        add("WS1-DEMO-2", ws1, "The article list loads (only `Active` articles)",
                "Зареждане на списък със статии (само `Active`).");
        add("WS1-DEMO-3", ws1, "Open an article `/wiki/[slug]`",
                "Отваряне на статия `/wiki/[slug]`.");
        add("WS1-DEMO-4", ws1, "Switch `lang` (when available) and check the behaviour",
                "Смяна на `lang` (ако е налично) и валидиране на поведението.");
        add("WS1-API-1", ws1, "`GET /api/wiki/articles` returns 200",
                "`GET /api/wiki/articles` връща 200.");
        add("WS1-API-2", ws1, "`GET /api/wiki/articles/{slug}` returns 200 for a valid slug",
                "`GET /api/wiki/articles/{slug}` връща 200 за валиден slug.");
        add("WS1-API-3", ws1, "404 for an invalid slug",
                "404 за невалиден slug.");
        add("WS1-DB-1", ws1, "The DB is initialised (migrations + seed) and holds at least 2–3 articles",
                "DB е инициализирана (migrations + seed) и има поне 2–3 статии.");
        String ws2 = "WS-2 – Auth";
        add("WS2-DEMO-1", ws2, "Registration",
                "Регистрация.");
        add("WS2-DEMO-2", ws2, "Login and access to the profile",
                "Login и достъп до профил.");
        add("WS2-DEMO-3", ws2, "Logout",
                "Logout.");
        add("WS2-API-1", ws2, "`POST /api/auth/register`",
                "`POST /api/auth/register`.");
        add("WS2-API-2", ws2, "`POST /api/auth/login`",
                "`POST /api/auth/login`.");
        add("WS2-API-3", ws2, "`GET /api/users/me`",
                "`GET /api/users/me`.");
        add("WS2-SEC-1", ws2, "Rate limiting on sensitive operations (when enabled)",
                "Rate limiting за чувствителни операции (ако е включено).");
        add("WS2-SEC-2", ws2, "The JWT guard works correctly",
                "JWT guard работи коректно.");
        String ws3 = "WS-3 – Courses & Assessments";
        add("WS3-DEMO-1", ws3, "Open `/courses` (course catalog)",
                "Отваряне на `/courses` (Course Catalog).");
        add("WS3-DEMO-2", ws3, "Open `/courses/[courseId]` (course detail)",
                "Отваряне на `/courses/[courseId]` (Course Detail).");
        add("WS3-DEMO-3", ws3, "Enrol in a course as a logged-in user",
                "Enrollment в курс като логнат потребител.");
        add("WS3-DEMO-4", ws3, "Open `/my-courses` and see the enrolled courses",
                "Отваряне на `/my-courses` и преглед на записаните курсове.");
        add("WS3-DEMO-5", ws3, "Mark a task as completed",
                "Маркиране на задача като изпълнена (completed).");
        add("WS3-DEMO-6", ws3, "Open a quiz, fill it in and submit → the result is shown",
                "Отваряне на quiz, попълване и submit → визуализиране на резултат.");
        add("WS3-API-1", ws3, "`GET /api/courses` returns 200",
                "`GET /api/courses` връща 200.");
        add("WS3-API-2", ws3, "`GET /api/courses/{courseId}` returns 200",
                "`GET /api/courses/{courseId}` връща 200.");
        add("WS3-API-3", ws3, "`POST /api/courses/{courseId}/enroll` returns 204/200",
                "`POST /api/courses/{courseId}/enroll` връща 204/200.");
        add("WS3-API-4", ws3, "`GET /api/users/me/courses` returns 200",
                "`GET /api/users/me/courses` връща 200.");
        add("WS3-API-5", ws3, "`POST /api/courses/{courseId}/tasks/{taskId}/complete` returns 204/200",
                "`POST /api/courses/{courseId}/tasks/{taskId}/complete` връща 204/200.");
        add("WS3-API-6", ws3, "`GET /api/courses/{courseId}/quizzes/{quizId}` returns 200",
                "`GET /api/courses/{courseId}/quizzes/{quizId}` връща 200.");
        add("WS3-API-7", ws3, "`POST /api/courses/{courseId}/quizzes/{quizId}/submit` returns 200 with a result (score/pass)",
                "`POST /api/courses/{courseId}/quizzes/{quizId}/submit` връща 200 и съдържа резултат (score/pass).");
        add("WS3-DB-1", ws3, "DB initialised (migrations + seed) with at least 1 course holding at least 1 task and 1 quiz",
                "DB е инициализирана (migrations + seed) и има поне 1 курс с поне 1 задача и 1 quiz.");
        add("WS3-DB-2", ws3, "Enrolment and progress are stored and load again (refresh)",
                "Enrollment и прогресът се записват и могат да се заредят повторно (refresh).");
        add("WS3-DB-3", ws3, "The quiz attempt is stored",
                "Quiz attempt се записва.");
        add("WS3-SEC-1", ws3, "Public endpoints (catalog/detail) work without a JWT",
                "Public endpoints (catalog/detail) са достъпни без JWT.");
        add("WS3-SEC-2", ws3, "Protected endpoints (enroll, my-courses, complete task, quiz submit) return 401 without a JWT",
                "Protected endpoints (enroll, my-courses, complete task, quiz submit) връщат 401 без JWT.");
    }

    private ChecklistCatalog() {
    }

    private static void add(String id, String section, String text) {
        ITEMS.put(id, new Item(id, section, text));
    }

    private static void add(String id, String section, String text, String original) {
        ITEMS.put(id, new Item(id, section, text, original));
    }

    public static List<Item> items() {
        return List.copyOf(ITEMS.values());
    }

    public static Optional<Item> item(String id) {
        return Optional.ofNullable(ITEMS.get(id));
    }

    /** The suite tag of an item: {@code ops}, {@code ws1}, {@code ws2} or {@code ws3}. */
    public static String suiteOf(String id) {
        return id.startsWith("OPS") ? "ops" : id.substring(0, 3).toLowerCase(java.util.Locale.ROOT);
    }
}
