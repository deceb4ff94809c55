package org.beelms.smoke.regression;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.Json;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.SmokeSession.LoginOutcome;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.junit.BeelmsRegression;
import org.beelms.smoke.junit.BeelmsTarget;
import org.beelms.smoke.junit.ChecklistItem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tier, security: the JWT guard on every protected endpoint of the contract, the admin guard on every
 * admin endpoint, and (reported only) the security headers and CORS answers.
 */
@BeelmsRegression
@DisplayName("Regression: JWT guard, admin guard, security headers")
public class SecurityRegression {
    static final List<String> SECURITY_HEADERS = List.of("Strict-Transport-Security", "Content-Security-Policy",
            "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy", "Cache-Control");
    static final String PROBE_ORIGIN = "https://beelms-regression.example";

    @Test
    @ChecklistItem(RegressionItems.JWT_GUARD)
    @DisplayName("REG-JWT-1 The JWT guard refuses missing, malformed, foreign-key, expired and alg-none tokens on every protected endpoint")
    void jwtGuardOnEveryProtectedEndpoint(@BeelmsTarget BeelmsApi api) {
        String subject = Probes.random();
        String email = "beelms-regression@example.com";
        LoginOutcome login = api.session().userLogin();
        if (login.ok()) {
            ApiResponse me = api.http().withBearer(login.accessToken()).get("/users/me");
            Object id = Json.objectOrEmpty(me).get("id");
            if (me.statusCode() == 200 && Probes.isJson(me) && id != null) {
                subject = String.valueOf(id);
                email = login.email();
            }
        }
        Probes.Ids ids = Probes.Ids.discover(api);
        ForgedTokens forged = new ForgedTokens();
        Instant now = Instant.now();
        List<String> problems = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (Probes.Endpoint endpoint : Probes.protectedEndpoints(ids)) {
            ApiResponse none = endpoint.send(api.http().given());
            if (Probes.routeAbsent(endpoint.method(), none)) {
                absent.add(endpoint.describe());
                continue;
            }
            judge(api, endpoint, "no token", none, problems);
            for (ForgedTokens.Kind kind : ForgedTokens.Kind.values()) {
                String token = forged.token(kind, subject, email, now);
                judge(api, endpoint, kind.description(), endpoint.send(api.http().withBearer(token)), problems);
            }
        }
        assertTrue(problems.isEmpty(), () -> "The JWT guard let bad tokens through (expected 401): "
                + String.join("; ", problems));
        // Fail closed: when every protected route is absent, nothing was tested and nothing may pass.
        Assumptions.assumeFalse(absent.size() == Probes.protectedEndpoints(ids).size(),
                () -> "no protected route is implemented here (each answered 404 \"Cannot ...\"), so the JWT guard"
                        + " was not tested: " + String.join(", ", absent));
        if (!absent.isEmpty()) {
            api.journal().observation(new Observation("JWT guard", "routes not implemented (404 Cannot ...)",
                    String.join(", ", absent)));
        }
    }

    private static void judge(BeelmsApi api, Probes.Endpoint endpoint, String what, ApiResponse r, List<String> problems) {
        if (r.statusCode() != 401) {
            problems.add(endpoint.describe() + " with " + what + " answered " + r.statusCode()
                    + (r.statusCode() >= 200 && r.statusCode() < 300 ? " (accepted!)" : "") + ": " + Probes.excerpt(api, r));
        }
    }

    @Test
    @ChecklistItem(RegressionItems.ADMIN_GUARD)
    @DisplayName("REG-ADMIN-1 The admin guard: an ordinary user gets 403 on each admin endpoint, the admin 200")
    void adminGuard(@BeelmsTarget BeelmsApi api) {
        Assumptions.assumeTrue(api.config().admin().isPresent(),
                "no admin credentials configured (admin.email/admin.password): the admin guard needs both roles");
        ApiResponse me = api.http().asUser().get("/users/me");
        Assumptions.assumeTrue(me.statusCode() == 200 && Probes.isJson(me),
                "cannot read the smoke account (GET /users/me answered " + me.statusCode() + ")");
        Object meId = Json.objectOrEmpty(me).get("id");
        String userId = meId == null ? null : String.valueOf(meId);
        String adminToken = api.session().adminToken();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Probes.Endpoint endpoint : Probes.adminEndpoints(userId)) {
            ApiResponse asUser = endpoint.send(api.http().asUser());
            if (asUser.statusCode() != 403) {
                problems.add("an ordinary user on " + endpoint.describe() + " got " + asUser.statusCode()
                        + " instead of 403: " + Probes.excerpt(api, asUser));
            }
            if (endpoint.method().equals("PATCH") && api.config().mode() == SmokeMode.PRODUCTION) {
                notes.add("the admin's PATCH is not sent in production mode");
                continue;
            }
            ApiResponse asAdmin = endpoint.send(api.http().withBearer(adminToken));
            if (asAdmin.statusCode() != 200) {
                problems.add("the admin on " + endpoint.describe() + " got " + asAdmin.statusCode()
                        + " instead of 200: " + Probes.excerpt(api, asAdmin));
            }
        }
        assertTrue(problems.isEmpty(), () -> "Admin guard: " + String.join("; ", problems));
        if (!notes.isEmpty()) {
            api.journal().observation(new Observation("Admin guard", "PATCH /admin/users/{id}", String.join("; ", notes)));
        }
    }

    @Test
    @ChecklistItem(RegressionItems.HEADERS)
    @org.beelms.smoke.junit.Informational
    @DisplayName("REG-HDR-1 Security headers and CORS (reported as information, never a pass or a failure)")
    void reportsSecurityHeadersAndCors(@BeelmsTarget BeelmsApi api, TestReporter reporter) {
        Map<String, String> entries = new LinkedHashMap<>();
        ApiResponse health = api.http().given().header("Origin", PROBE_ORIGIN).get("/health");
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String header : SECURITY_HEADERS) {
            String value = health.getHeader(header);
            if (value == null) {
                missing.add(header);
            } else {
                present.add(header + ": " + value);
            }
        }
        api.journal().observation(new Observation("Security headers", "GET /health",
                "present: " + (present.isEmpty() ? "none" : String.join(", ", present)) + " · missing: "
                        + (missing.isEmpty() ? "none" : String.join(", ", missing))));
        entries.put("beelms.headers.present", present.isEmpty() ? "none" : String.join(", ", present));
        entries.put("beelms.headers.missing", missing.isEmpty() ? "none" : String.join(", ", missing));

        String allowOrigin = health.getHeader("Access-Control-Allow-Origin");
        String credentials = health.getHeader("Access-Control-Allow-Credentials");
        api.journal().observation(new Observation("CORS", "GET /health with Origin " + PROBE_ORIGIN,
                corsDetail(allowOrigin, credentials)));
        ApiResponse preflight = api.http().given().header("Origin", PROBE_ORIGIN)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/users/me");
        String preflightDetail = "answered " + preflight.statusCode() + "; " + corsDetail(
                preflight.getHeader("Access-Control-Allow-Origin"), preflight.getHeader("Access-Control-Allow-Credentials"))
                + Optional.ofNullable(preflight.getHeader("Access-Control-Allow-Methods")).map(m -> "; methods " + m).orElse("")
                + Optional.ofNullable(preflight.getHeader("Access-Control-Allow-Headers")).map(h -> "; headers " + h).orElse("");
        api.journal().observation(new Observation("CORS", "OPTIONS /users/me preflight from " + PROBE_ORIGIN,
                preflightDetail));
        entries.put("beelms.cors.simple", corsDetail(allowOrigin, credentials));
        entries.put("beelms.cors.preflight", preflightDetail);
        reporter.publishEntry(entries);
    }

    static String corsDetail(String allowOrigin, String credentials) {
        if (allowOrigin == null) {
            return "no Access-Control-Allow-Origin (the origin is not allowed)";
        }
        String detail = "Access-Control-Allow-Origin: " + allowOrigin;
        if ("*".equals(allowOrigin.trim()) && "true".equalsIgnoreCase(credentials)) {
            detail += " with credentials (browsers refuse this combination; review the CORS set-up)";
        } else if (PROBE_ORIGIN.equals(allowOrigin.trim())) {
            detail += " (reflects an arbitrary origin; review the CORS allow-list)";
        }
        return detail;
    }
}
