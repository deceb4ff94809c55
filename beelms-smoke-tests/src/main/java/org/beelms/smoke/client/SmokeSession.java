package org.beelms.smoke.client;

import org.beelms.smoke.config.Credentials;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.config.StatusKey;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The run's accounts, shared across all suites so the run stays inside the target's rate limits: at most one
 * registration (a throwaway account, staging only), one login per account, and the throwaway account deleted
 * ({@code DELETE /users/me}) when the run ends, even after failures. Kept in the extension's root store.
 */
public final class SmokeSession implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BeelmsClient client;
    private Registration registration;
    private final Map<String, LoginOutcome> logins = new HashMap<>();
    private final Set<String> enrolledThisRun = new HashSet<>();
    private final Map<String, String> enrolFailures = new HashMap<>();
    private final Map<String, Object> memo = new HashMap<>();
    private boolean closed;
    private int registrations;
    private final List<Registration> extras = new java.util.ArrayList<>();
    private final Set<String> removedExtras = new HashSet<>();

    SmokeSession(BeelmsClient client) {
        this.client = client;
    }

    /** The outcome of {@code POST /auth/register} for the run's throwaway account. */
    public record Registration(Credentials credentials, int status, String id, Map<String, Object> body,
                               String problem, List<RecordedRequest> requests) {
        public boolean ok() {
            return problem == null;
        }

        @Override
        public String toString() {
            return "Registration[" + credentials + ", status=" + status + ", id=" + id + ", problem=" + problem + "]";
        }
    }

    /** The outcome of the one {@code POST /auth/login} of an account. The token is never shown by toString. */
    public record LoginOutcome(String email, int status, String accessToken, String tokenType, String problem,
                               List<RecordedRequest> requests) {
        public boolean ok() {
            return problem == null;
        }

        @Override
        public String toString() {
            return "LoginOutcome[email=" + email + ", status=" + status + ", tokenType=" + tokenType + ", problem="
                    + problem + "]";
        }
    }

    // ------------------------------------------------------------------ accounts

    /** True when no smoke account is configured and the run's throwaway account serves as the smoke user. */
    public boolean smokeUserIsThrowaway() {
        return client.config().user().isEmpty();
    }

    /**
     * The run's one registration (staging only; done on first use). Empty in production mode, which never registers.
     */
    public synchronized Optional<Registration> registration() {
        if (client.config().mode() == SmokeMode.PRODUCTION) {
            return Optional.empty();
        }
        if (registration == null) {
            if (registrations >= client.config().registrationBudget()) {
                registration = new Registration(null, 0, null, Map.of(), "the registration budget ("
                        + "registrationBudget=" + client.config().registrationBudget()
                        + ") is used up; configure a pre-provisioned smoke account (user.email/user.password)",
                        List.of());
            } else {
                registration = register("beelms-smoke-");
            }
        }
        return Optional.of(registration);
    }

    /** Registrations this run has sent so far (failed ones included: the target counts them too). */
    public synchronized int registrationsUsed() {
        return registrations;
    }

    /**
     * Registers one more throwaway account (regression tier: account lifecycle, parallel users), inside the run's
     * registration budget: the smoke account's own registration stays reserved while it is still due. Empty, with the
     * reason in {@code why}, in production mode or when the budget would be exceeded; the account is deleted when the
     * run ends unless {@link #removed(Registration)} says a check deleted it.
     */
    public synchronized Optional<Registration> registerExtra(String purpose, List<String> why) {
        if (client.config().mode() == SmokeMode.PRODUCTION) {
            why.add("production mode never registers accounts (" + purpose + ")");
            return Optional.empty();
        }
        int reserved = smokeUserIsThrowaway() && registration == null ? 1 : 0;
        int budget = client.config().registrationBudget();
        if (registrations + reserved + 1 > budget) {
            why.add("registering another account for " + purpose + " would exceed the registration budget ("
                    + registrations + " used" + (reserved > 0 ? ", 1 reserved for the smoke account" : "") + ", "
                    + "registrationBudget=" + budget + "; beelms core allows 5 per hour per IP)");
            return Optional.empty();
        }
        Registration extra = register("beelms-smoke-reg-");
        if (!extra.ok()) {
            why.add(extra.problem());
            return Optional.empty();
        }
        extras.add(extra);
        return Optional.of(extra);
    }

    /** A check deleted this extra account itself: it is not deleted again when the run ends. */
    public synchronized void removed(Registration extra) {
        if (removedExtras.add(extra.credentials().email())) {
            client.journal().residue(ResidueEntry.Kind.REMOVED, "account " + extra.credentials().email(),
                    "deleted by the account-lifecycle check");
        }
    }

    private Registration register(String emailPrefix) {
        registrations++;
        String email = emailPrefix + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
        String password = randomPassword();
        client.journal().redactor().addSecret(password);
        Credentials creds = new Credentials(email, password);
        Map<String, Object> body = new LinkedHashMap<>(client.config().registerExtraFields());
        body.put("email", email);
        body.put("password", password);
        int mark = client.journal().mark();
        ApiResponse r = client.http().given().body(body).post("/auth/register");
        List<RecordedRequest> evidence = client.journal().since(mark);
        int status = r.statusCode();
        Map<String, Object> json = BeelmsClient.jsonMap(r);
        if (client.config().acceptedStatuses(StatusKey.REGISTER).contains(status)) {
            if (!StatusKey.REGISTER.contract().contains(status)) {
                client.journal().deviation(StatusKey.REGISTER.checklistIds(), "register", "POST /auth/register", status, StatusKey.REGISTER.contract(), null);
            }
            String id = Catalogue.str(json.get("id"));
            client.journal().residue(ResidueEntry.Kind.CREATED, "account " + email,
                    "registered by this run" + (id == null ? "" : " (id " + id + ")"));
            return new Registration(creds, status, id, json, null, evidence);
        }
        String excerpt = RecordingFilter.excerpt(client.journal().redactor(), r.getBody().asString());
        String problem = switch (status) {
            case 400 -> "POST /auth/register rejected the throwaway account with 400: " + excerpt
                    + ". If this deployment requires more fields, set register.extraFields (e.g. acceptTerms=true); "
                    + "or configure a pre-provisioned smoke account (user.email/user.password)";
            case 409 -> "POST /auth/register answered 409 for a fresh random email: " + excerpt;
            case 429 -> "POST /auth/register is rate-limited (429, at most 5 registrations per hour per IP). Wait for "
                    + "Retry-After, or configure a pre-provisioned smoke account (user.email/user.password)";
            default -> "POST /auth/register answered " + status + " (accepted: "
                    + client.config().acceptedStatuses(StatusKey.REGISTER) + "): " + excerpt;
        };
        return new Registration(creds, status, null, json, problem, evidence);
    }

    /** The smoke user's credentials: the configured account, or the throwaway one (staging without an account). */
    public synchronized Optional<Credentials> userCredentials() {
        if (client.config().user().isPresent()) {
            return client.config().user();
        }
        return registration().filter(Registration::ok).map(Registration::credentials);
    }

    /**
     * The smoke user's credentials for a check that needs them; aborts the check (skipped, pointing at the check that
     * failed) when there are none because the throwaway registration failed.
     */
    public Credentials requireUserCredentials() {
        return userCredentials().orElseThrow(() -> new TestAbortedException("needs the smoke account's login (see "
                + "WS2-API-2): " + userLogin().problem()));
    }

    /**
     * The smoke user's one login (done on first use, shared by every check). Never throws for an HTTP answer: a
     * failed login is an outcome with a problem, recorded once in the journal.
     */
    public synchronized LoginOutcome userLogin() {
        Optional<Credentials> creds = userCredentials();
        if (creds.isEmpty()) {
            String why = registration().map(Registration::problem).orElse("no smoke account configured");
            LoginOutcome outcome = new LoginOutcome(null, 0, null, null,
                    "no smoke account: none configured (user.email/user.password) and the throwaway registration failed: "
                            + why, List.of());
            client.journal().problem(outcome.problem());
            return outcome;
        }
        return login(creds.get(), "smoke account");
    }

    /** The smoke user's bearer token; aborts the calling check (skipped, with the one reason) when there is none. */
    public String userToken() {
        LoginOutcome outcome = userLogin();
        if (!outcome.ok()) {
            throw new TestAbortedException("needs the smoke account's login (see WS2-API-2): " + outcome.problem());
        }
        return outcome.accessToken();
    }

    /** The admin account's token; aborts when no admin credentials are configured or the login failed. */
    public String adminToken() {
        Credentials admin = client.config().admin().orElseThrow(() -> new TestAbortedException(
                "no admin credentials configured (admin.email/admin.password)"));
        LoginOutcome outcome = login(admin, "admin account");
        if (!outcome.ok()) {
            throw new TestAbortedException("needs the admin session, which is not available: " + outcome.problem());
        }
        return outcome.accessToken();
    }

    /** The one shared login of {@code creds} (done on first use); never throws for an HTTP answer. */
    public LoginOutcome loginOnce(Credentials creds, String role) {
        return login(creds, role);
    }

    /**
     * A new login of {@code creds}, not shared and not remembered (the "fresh login" of a refresh check, or a login
     * expected to fail). Counts against the target's per-account login limit: use sparingly.
     */
    public synchronized LoginOutcome freshLogin(Credentials creds, String role) {
        LoginOutcome shared = logins.remove(creds.email());
        try {
            LoginOutcome fresh = login(creds, role, false);
            return fresh;
        } finally {
            logins.remove(creds.email());
            if (shared != null) {
                logins.put(creds.email(), shared);
            }
        }
    }

    private synchronized LoginOutcome login(Credentials creds, String role) {
        return login(creds, role, true);
    }

    private synchronized LoginOutcome login(Credentials creds, String role, boolean reportProblem) {
        LoginOutcome known = logins.get(creds.email());
        if (known != null) {
            return known;
        }
        int mark = client.journal().mark();
        ApiResponse r = client.http().given().body(Map.of("email", creds.email(), "password", creds.password()))
                .post("/auth/login");
        List<RecordedRequest> evidence = client.journal().since(mark);
        int status = r.statusCode();
        Map<String, Object> json = BeelmsClient.jsonMap(r);
        String token = Catalogue.str(json.get("accessToken"));
        client.journal().redactor().addSecret(token);
        client.journal().redactor().addSecret(Catalogue.str(json.get("challengeToken")));
        String tokenType = Catalogue.str(json.get("tokenType"));
        String problem = null;
        if (client.config().acceptedStatuses(StatusKey.LOGIN).contains(status)) {
            if (!StatusKey.LOGIN.contract().contains(status)) {
                client.journal().deviation(StatusKey.LOGIN.checklistIds(), "login", "POST /auth/login", status, StatusKey.LOGIN.contract(), null);
            }
            if (Boolean.TRUE.equals(json.get("twoFactorRequired"))) {
                problem = "the " + role + " " + creds.email() + " has two-factor authentication on (login answered "
                        + "twoFactorRequired); use a smoke account without 2FA";
            } else if (token == null || token.isBlank()) {
                problem = "POST /auth/login for the " + role + " " + creds.email() + " answered " + status
                        + " without an accessToken";
            }
        } else if (status == 401) {
            problem = "the " + role + " " + creds.email() + " cannot log in: POST /auth/login answered 401 (wrong "
                    + "credentials). Check " + (role.startsWith("admin") ? "admin" : "user")
                    + ".email/password (e.g. BEELMS_SMOKE_USER_PASSWORD) and that the account exists and is active";
        } else if (status == 429) {
            problem = "the " + role + " " + creds.email() + " is rate-limited: POST /auth/login answered 429 (Retry-After "
                    + r.getHeader("Retry-After") + " s); wait and run again";
        } else {
            problem = "POST /auth/login for the " + role + " " + creds.email() + " answered " + status
                    + " (accepted: " + client.config().acceptedStatuses(StatusKey.LOGIN) + "): "
                    + RecordingFilter.excerpt(client.journal().redactor(), r.getBody().asString());
        }
        LoginOutcome outcome = new LoginOutcome(creds.email(), status, problem == null ? token : null, tokenType, problem,
                evidence);
        if (problem != null && reportProblem) {
            client.journal().problem(problem);
        }
        logins.put(creds.email(), outcome);
        return outcome;
    }

    // ------------------------------------------------------------------ enrolment bookkeeping

    /** The ids of the courses the smoke user is enrolled in ({@code GET /users/me/courses}, read fresh). */
    public Set<String> enrolledCourseIds() {
        ApiResponse r = client.http().asUser().get("/users/me/courses");
        if (r.statusCode() != 200 || !Catalogue.isJson(r)) {
            throw new TestAbortedException("cannot read the smoke user's courses: GET /users/me/courses answered "
                    + r.statusCode() + " (see WS3-API-4)");
        }
        Set<String> out = new HashSet<>();
        Json.array(r, "GET /users/me/courses").forEach(c -> out.add(String.valueOf(c.get("id"))));
        return out;
    }

    /**
     * Makes sure the smoke user is enrolled in {@code courseId}: staging enrols (once per run, recorded as residue);
     * production only proceeds when the account already is enrolled, else aborts (an enrolment would create a row).
     * A failed enrolment fails the calling check and is remembered: it is not tried again.
     */
    public synchronized void ensureEnrolled(String courseId) {
        if (enrolledThisRun.contains(courseId)) {
            return;
        }
        String failed = enrolFailures.get(courseId);
        if (failed != null) {
            throw new AssertionFailedError(failed);
        }
        boolean already = enrolledCourseIds().contains(courseId);
        if (!already) {
            client.requireWrites("enrolling the smoke account in course " + courseId + " (it is not enrolled yet)");
            String path = "/courses/" + courseId + "/enroll";
            ApiResponse r = client.http().asUser().post("/courses/{courseId}/enroll", courseId);
            try {
                client.http().expectSuccess(StatusKey.ENROLL, "POST " + path, r);
            } catch (AssertionFailedError e) {
                enrolFailures.put(courseId, e.getMessage());
                throw e;
            }
            noteEnrolled(courseId, true);
        } else {
            enrolledThisRun.add(courseId);
        }
    }

    /**
     * Like {@link #ensureEnrolled(String)} for checks that only need an enrolment as their precondition: a failed
     * enrolment skips them with one reason pointing at WS3-API-3 instead of failing each.
     */
    public void requireEnrolled(String courseId) {
        try {
            ensureEnrolled(courseId);
        } catch (AssertionFailedError e) {
            throw new TestAbortedException("needs the smoke account enrolled in course " + courseId
                    + ", but enrolling failed (see WS3-API-3): " + e.getMessage());
        }
    }

    /** Records an enrolment this run made (residue when it was new). */
    public synchronized void noteEnrolled(String courseId, boolean createdByRun) {
        if (enrolledThisRun.add(courseId) && createdByRun) {
            String who = userCredentials().map(Credentials::email).orElse("smoke user");
            client.journal().residue(ResidueEntry.Kind.CREATED, "enrolment of " + who + " in course " + courseId,
                    smokeUserIsThrowaway() ? "kept with the deleted throwaway account (no unenrol endpoint)"
                            : "kept (no unenrol endpoint)");
        }
    }

    /**
     * Run-wide memo for results several checks share but the run must produce once (e.g. the one quiz attempt).
     * A supplier that throws is not remembered.
     */
    public synchronized <T> T remember(String key, java.util.function.Supplier<T> supplier) {
        Remembered known = (Remembered) memo.get(key);
        if (known == null) {
            int mark = client.journal().mark();
            Object value = supplier.get();
            known = new Remembered(value, client.journal().since(mark));
            memo.put(key, known);
        } else {
            client.journal().cite(known.requests());
        }
        @SuppressWarnings("unchecked")
        T value = (T) known.value();
        return value;
    }

    private record Remembered(Object value, List<RecordedRequest> requests) {
    }

    // ------------------------------------------------------------------ clean-up

    /** Deletes the throwaway account ({@code DELETE /users/me}), records what was removed or left. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Registration extra : extras) {
            if (!removedExtras.contains(extra.credentials().email())) {
                delete(extra.credentials());
            }
        }
        if (registration == null || !registration.ok()) {
            return;
        }
        delete(registration.credentials());
    }

    private void delete(Credentials creds) {
        try {
            LoginOutcome login = login(creds, "throwaway account");
            if (!login.ok()) {
                client.journal().residue(ResidueEntry.Kind.LEFT, "account " + creds.email(),
                        "could not be deleted: " + login.problem());
                client.journal().problem("the throwaway account " + creds.email() + " could not be deleted: " + login.problem());
                return;
            }
            ApiResponse r = client.http().withBearer(login.accessToken()).delete("/users/me");
            if (client.config().acceptedStatuses(StatusKey.DELETE_ACCOUNT).contains(r.statusCode())) {
                client.journal().residue(ResidueEntry.Kind.REMOVED, "account " + creds.email(),
                        "DELETE /users/me → " + r.statusCode());
            } else {
                client.journal().residue(ResidueEntry.Kind.LEFT, "account " + creds.email(),
                        "DELETE /users/me answered " + r.statusCode());
                client.journal().problem("the throwaway account " + creds.email() + " was not deleted: DELETE /users/me answered "
                        + r.statusCode());
            }
        } catch (Exception e) { // includes undeclared checked I/O exceptions
            client.journal().residue(ResidueEntry.Kind.LEFT, "account " + creds.email(),
                    "could not be deleted: " + RecordingFilter.describe(e));
            client.journal().problem("the throwaway account " + creds.email() + " could not be deleted: "
                    + RecordingFilter.describe(e));
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder("Sm0ke!");
        for (int i = 0; i < 18; i++) {
            sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
