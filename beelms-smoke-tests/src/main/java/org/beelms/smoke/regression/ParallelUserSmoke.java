package org.beelms.smoke.regression;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parallel-user smoke's engine: N virtual users, each with the bearer token of an account that logged in once,
 * walk the key paths (wiki list, an article, a course's detail, my courses) back to back until the deadline, bounded
 * in time and in count; latencies per endpoint, thresholds on error rate and p95. Only ever sends GETs to the
 * configured API base.
 */
public final class ParallelUserSmoke {
    /** At most this many requests per virtual user, whatever the duration. */
    public static final int MAX_REQUESTS_PER_USER = 20_000;

    /** One step of a virtual user's walk: the endpoint's name in the report and its path below the API base. */
    public record Step(String endpoint, String path, boolean authenticated) {
    }

    /** What to run. {@code tokens} holds one token per account; virtual users share them round-robin. */
    public record Plan(URI apiBase, List<Step> steps, List<String> tokens, int users, Duration duration,
                       Duration readTimeout, Duration connectTimeout, double maxErrorRate, Duration maxP95,
                       Map<String, LatencyStats> loginLatency) {
        public Plan {
            Objects.requireNonNull(apiBase, "apiBase");
            steps = List.copyOf(steps);
            tokens = List.copyOf(tokens);
            loginLatency = Map.copyOf(loginLatency);
            if (users < 1 || tokens.isEmpty() && steps.stream().anyMatch(Step::authenticated)) {
                throw new IllegalArgumentException("a plan needs at least one user and, for authenticated steps, one token");
            }
        }

        /** The plan without its bearer tokens (only how many there are), so logging it leaks nothing. */
        @Override
        public String toString() {
            return "Plan[apiBase=" + new org.beelms.smoke.client.Redactor(java.util.Set.of()).redact(apiBase.toString())
                    + ", steps=" + steps + ", tokens=" + tokens.size() + " (not shown), users=" + users
                    + ", duration=" + duration + ", readTimeout=" + readTimeout + ", connectTimeout=" + connectTimeout
                    + ", maxErrorRate=" + maxErrorRate + ", maxP95=" + maxP95 + ", loginLatency=" + loginLatency + "]";
        }
    }

    private ParallelUserSmoke() {
    }

    public static LoadReport run(Plan plan) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(plan.connectTimeout()).build();
        Map<String, LatencyStats> stats = new LinkedHashMap<>();
        plan.steps().forEach(step -> stats.putIfAbsent(step.endpoint(), new LatencyStats()));
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Instant started = Instant.now();
        Instant deadline = started.plus(plan.duration());
        ExecutorService pool = Executors.newFixedThreadPool(plan.users(), r -> {
            Thread t = new Thread(r, "beelms-parallel-user");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> users = new ArrayList<>();
        for (int u = 0; u < plan.users(); u++) {
            String token = plan.tokens().isEmpty() ? null : plan.tokens().get(u % plan.tokens().size());
            users.add(pool.submit(() -> walk(http, plan, token, deadline, stats, requests, errors)));
        }
        pool.shutdown();
        Duration bound = plan.duration().plus(plan.readTimeout()).plus(plan.connectTimeout()).plusSeconds(5);
        try {
            if (!pool.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        Duration took = Duration.between(started, Instant.now());
        List<EndpointLoad> endpoints = new ArrayList<>();
        stats.forEach((name, s) -> endpoints.add(s.summary(name)));
        plan.loginLatency().forEach((name, s) -> endpoints.add(s.summary(name)));
        List<String> breaches = new ArrayList<>();
        long total = requests.get();
        long failed = errors.get();
        double rate = total == 0 ? 1 : (double) failed / total;
        if (total == 0) {
            breaches.add("no request completed within " + plan.duration().toMillis() + " ms");
        } else if (rate > plan.maxErrorRate()) {
            breaches.add(String.format(java.util.Locale.ROOT, "error rate %.2f %% (%d of %d) exceeds %.2f %% (load.maxErrorRate)",
                    rate * 100, failed, total, plan.maxErrorRate() * 100));
        }
        for (Map.Entry<String, LatencyStats> e : stats.entrySet()) {
            Duration p95 = e.getValue().percentile(95);
            if (e.getValue().count() > 0 && p95.compareTo(plan.maxP95()) > 0) {
                breaches.add(e.getKey() + ": p95 " + p95.toMillis() + " ms exceeds " + plan.maxP95().toMillis()
                        + " ms (load.maxP95)");
            }
        }
        return new LoadReport(plan.users(), plan.tokens().size(), took, total, failed, endpoints, plan.maxErrorRate(),
                plan.maxP95(), breaches);
    }

    private static void walk(HttpClient http, Plan plan, String token, Instant deadline,
                             Map<String, LatencyStats> stats, AtomicLong requests, AtomicLong errors) {
        int sent = 0;
        while (sent < MAX_REQUESTS_PER_USER && Instant.now().isBefore(deadline)
                && !Thread.currentThread().isInterrupted()) {
            for (Step step : plan.steps()) {
                if (!Instant.now().isBefore(deadline) || sent >= MAX_REQUESTS_PER_USER) {
                    return;
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(resolve(plan.apiBase(), step.path()))
                        .timeout(plan.readTimeout()).header("Accept", "application/json").GET();
                if (step.authenticated() && token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                long start = System.nanoTime();
                boolean error;
                try {
                    HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                    error = response.statusCode() < 200 || response.statusCode() >= 300;
                } catch (IOException e) {
                    error = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                stats.get(step.endpoint()).add(Duration.ofNanos(System.nanoTime() - start), error);
                requests.incrementAndGet();
                if (error) {
                    errors.incrementAndGet();
                }
                sent++;
            }
        }
    }

    static URI resolve(URI apiBase, String path) {
        String base = apiBase.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + (path.startsWith("/") ? path : "/" + path));
    }
}
