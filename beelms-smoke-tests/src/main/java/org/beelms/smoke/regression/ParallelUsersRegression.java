package org.beelms.smoke.regression;

import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Catalogue;
import org.beelms.smoke.client.SmokeSession.LoginOutcome;
import org.beelms.smoke.client.SmokeSession.Registration;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.junit.BeelmsRegression;
import org.beelms.smoke.junit.BeelmsTarget;
import org.beelms.smoke.junit.ChecklistItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tier, non-functional smoke: {@code load.users} virtual users for {@code load.duration} on the key paths
 * (wiki list and article, course detail, my courses), inside the target's rate limits: the accounts are the smoke
 * account plus as many throwaway accounts as the registration budget leaves (none in production mode), each logged in
 * once; virtual users share them round-robin. Requests, errors and p50/p95/p99 per endpoint go to the report;
 * {@code load.maxErrorRate} and {@code load.maxP95} decide.
 */
@BeelmsRegression
@DisplayName("Regression: parallel-user smoke")
public class ParallelUsersRegression {

    @Test
    @ChecklistItem(RegressionItems.PARALLEL_USERS)
    @DisplayName("REG-LOAD-1 Parallel users on the key paths stay within the error-rate and p95 thresholds")
    void parallelUsersStayWithinThresholds(@BeelmsTarget BeelmsApi api, TestReporter reporter) {
        SmokeConfig config = api.config();
        String slug = api.catalogue().anyArticle().slug();
        Catalogue.Course course = api.catalogue().anyCourse();
        List<String> tokens = new ArrayList<>();
        tokens.add(api.session().userToken());
        LatencyStats logins = new LatencyStats();
        List<String> notes = new ArrayList<>();
        for (int i = tokens.size(); i < config.loadUsers(); i++) {
            List<String> why = new ArrayList<>();
            Registration extra = api.session().registerExtra("the parallel-user smoke", why).orElse(null);
            if (extra == null) {
                notes.add(String.join("; ", why));
                break;
            }
            long start = System.nanoTime();
            LoginOutcome login = api.session().loginOnce(extra.credentials(), "parallel-user account");
            logins.add(Duration.ofNanos(System.nanoTime() - start), !login.ok());
            if (!login.ok()) {
                notes.add("a parallel-user account could not log in: " + login.problem());
                break;
            }
            tokens.add(login.accessToken());
        }
        List<ParallelUserSmoke.Step> steps = List.of(
                new ParallelUserSmoke.Step("GET /wiki/articles", "/wiki/articles", false),
                new ParallelUserSmoke.Step("GET /wiki/articles/{slug}",
                        "/wiki/articles/" + URLEncoder.encode(slug, StandardCharsets.UTF_8), false),
                new ParallelUserSmoke.Step("GET /courses/{courseId}", "/courses/" + course.id(), false),
                new ParallelUserSmoke.Step("GET /users/me/courses", "/users/me/courses", true));
        Map<String, LatencyStats> loginStats = logins.count() == 0 ? Map.of() : Map.of("POST /auth/login (once per account)", logins);
        LoadReport report = ParallelUserSmoke.run(new ParallelUserSmoke.Plan(config.apiBaseUri(), steps, tokens,
                config.loadUsers(), config.loadDuration(), config.readTimeout(), config.connectTimeout(),
                config.loadMaxErrorRate(), config.loadMaxP95(), loginStats));
        api.journal().load(report);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("beelms.load.users", report.users() + " virtual users on " + report.accounts() + " account(s)"
                + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
        entries.put("beelms.load.total", report.requests() + " requests, " + report.errors() + " errors in "
                + report.duration().toMillis() + " ms");
        for (EndpointLoad e : report.endpoints()) {
            entries.put("beelms.load." + e.endpoint(), e.requests() + " requests, " + e.errors() + " errors, p50 "
                    + e.p50().toMillis() + " ms, p95 " + e.p95().toMillis() + " ms, p99 " + e.p99().toMillis() + " ms");
        }
        reporter.publishEntry(entries);
        if (!notes.isEmpty()) {
            api.journal().observation(new Observation("Parallel-user smoke", "accounts", report.accounts()
                    + " account(s) for " + report.users() + " virtual users: " + String.join("; ", notes)));
        }
        assertTrue(report.passed(), () -> "Parallel-user smoke (" + report.users() + " users, "
                + report.duration().toMillis() + " ms, " + report.requests() + " requests): "
                + String.join("; ", report.breaches()));
    }
}
