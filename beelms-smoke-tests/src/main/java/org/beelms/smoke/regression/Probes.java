package org.beelms.smoke.regression;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.Json;
import org.beelms.smoke.client.ApiRequest;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Catalogue;
import org.beelms.smoke.client.RecordingFilter;
import org.opentest4j.TestAbortedException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Shared plumbing of the regression checks: known ids of the target, requests by template, answer judgements. */
final class Probes {

    private Probes() {
    }

    /** A request of the contract with its path values filled in. */
    record Endpoint(String method, String template, Object[] pathValues, String body) {
        String describe() {
            return method + " " + template;
        }

        ApiResponse send(ApiRequest spec) {
            ApiRequest s = body == null ? spec : spec.body(body);
            return s.request(method, template, pathValues);
        }
    }

    /** Ids of real objects on the target (so a broken guard answers 2xx, not 404), random ones where none is known. */
    record Ids(String courseId, String taskId, String itemId, String quizId) {
        static Ids discover(BeelmsApi api) {
            String course = random();
            String task = random();
            String item = random();
            String quiz = random();
            try {
                Optional<Catalogue.CourseDetail> detail = api.catalogue()
                        .findCourse(d -> d.firstQuiz().isPresent() || d.firstTask().isPresent(), true);
                if (detail.isPresent()) {
                    course = detail.get().course().id();
                    Optional<Catalogue.CurriculumItem> t = detail.get().firstTask();
                    if (t.isPresent()) {
                        task = t.get().taskId() == null ? task : t.get().taskId();
                        item = t.get().id();
                    }
                    Optional<Catalogue.CurriculumItem> q = detail.get().firstQuiz();
                    if (q.isPresent()) {
                        quiz = q.get().quizId();
                    }
                } else {
                    course = api.catalogue().anyCourse().id();
                }
            } catch (TestAbortedException e) {
                // the catalogue cannot be read: random ids still probe the guard (a 404 before the guard is a finding)
            }
            return new Ids(course, task, item, quiz);
        }
    }

    static String random() {
        return UUID.randomUUID().toString();
    }

    /** The bearer-protected endpoints of the contract (WS-2, WS-3, WS-4); {@code DELETE /users/me} is left out. */
    static List<Endpoint> protectedEndpoints(Ids ids) {
        List<Endpoint> out = new ArrayList<>();
        out.add(new Endpoint("GET", "/users/me", new Object[0], null));
        out.add(new Endpoint("GET", "/users/me/courses", new Object[0], null));
        out.add(new Endpoint("POST", "/courses/{courseId}/enroll", new Object[]{ids.courseId()}, null));
        out.add(new Endpoint("POST", "/courses/{courseId}/tasks/{taskId}/complete",
                new Object[]{ids.courseId(), ids.taskId()}, null));
        out.add(new Endpoint("POST", "/courses/{courseId}/curriculum/{itemId}/complete",
                new Object[]{ids.courseId(), ids.itemId()}, null));
        out.add(new Endpoint("GET", "/courses/{courseId}/curriculum/progress", new Object[]{ids.courseId()}, null));
        out.add(new Endpoint("GET", "/courses/{courseId}/quizzes/{quizId}", new Object[]{ids.courseId(), ids.quizId()},
                null));
        out.add(new Endpoint("POST", "/courses/{courseId}/quizzes/{quizId}/submit",
                new Object[]{ids.courseId(), ids.quizId()}, "{\"answers\":[]}"));
        out.addAll(adminEndpoints(random()));
        return out;
    }

    /** The admin endpoints of WS-4; the PATCH targets {@code userId} with {@code {"active": true}}. */
    static List<Endpoint> adminEndpoints(String userId) {
        return List.of(
                new Endpoint("GET", "/admin/users", new Object[0], null),
                new Endpoint("PATCH", "/admin/users/{id}", new Object[]{userId}, "{\"active\":true}"),
                new Endpoint("GET", "/admin/metrics/overview", new Object[0], null),
                new Endpoint("GET", "/admin/wiki/articles", new Object[0], null));
    }

    /**
     * The framework's own answer for a route it does not know means the deployment has no such route: a 404 whose
     * JSON says {@code "message": "Cannot <METHOD> <path>"} for the method sent and {@code "error": "Not Found"}
     * (NestJS's). A handler's own 404 ("Cannot find user") is an answer of the route, which is then probed.
     */
    static boolean routeAbsent(String method, ApiResponse r) {
        if (r.statusCode() != 404 || !isJson(r)) {
            return false;
        }
        java.util.Map<String, Object> body = Json.objectOrEmpty(r);
        return "Not Found".equals(body.get("error")) && body.get("message") instanceof String message
                && message.matches("Cannot " + java.util.regex.Pattern.quote(method.toUpperCase(Locale.ROOT))
                        + " /\\S*");
    }

    static boolean isJson(ApiResponse r) {
        String type = r.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).contains("json");
    }

    static String excerpt(BeelmsApi api, ApiResponse r) {
        return RecordingFilter.excerpt(api.journal().redactor(), r.getBody().asString());
    }

    /**
     * The problem with an answer to bad input, or empty: it must be a 4xx with a JSON body that leaks nothing (no
     * HTML, no stack trace, no SQL).
     */
    static Optional<String> badInputProblem(BeelmsApi api, String what, ApiResponse r) {
        int status = r.statusCode();
        String body = r.getBody().asString();
        if (status >= 500) {
            return Optional.of(what + " answered " + status + " (a server error) instead of 4xx: " + excerpt(api, r));
        }
        if (status < 400) {
            return Optional.of(what + " answered " + status + " instead of 4xx: " + excerpt(api, r));
        }
        if (!isJson(r)) {
            return Optional.of(what + " answered " + status + " with content type " + r.getContentType()
                    + " instead of a JSON error body: " + excerpt(api, r));
        }
        Optional<String> leak = LeakPatterns.bodyLeak(body);
        return leak.map(l -> what + " answered " + status + " with " + l + " in the body: " + excerpt(api, r));
    }

    /** Every key anywhere in a JSON value, as {@code path.key}. */
    static void keys(Object json, String path, Map<String, Object> out) {
        if (json instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String p = path.isEmpty() ? String.valueOf(k) : path + "." + k;
                out.put(p, v);
                keys(v, p, out);
            });
        } else if (json instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                keys(list.get(i), path + "[" + i + "]", out);
            }
        }
    }

    static String lastKey(String path) {
        String p = path.replaceAll("\\[\\d+]$", "");
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : p.substring(dot + 1);
    }

    /** The JSON root of an answer, or null when it is not JSON. */
    static Object json(ApiResponse r) {
        if (!isJson(r)) {
            return null;
        }
        return Json.parse(r).orElse(null);
    }
}
