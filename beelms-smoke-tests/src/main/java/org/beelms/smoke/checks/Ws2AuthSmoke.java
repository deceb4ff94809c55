package org.beelms.smoke.checks;

import org.beelms.smoke.client.ApiRequest;
import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Json;
import org.beelms.smoke.client.RecordingFilter;
import org.beelms.smoke.client.SmokeSession.LoginOutcome;
import org.beelms.smoke.client.SmokeSession.Registration;
import org.beelms.smoke.config.Credentials;
import org.beelms.smoke.junit.BeelmsSmoke;
import org.beelms.smoke.junit.BeelmsSmokeExtension;
import org.beelms.smoke.junit.BeelmsTarget;
import org.beelms.smoke.junit.ChecklistItem;
import org.beelms.smoke.runner.ResultProof;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * WS-2 Auth (guest → register/login → account → logout), checklist {@code WS2-*}. Registers at most once per run
 * (staging only), logs each account in once; the rate-limit probe uses a random email of its own.
 */
@BeelmsSmoke
@Tag("ws2")
@DisplayName("WS-2 Auth & account")
public class Ws2AuthSmoke {
    private static final int RATE_LIMIT_ATTEMPTS = 6;
    private static final List<String> SECRET_FIELDS = List.of("password", "passwordHash", "hash", "salt");

    @Test
    @ChecklistItem({"WS2-API-1", "WS2-DEMO-1"})
    @DisplayName("WS2-API-1 WS2-DEMO-1 POST /api/auth/register registers a new account")
    void registers(@BeelmsTarget BeelmsApi api) {
        api.requireWrites("registering an account (production mode uses the pre-provisioned smoke account)");
        Registration reg = api.session().registration().orElseThrow();
        api.journal().cite(reg.requests());
        if (!reg.ok()) {
            fail(reg.problem());
        }
        Map<String, Object> body = reg.body();
        assertNotNull(body.get("id"), () -> "POST /auth/register answered " + reg.status() + " without an id");
        assertEquals(reg.credentials().email(), String.valueOf(body.get("email")),
                "POST /auth/register answered another email than the one registered");
        if (body.get("role") != null) {
            assertEquals("user", String.valueOf(body.get("role")), "a new account must get the role 'user'");
        }
        for (String field : SECRET_FIELDS) {
            assertFalse(body.containsKey(field), () -> "POST /auth/register returns the field '" + field + "'");
        }
    }

    @Test
    @ChecklistItem("WS2-API-2")
    @DisplayName("WS2-API-2 POST /api/auth/login issues a bearer token for the smoke account")
    void logsIn(@BeelmsTarget BeelmsApi api) {
        LoginOutcome login = api.session().userLogin();
        api.journal().cite(login.requests());
        if (!login.ok()) {
            fail(login.problem());
        }
        assertNotNull(login.accessToken(), "POST /auth/login answered no accessToken");
        if (login.tokenType() != null) {
            assertEquals("bearer", login.tokenType().toLowerCase(Locale.ROOT), "tokenType should be Bearer");
        }
        assertEquals(3, login.accessToken().split("\\.").length, "the accessToken is not a JWT (header.payload.signature)");
    }

    @Test
    @ChecklistItem("WS2-API-3")
    @DisplayName("WS2-API-3 GET /api/users/me returns the account")
    void readsOwnAccount(@BeelmsTarget BeelmsApi api) {
        Credentials creds = api.session().requireUserCredentials();
        ApiResponse r = api.http().asUser().get("/users/me");
        r.expect(api.http().json(200));
        Map<String, Object> me = Json.object(r, "GET /users/me");
        assertNotNull(me.get("id"), "GET /users/me answered no id");
        assertEquals(creds.email(), me.get("email"), "GET /users/me answered another account's email");
        assertNotNull(me.get("role"), "GET /users/me answered no role");
        for (String field : SECRET_FIELDS) {
            assertFalse(me.containsKey(field), () -> "GET /users/me returns the field '" + field + "'");
        }
    }

    @Test
    @ChecklistItem("WS2-DEMO-2")
    @DisplayName("WS2-DEMO-2 Login and access to the profile")
    void logsInAndOpensProfile(@BeelmsTarget BeelmsApi api) {
        LoginOutcome login = api.session().userLogin();
        api.journal().cite(login.requests());
        if (!login.ok()) {
            fail(login.problem());
        }
        ApiResponse r = api.http().withBearer(login.accessToken()).get("/users/me");
        r.expect(api.http().json(200));
        assertEquals(login.email(), Json.object(r, "GET /users/me").get("email"),
                "GET /users/me with the new token answered another account's email");
    }

    /**
     * beelms core has no server-side logout (shared/beelms-api.md: the client drops the JWT), so what a logout can show
     * is that the calls go back to 401 without the token, and how long the dropped token itself stays valid: its
     * {@code exp}. A token without one would stay valid for ever after a logout: that fails. A deployment that does
     * have {@code POST /auth/logout} (it answers anything but 404/405 without a token) needs its own token to show the
     * old one refused after it; the shared session's token is never logged out, so that is skipped, saying so.
     */
    @Test
    @ChecklistItem("WS2-DEMO-3")
    @DisplayName("WS2-DEMO-3 Logout: without the dropped token the profile answers 401; the dropped token's lifetime is shown")
    void logsOut(@BeelmsTarget BeelmsApi api, TestReporter reporter) {
        // skipped, not failed, when the account cannot log in: WS2-API-2 reports that once (no cascade)
        String token = api.session().userToken();
        api.http().withBearer(token).get("/users/me").expectStatus(200);
        ApiResponse logout = api.http().given().body("{}").post("/auth/logout");
        Assumptions.assumeTrue(logout.statusCode() == 404 || logout.statusCode() == 405,
                () -> "the API has a server-side logout (POST /auth/logout without a token answered " + logout.statusCode()
                        + "): showing the old token refused after it needs a token of its own, and this check does not"
                        + " log the run's shared session out; not tested");
        // logout is client-side: the token is dropped; the same call without it must be refused
        api.http().given().get("/users/me").expect(api.http().json(401));
        Long expiry = expiryOf(token);
        if (expiry == null) {
            fail("the API has no server-side logout (POST /auth/logout answered " + logout.statusCode() + ") and its"
                    + " token carries no expiry (exp claim): a dropped token would stay valid for ever after a logout");
        }
        Instant expires = Instant.ofEpochSecond(expiry);
        reporter.publishEntry(ResultProof.KEY, "logout is client-side: the API has no server-side logout (POST"
                + " /auth/logout answered " + logout.statusCode() + "), so the dropped token stays valid until it expires"
                + " (in " + Math.max(0, Duration.between(Instant.now(), expires).toSeconds()) + " s, at " + expires
                + "); without it GET /users/me answers 401");
    }

    /** The {@code exp} claim (epoch seconds) of a JWT, or {@code null} when it has none or is no JWT. */
    static Long expiryOf(String jwt) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return Json.parse(payload).filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get("exp"))
                    .filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Test
    @ResourceLock(value = BeelmsSmokeExtension.TARGET_LOCK, mode = ResourceAccessMode.READ_WRITE) // alone: see TARGET_LOCK
    @ChecklistItem("WS2-SEC-1")
    @DisplayName("WS2-SEC-1 Rate limiting on login (when enabled): repeated failed logins get 429 with Retry-After")
    void rateLimitsFailedLogins(@BeelmsTarget BeelmsApi api) {
        String email = "beelms-smoke-ratelimit-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        String wrong = "Wrong-" + UUID.randomUUID();
        api.journal().redactor().addSecret(wrong);
        // the documented limit's worth of failed logins at once, then one more after they were all counted: the same
        // requests as one after the other (a limit of 5 answers the 6th with 429), in the time of about two
        ApiRequest attempt = api.http().given().body(Map.of("email", email, "password", wrong));
        List<ApiResponse> answers = new ArrayList<>(attempt.burst(RATE_LIMIT_ATTEMPTS - 1, "POST", "/auth/login"));
        if (answers.stream().noneMatch(r -> r.statusCode() == 429)) {
            answers.add(attempt.post("/auth/login"));
        }
        List<Integer> statuses = answers.stream().map(ApiResponse::statusCode).toList();
        for (ApiResponse r : answers) {
            if (r.statusCode() == 429) {
                String retryAfter = r.getHeader("Retry-After");
                assertNotNull(retryAfter, "429 without a Retry-After header");
                assertFalse(retryAfter.isBlank(), "429 with an empty Retry-After header");
                return;
            }
        }
        for (ApiResponse r : answers) {
            int status = r.statusCode();
            assertTrue(status == 401 || status == 400, () -> "a failed login (unknown email, wrong password) answered "
                    + status + " instead of 401: " + RecordingFilter.excerpt(api.journal().redactor(), r.getBody().asString()));
        }
        Assumptions.abort("rate limiting not switched on: " + RATE_LIMIT_ATTEMPTS
                + " failed logins for one email were not limited (statuses " + statuses + ")");
    }

    @Test
    @ChecklistItem("WS2-SEC-2")
    @DisplayName("WS2-SEC-2 The JWT guard works: no, malformed, forged or tampered tokens get 401")
    void jwtGuardRejectsBadTokens(@BeelmsTarget BeelmsApi api) {
        List<String> problems = new ArrayList<>();
        LoginOutcome login = api.session().userLogin();
        if (login.ok()) {
            ApiResponse ok = api.http().withBearer(login.accessToken()).get("/users/me");
            if (ok.statusCode() != 200) {
                problems.add("the valid token answered " + ok.statusCode() + " instead of 200");
            }
            String token = login.accessToken();
            String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
            expect401(api, "token with a tampered signature", api.http().withBearer(tampered).get("/users/me"), problems);
        }
        expect401(api, "malformed token", api.http().withBearer("not-a-jwt").get("/users/me"), problems);
        expect401(api, "token signed with another key", api.http().withBearer(forgedToken("HS256", true)).get("/users/me"), problems);
        expect401(api, "unsigned token (alg none)", api.http().withBearer(forgedToken("none", false)).get("/users/me"), problems);
        expect401(api, "no token", api.http().given().get("/users/me"), problems);
        assertTrue(problems.isEmpty(), () -> "GET /users/me: " + String.join("; ", problems));
        Assumptions.assumeTrue(login.ok(), "checked without a valid token only: " + login.problem());
    }

    private static void expect401(BeelmsApi api, String what, ApiResponse r, List<String> problems) {
        if (r.statusCode() != 401) {
            problems.add(what + " answered " + r.statusCode() + " instead of 401 ("
                    + RecordingFilter.excerpt(api.journal().redactor(), r.getBody().asString()) + ")");
        }
    }

    private static String forgedToken(String alg, boolean signed) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\",\"email\":\"forged@example.com\","
                + "\"role\":\"admin\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        byte[] sig = new byte[32];
        new SecureRandom().nextBytes(sig);
        return header + "." + payload + "." + (signed ? b64.encodeToString(sig) : "");
    }
}
