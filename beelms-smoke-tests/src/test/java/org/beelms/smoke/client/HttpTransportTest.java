package org.beelms.smoke.client;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library's own HTTP path against a real loopback server: what is sent, what is recorded, what fails how. */
class HttpTransportTest {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json", "Accept", "application/json");

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch burstGate = new CountDownLatch(0);
    private SmokeJournal journal;
    private HttpTransport transport;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", ex -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                seen.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())
                        + " ct=" + ex.getRequestHeaders().getFirst("Content-Type")
                        + " auth=" + ex.getRequestHeaders().getFirst("Authorization") + " body=" + body);
                if (ex.getRequestURI().getPath().endsWith("/burst")) {
                    burstGate.countDown();
                    burstGate.await(5, TimeUnit.SECONDS); // answers only once the whole burst has arrived
                }
                boolean missing = ex.getRequestURI().getPath().endsWith("/missing");
                byte[] answer = (missing ? "{\"message\":\"no such thing, token tok-secret-123\"}" : "{\"ok\":true}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
                ex.sendResponseHeaders(missing ? 404 : 200, answer.length);
                ex.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                ex.close();
            }
        });
        server.start();
        journal = new SmokeJournal(Set.of("tok-secret-123"));
        transport = new HttpTransport(Duration.ofSeconds(2), Duration.ofSeconds(5), journal, false);
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    @Test
    void closeStopsTheClientsSelectorThreadAndRefusesLaterRequests() throws InterruptedException {
        assertEquals(200, transport.request(base(), JSON).get("/health").statusCode());
        Thread selector = transport.selectorThread().orElseThrow(() -> new AssertionFailedError(
                "no HttpClient-<id>-SelectorManager thread found for " + transport));
        HttpTransport other = new HttpTransport(Duration.ofSeconds(2), Duration.ofSeconds(5), journal, false);
        Thread othersSelector = other.selectorThread().orElseThrow();
        assertTrue(selector != othersSelector, "each client's own selector thread is found");

        transport.close();
        selector.join(2000);
        assertTrue(!selector.isAlive(), "the selector thread stopped: a JVM exiting now waits for no thread in native code");
        assertTrue(othersSelector.isAlive(), "another client's selector thread is left alone");
        transport.close(); // idempotent
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> transport.request(base(), JSON).get("/health"));
        assertTrue(e.getMessage().startsWith("GET http://127.0.0.1:") && e.getMessage().contains("HTTP client is closed"),
                e.getMessage());
        assertEquals(200, other.request(base(), JSON).get("/health").statusCode(), "the other client still works");
        other.close();
    }

    @Test
    void fillsPathTemplatesEncodesQueriesAndSendsJsonBodiesOnly() {
        ApiResponse r = transport.request(base(), JSON).queryParam("lang", "en gb").queryParam("q", "a&b")
                .get("/wiki/articles/{slug}", "a b/c");
        assertEquals(200, r.statusCode());
        assertTrue(r.isJson());
        assertEquals(Map.of("ok", true), Json.objectOrEmpty(r));
        transport.request(base(), JSON).header("Authorization", "Bearer tok-secret-123")
                .body(new java.util.TreeMap<>(Map.of("answers", List.of(new java.util.TreeMap<>(Map.of("questionId", 1,
                        "optionIndex", 0))), "flag", false)))
                .post("/courses/{c}/quizzes/{q}/submit", "c1", "q1");
        transport.request(base(), JSON).body("{\"email\": ").patch("/admin/users/{id}", "u1");
        assertEquals("GET /api/wiki/articles/a%20b%2Fc?lang=en%20gb&q=a%26b ct=null auth=null body=", seen.get(0));
        assertEquals("POST /api/courses/c1/quizzes/q1/submit ct=application/json auth=Bearer tok-secret-123 body="
                + "{\"answers\":[{\"optionIndex\":0,\"questionId\":1}],\"flag\":false}", seen.get(1));
        assertEquals("PATCH /api/admin/users/u1 ct=application/json auth=null body={\"email\": ", seen.get(2));
        assertThrows(IllegalArgumentException.class, () -> transport.request(base(), JSON).get("/courses/{c}/x/{y}", "c"));
    }

    @Test
    void recordsEveryExchangeRedactedWithAnExcerptOfAnswersThatAreNot2xx() {
        ApiResponse r = transport.request(base(), JSON).get("/missing");
        assertEquals(404, r.statusCode());
        ApiResponse ok = transport.request(base(), JSON).get("/fine");
        List<RecordedRequest> recorded = journal.allRequests();
        assertEquals(2, recorded.size());
        RecordedRequest missing = recorded.get(0);
        assertEquals("GET", missing.method());
        assertEquals(base() + "/missing", missing.url());
        assertEquals(404, missing.status());
        assertTrue(missing.bodyExcerpt().contains("no such thing") && !missing.bodyExcerpt().contains("tok-secret-123"),
                missing.bodyExcerpt());
        assertNull(recorded.get(1).bodyExcerpt(), "2xx answers keep no excerpt");
        assertEquals(200, ok.getStatusCode());
        AssertionFailedError wrong = assertThrows(AssertionFailedError.class, () -> r.expect(ApiExpectation.json(200)));
        assertEquals("GET /api/missing answered 404, expected 200", wrong.getMessage());
        r.expect(ApiExpectation.json(404)).expectStatus(404);
    }

    @Test
    void aTransportErrorNamesTheRequestAndIsRecorded() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/api";
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> transport.request(url, JSON).get("/health"));
        assertTrue(e.getMessage().startsWith("GET " + url + "/health failed: ConnectException"), e.getMessage());
        RecordedRequest r = journal.allRequests().get(0);
        assertTrue(r.transportError(), r::summary);
        assertTrue(r.error().startsWith("ConnectException"), r.error());
    }

    @Test
    void aPlainHttpClientRefusesHttpsNamingTheSetting() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> transport.request("https://127.0.0.1:" + server.getAddress().getPort() + "/api", JSON).get("/health"));
        assertTrue(e.getMessage().contains("configure the https URL of the target"), e.getMessage());
    }

    @Test
    void aBurstSendsItsRequestsAtOnceAndRecordsThemForTheCallingThread() {
        burstGate = new CountDownLatch(5);
        journal.startCheck("[check:burst]", List.of("WS2-SEC-1"));
        List<ApiResponse> answers = transport.request(base(), JSON).body(Map.of("email", "x@example.com"))
                .burst(5, "post", "/auth/burst");
        journal.endCheck();
        assertEquals(5, answers.size());
        assertTrue(answers.stream().allMatch(a -> a.statusCode() == 200));
        assertEquals(5, maxInFlight.get(), "all five were in flight together (the server answered none before)");
        assertEquals(5, journal.requestsOf("[check:burst]").size(), "the check's evidence holds the whole burst");
        assertTrue(seen.stream().allMatch(s -> s.startsWith("POST /api/auth/burst ct=application/json")), seen::toString);
    }
}
