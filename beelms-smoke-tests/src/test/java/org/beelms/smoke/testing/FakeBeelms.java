package org.beelms.smoke.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny, real HTTP server on 127.0.0.1 speaking enough of the beelms core contract (shared/beelms-api.md) to run the
 * smoke suites end to end, with switches for the deviations and faults the tests need. Not a reference
 * implementation: the reference server lives in beelms-release-it.
 */
public final class FakeBeelms implements AutoCloseable {
    private final HttpServer server;

    // switches
    public volatile int healthFailuresBeforeOk = 0;
    public volatile int healthFailureStatus = 503;
    public volatile boolean answerHtml = false;
    public volatile boolean dbDown = false;
    /** What health reports as its version; null: {"status":"ok"} only, as the real beelms core answers. */
    public volatile String version = "1.2.3";
    public volatile int quizSubmitStatus = 200;
    public volatile boolean tasksRoute = true;
    public volatile boolean rateLimit = true;
    public volatile boolean requireAcceptTerms = false;
    public volatile boolean enrollRouteMissing = false;
    public volatile long coursesDelayMs = 0;
    public volatile boolean articleDetail500 = false;
    /** The article list starts with an article without a slug and lists no languages (the English one must be probed). */
    public volatile boolean slugLessFirstArticle = false;
    /**
     * Every protected route answers as NestJS does for a route it does not know (404, "Cannot GET /api/..."), except
     * those in {@link #protectedRoutesKept} ("GET /users/me") and {@code DELETE /users/me} (the run removes its account).
     */
    public volatile boolean protectedRoutesAbsent = false;
    /** When set, every protected route answers 404 with this handler message (and error Not Found), token or not. */
    public volatile String protectedRoutesNotFoundMessage = null;
    /** When set, every GET but health answers 200 text/html with this page (a front end's catch-all before the API). */
    public volatile String everyGetAnswers200 = null;
    /** Login issues tokens without an {@code exp} claim. */
    public volatile boolean tokensWithoutExpiry = false;
    public final Set<String> protectedRoutesKept = ConcurrentHashMap.newKeySet();

    // state
    public final AtomicInteger healthCalls = new AtomicInteger();
    public final AtomicInteger registerCalls = new AtomicInteger();
    public final Map<String, AtomicInteger> loginCalls = new ConcurrentHashMap<>();
    public final Map<String, User> users = new ConcurrentHashMap<>();
    public final Set<String> enrollments = ConcurrentHashMap.newKeySet();
    public final Set<String> completions = ConcurrentHashMap.newKeySet();
    public final List<String> attempts = new CopyOnWriteArrayList<>();
    public final List<String> requestLog = new CopyOnWriteArrayList<>();
    /** Every exchange with its start and end (nanoTime: request read, answer about to be written), to see which ran at the same time. */
    public final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    /** Added to every answer, so checks running in parallel overlap visibly. */
    public volatile long everyRequestDelayMs = 0;

    /** One exchange; {@code probe}: a login of the rate-limit probe's throwaway email. */
    public record Exchange(String request, long startNanos, long endNanos, boolean probe) {
        public boolean overlaps(long from, long to) {
            return startNanos < to && endNanos > from;
        }
    }
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failedLogins = new ConcurrentHashMap<>();

    public record User(String id, String email, String password, boolean active) {
    }

    public FakeBeelms() throws IOException {
        // like Node's server and the reference core: no 40 ms delayed-ACK stalls on kept-alive connections
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** Adds a pre-provisioned account. */
    public FakeBeelms withUser(String email, String password) {
        users.put(email, new User(UUID.randomUUID().toString(), email, password, true));
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int activeUsers() {
        return (int) users.values().stream().filter(User::active).count();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    // ------------------------------------------------------------------ data

    static final String COURSE = "11111111-1111-1111-1111-111111111111";
    static final String PAID = "22222222-2222-2222-2222-222222222222";
    static final String WIKI_ITEM = "a0000000-0000-0000-0000-000000000001";
    static final String TASK_ITEM = "a0000000-0000-0000-0000-000000000002";
    static final String TASK_ID = "b0000000-0000-0000-0000-000000000002";
    static final String QUIZ_ITEM = "a0000000-0000-0000-0000-000000000003";
    static final String QUIZ_ID = "c0000000-0000-0000-0000-000000000003";

    private static String article(String slug, String lang, String title, boolean withContent) {
        return "{\"id\":\"" + slug.hashCode() + "\",\"slug\":\"" + slug + "\",\"language\":\"" + lang + "\",\"title\":\""
                + title + "\",\"status\":\"active\",\"updatedAt\":\"2026-01-01T00:00:00Z\""
                + (withContent ? ",\"content\":\"Text of " + title + "\"" : ",\"languages\":[\"bg\"" + (slug.equals("getting-started") ? ",\"en\"" : "") + "]")
                + "}";
    }

    private static String courseSummary(String id, String title, boolean paid) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"description\":\"d\",\"language\":\"bg\",\"status\":\"active\","
                + "\"isPaid\":" + paid + ",\"currency\":\"EUR\",\"priceCents\":" + (paid ? 1000 : 0) + ",\"categoryId\":null}";
    }

    // ------------------------------------------------------------------ routing

    private void handle(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requestLog.add(method + " " + path);
            long start = System.nanoTime();
            if (everyRequestDelayMs > 0) {
                Thread.sleep(everyRequestDelayMs);
            }
            // recorded before the answer is written: a client can read the answer and send its next request before
            // this thread gets to run again, so a time taken after answer(...) could come after that next request's start
            exchanges.add(new Exchange(method + " " + path, start, System.nanoTime(), body.contains("beelms-smoke-ratelimit-")));
            answer(ex, method, path, query, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json(ex, 503, "{\"message\":\"interrupted\"}");
        } catch (RuntimeException e) {
            json(ex, 500, "{\"message\":\"fake server error\"}");
        }
    }

    private void answer(HttpExchange ex, String method, String path, String query, String body) throws IOException {
        if (answerHtml) {
            send(ex, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><body>Next.js page</body></html>");
            return;
        }
        if (!path.startsWith("/api/")) {
            page(ex, path);
            return;
        }
        route(ex, method, path.substring(4), query, body);
    }

    private void route(HttpExchange ex, String method, String p, String query, String body) throws IOException {
        Matcher m;
        if (everyGetAnswers200 != null && method.equals("GET") && !p.equals("/health")) {
            send(ex, 200, "text/html; charset=utf-8", everyGetAnswers200);
            return;
        }
        if (method.equals("GET") && p.equals("/health")) {
            int call = healthCalls.incrementAndGet();
            if (call <= healthFailuresBeforeOk) {
                json(ex, healthFailureStatus, "{\"status\":\"starting\"}");
            } else if (dbDown) {
                json(ex, 503, "{\"status\":\"error\",\"db\":\"down\"}");
            } else {
                json(ex, 200, version == null ? "{\"status\":\"ok\"}"
                        : "{\"status\":\"ok\",\"db\":\"up\",\"version\":\"" + version + "\"}");
            }
            return;
        }
        if (method.equals("GET") && p.equals("/wiki/articles")) {
            if (slugLessFirstArticle) {
                json(ex, 200, "[{\"id\":\"0\",\"title\":\"Untitled draft\",\"status\":\"active\"},"
                        + article("getting-started", "bg", "Първи стъпки", true) + ","
                        + article("faq", "bg", "Често задавани въпроси", true) + "]");
                return;
            }
            json(ex, 200, "[" + article("getting-started", "bg", "Първи стъпки", false) + ","
                    + article("faq", "bg", "Често задавани въпроси", false) + ","
                    + article("about", "bg", "За нас", false) + "]");
            return;
        }
        if (method.equals("GET") && (m = Pattern.compile("/wiki/articles/([^/]+)").matcher(p)).matches()) {
            String slug = m.group(1);
            if (articleDetail500) {
                json(ex, 500, "{\"message\":\"Internal server error\",\"statusCode\":500}");
                return;
            }
            boolean en = query.contains("lang=en");
            switch (slug) {
                case "getting-started" -> json(ex, 200, en ? article(slug, "en", "Getting started", true)
                        : article(slug, "bg", "Първи стъпки", true));
                case "faq" -> json(ex, 200, article(slug, "bg", "Често задавани въпроси", true));
                case "about" -> json(ex, 200, article(slug, "bg", "За нас", true));
                default -> json(ex, 404, "{\"message\":\"Article not found\",\"code\":\"NOT_FOUND\"}");
            }
            return;
        }
        if (method.equals("POST") && p.equals("/auth/register")) {
            registerCalls.incrementAndGet();
            JsonPath j = JsonPath.from(body);
            String email = j.getString("email");
            String password = j.getString("password");
            if (email == null || !email.contains("@") || password == null || password.length() < 8
                    || (requireAcceptTerms && !Boolean.TRUE.equals(j.get("acceptTerms")))) {
                json(ex, 400, "{\"message\":[\"invalid registration\"],\"statusCode\":400}");
                return;
            }
            if (users.containsKey(email)) {
                json(ex, 409, "{\"message\":\"Email taken\"}");
                return;
            }
            User u = new User(UUID.randomUUID().toString(), email, password, true);
            users.put(email, u);
            json(ex, 201, "{\"id\":\"" + u.id() + "\",\"email\":\"" + email + "\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"role\":\"user\"}");
            return;
        }
        if (method.equals("POST") && p.equals("/auth/login")) {
            JsonPath j = JsonPath.from(body);
            String email = j.getString("email");
            loginCalls.computeIfAbsent(email, k -> new AtomicInteger()).incrementAndGet();
            AtomicInteger failures = failedLogins.computeIfAbsent(email, k -> new AtomicInteger());
            if (rateLimit && failures.get() >= 5) {
                ex.getResponseHeaders().add("Retry-After", "900");
                ex.getResponseHeaders().add("X-RateLimit-Limit", "5");
                json(ex, 429, "{\"message\":\"Too many requests\"}");
                return;
            }
            User u = users.get(email);
            if (u == null || !u.active() || !u.password().equals(j.getString("password"))) {
                failures.incrementAndGet();
                json(ex, 401, "{\"message\":\"Invalid credentials\"}");
                return;
            }
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String token = "eyJhbGciOiJIUzI1NiJ9." + b64.encodeToString(("{\"sub\":\"" + u.id() + "\"" + (tokensWithoutExpiry ? ""
                    : ",\"exp\":" + (System.currentTimeMillis() / 1000 + 3600)) + "}").getBytes(StandardCharsets.UTF_8))
                    + "." + b64.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            tokens.put(token, email);
            json(ex, 200, "{\"accessToken\":\"" + token + "\",\"tokenType\":\"Bearer\"}");
            return;
        }
        if (method.equals("GET") && p.equals("/courses")) {
            if (coursesDelayMs > 0) {
                try {
                    Thread.sleep(coursesDelayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            json(ex, 200, "[" + courseSummary(COURSE, "Въведение", false) + "," + courseSummary(PAID, "Платен курс", true) + "]");
            return;
        }
        if (method.equals("GET") && (m = Pattern.compile("/courses/([^/]+)").matcher(p)).matches()) {
            String id = m.group(1);
            if (id.equals(COURSE)) {
                String s = courseSummary(COURSE, "Въведение", false);
                json(ex, 200, s.substring(0, s.length() - 1) + ",\"curriculum\":["
                        + "{\"id\":\"" + WIKI_ITEM + "\",\"itemType\":\"wiki\",\"title\":\"Read\",\"order\":1,\"wikiSlug\":\"faq\",\"taskId\":null,\"quizId\":null},"
                        + "{\"id\":\"" + TASK_ITEM + "\",\"itemType\":\"task\",\"title\":\"Do\",\"order\":2,\"wikiSlug\":null,\"taskId\":\"" + TASK_ID + "\",\"quizId\":null},"
                        + "{\"id\":\"" + QUIZ_ITEM + "\",\"itemType\":\"quiz\",\"title\":\"Quiz\",\"order\":3,\"wikiSlug\":null,\"taskId\":null,\"quizId\":\"" + QUIZ_ID + "\"}]}");
            } else if (id.equals(PAID)) {
                String s = courseSummary(PAID, "Платен курс", true);
                json(ex, 200, s.substring(0, s.length() - 1) + ",\"curriculum\":[]}");
            } else {
                json(ex, 404, "{\"message\":\"Course not found\"}");
            }
            return;
        }
        if (enrollRouteMissing && method.equals("POST") && p.endsWith("/enroll")) {
            json(ex, 404, "{\"message\":\"Cannot POST /api" + p + "\"}");
            return;
        }
        if (p.equals("/auth/logout")) {
            // beelms core has no server-side logout: NestJS answers as for any route it does not know
            json(ex, 404, "{\"statusCode\":404,\"message\":\"Cannot " + method + " /api" + p
                    + "\",\"error\":\"Not Found\"}");
            return;
        }
        // ---- protected
        String route = method + " " + p;
        if (protectedRoutesNotFoundMessage != null && !route.equals("DELETE /users/me")) {
            json(ex, 404, "{\"statusCode\":404,\"message\":\"" + protectedRoutesNotFoundMessage
                    + "\",\"error\":\"Not Found\"}");
            return;
        }
        if (protectedRoutesAbsent && !route.equals("DELETE /users/me") && !protectedRoutesKept.contains(route)) {
            json(ex, 404, "{\"statusCode\":404,\"message\":\"Cannot " + method + " /api" + p
                    + "\",\"error\":\"Not Found\"}");
            return;
        }
        String email = currentUser(ex);
        if (email == null) {
            json(ex, 401, "{\"message\":\"Unauthorized\",\"statusCode\":401}");
            return;
        }
        if (method.equals("GET") && p.equals("/users/me")) {
            User u = users.get(email);
            json(ex, 200, "{\"id\":\"" + u.id() + "\",\"email\":\"" + email + "\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"role\":\"user\"}");
            return;
        }
        if (method.equals("DELETE") && p.equals("/users/me")) {
            User u = users.get(email);
            users.put(email, new User(u.id(), email, u.password(), false));
            tokens.values().removeIf(email::equals);
            send(ex, 204, null, null);
            return;
        }
        if (method.equals("GET") && p.equals("/users/me/courses")) {
            List<String> out = new ArrayList<>();
            if (enrollments.contains(email + "|" + COURSE)) {
                String s = courseSummary(COURSE, "Въведение", false);
                out.add(s.substring(0, s.length() - 1) + ",\"enrollmentStatus\":\"in_progress\",\"progressPercent\":0,\"enrolledAt\":\"2026-01-01T00:00:00Z\"}");
            }
            json(ex, 200, "[" + String.join(",", out) + "]");
            return;
        }
        if (method.equals("POST") && (m = Pattern.compile("/courses/([^/]+)/enroll").matcher(p)).matches()) {
            String id = m.group(1);
            if (id.equals(PAID)) {
                json(ex, 403, "{\"message\":\"Paid course\"}");
            } else if (!id.equals(COURSE)) {
                json(ex, 404, "{\"message\":\"Course not found\"}");
            } else {
                enrollments.add(email + "|" + id);
                send(ex, 204, null, null);
            }
            return;
        }
        if ((m = Pattern.compile("/courses/([^/]+)/(.*)").matcher(p)).matches()) {
            String id = m.group(1);
            String rest = m.group(2);
            if (!id.equals(COURSE)) {
                json(ex, 404, "{\"message\":\"Course not found\"}");
                return;
            }
            if (!enrollments.contains(email + "|" + id)) {
                json(ex, 403, "{\"message\":\"Not enrolled\"}");
                return;
            }
            if (method.equals("POST") && rest.equals("tasks/" + TASK_ID + "/complete") && tasksRoute) {
                completions.add(email + "|" + TASK_ITEM);
                send(ex, 204, null, null);
            } else if (method.equals("POST") && rest.startsWith("curriculum/") && rest.endsWith("/complete")) {
                completions.add(email + "|" + rest.substring("curriculum/".length(), rest.length() - "/complete".length()));
                send(ex, 204, null, null);
            } else if (method.equals("GET") && rest.equals("curriculum/progress")) {
                List<String> items = new ArrayList<>();
                int done = 0;
                for (String item : List.of(WIKI_ITEM, TASK_ITEM, QUIZ_ITEM)) {
                    boolean c = completions.contains(email + "|" + item);
                    done += c ? 1 : 0;
                    items.add("{\"id\":\"" + item + "\",\"itemType\":\"x\",\"completed\":" + c + ",\"completedAt\":null}");
                }
                json(ex, 200, "{\"totalItems\":3,\"completedItems\":" + done + ",\"progressPercent\":" + (done * 100 / 3)
                        + ",\"items\":[" + String.join(",", items) + "]}");
            } else if (method.equals("GET") && rest.equals("quizzes/" + QUIZ_ID)) {
                json(ex, 200, "{\"id\":\"" + QUIZ_ID + "\",\"title\":\"Quiz\",\"passingScore\":1,\"questions\":["
                        + "{\"id\":\"q1\",\"text\":\"2+2?\",\"options\":[\"4\",\"5\"]}]}");
            } else if (method.equals("POST") && rest.equals("quizzes/" + QUIZ_ID + "/submit")) {
                attempts.add(email);
                boolean passed = body.contains("\"optionIndex\":0");
                if (passed) {
                    completions.add(email + "|" + QUIZ_ITEM);
                }
                json(ex, quizSubmitStatus, "{\"score\":" + (passed ? 1 : 0) + ",\"maxScore\":1,\"passed\":" + passed + "}");
            } else {
                json(ex, 404, "{\"message\":\"Not found\"}");
            }
            return;
        }
        json(ex, 404, "{\"statusCode\":404,\"message\":\"Cannot " + method + " /api" + p + "\",\"error\":\"Not Found\"}");
    }

    /** The web front end: pages that show what the API returns (with {@link #pagesShowTitles} off they do not). */
    public volatile boolean pagesShowTitles = true;

    private void page(HttpExchange ex, String path) throws IOException {
        String title = switch (path) {
            case "/wiki" -> "Първи стъпки";
            case "/wiki/getting-started" -> ex.getRequestURI().getQuery() != null
                    && ex.getRequestURI().getQuery().contains("lang=en") ? "Getting started" : "Първи стъпки";
            case "/courses", "/courses/" + COURSE -> "Въведение";
            case "/my-courses" -> "My courses";
            default -> null;
        };
        if (title == null) {
            send(ex, 404, "text/html", "<html><body>Not found</body></html>");
        } else {
            send(ex, 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><body><h1>"
                    + (pagesShowTitles ? title : "Loading…") + "</h1></body></html>");
        }
    }

    private String currentUser(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        return tokens.get(auth.substring(7));
    }

    private static void json(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", body);
    }

    private static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    public List<String> log() {
        return Collections.unmodifiableList(requestLog);
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
