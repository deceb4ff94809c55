package org.beelms.smoke.regression;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine against a real loopback HTTP server: one fast, one slow and one failing endpoint. */
class ParallelUserSmokeTest {
    private HttpServer server;
    private URI base;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/api/fast", ex -> answer(ex, 200));
        server.createContext("/api/slow", ex -> {
            // far above what a loopback answer takes even on a loaded CI machine, so only this endpoint can breach
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(700));
            answer(ex, 200);
        });
        server.createContext("/api/broken", ex -> answer(ex, 500));
        server.createContext("/api/mine", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.put(auth == null ? "none" : auth, "seen");
            answer(ex, auth == null ? 401 : 200);
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api");
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status) throws IOException {
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private ParallelUserSmoke.Plan plan(List<ParallelUserSmoke.Step> steps, List<String> tokens, Duration p95) {
        return new ParallelUserSmoke.Plan(base, steps, tokens, 3, Duration.ofMillis(800), Duration.ofSeconds(2),
                Duration.ofSeconds(1), 0.01, p95, Map.of());
    }

    @Test
    void healthyEndpointsPassAndEveryUserSendsItsToken() {
        Instant start = Instant.now();
        LoadReport report = ParallelUserSmoke.run(plan(List.of(
                new ParallelUserSmoke.Step("GET /fast", "/fast", false),
                new ParallelUserSmoke.Step("GET /mine", "/mine", true)), List.of("t1", "t2"), Duration.ofSeconds(1)));
        Duration took = Duration.between(start, Instant.now());
        assertTrue(report.passed(), report.breaches().toString());
        assertEquals(3, report.users());
        assertEquals(2, report.accounts());
        // every user looped at least once (a count, not a speed: a loaded machine sends fewer)
        assertTrue(report.requests() >= 3, report.toString());
        assertEquals(0, report.errors());
        assertEquals(Map.of("Bearer t1", "seen", "Bearer t2", "seen"), authorizations);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "bounded in time: " + took);
        assertEquals(2, report.endpoints().size());
    }

    @Test
    void slowEndpointBreachesItsP95() {
        LoadReport report = ParallelUserSmoke.run(plan(List.of(
                new ParallelUserSmoke.Step("GET /fast", "/fast", false),
                new ParallelUserSmoke.Step("GET /slow", "/slow", false)), List.of(), Duration.ofMillis(500)));
        assertEquals(1, report.breaches().size(), report.breaches().toString());
        assertTrue(report.breaches().get(0).startsWith("GET /slow: p95 "), report.breaches().toString());
        EndpointLoad slow = report.endpoints().stream().filter(e -> e.endpoint().equals("GET /slow")).findFirst()
                .orElseThrow();
        assertTrue(slow.p50().toMillis() >= 700, slow.toString());
    }

    @Test
    void errorsBreachTheErrorRate() {
        LoadReport report = ParallelUserSmoke.run(plan(List.of(
                new ParallelUserSmoke.Step("GET /fast", "/fast", false),
                new ParallelUserSmoke.Step("GET /broken", "/broken", false)), List.of(), Duration.ofSeconds(1)));
        assertTrue(report.errorRate() > 0.4, report.toString());
        assertTrue(report.breaches().get(0).startsWith("error rate "), report.breaches().toString());
    }

    @Test
    void aPlansToStringShowsNoBearerTokenBecausePlansGetLogged() {
        ParallelUserSmoke.Plan plan = new ParallelUserSmoke.Plan(java.net.URI.create("http://127.0.0.1:1/api"),
                List.of(new ParallelUserSmoke.Step("me", "/auth/me", true)),
                List.of("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "opaque-token-123456"), 2,
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), 0.0, Duration.ofSeconds(1),
                Map.of());

        String shown = plan.toString();
        assertFalse(shown.contains("eyJhbGciOiJIUzI1NiJ9"), shown);
        assertFalse(shown.contains("opaque-token-123456"), shown);
        assertTrue(shown.contains("tokens=2 (not shown)"), shown);
    }
}
