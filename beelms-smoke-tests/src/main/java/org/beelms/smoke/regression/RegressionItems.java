package org.beelms.smoke.regression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The regression tier's check IDs and their English check text (the report's "Regression tier" section). */
public final class RegressionItems {
    public static final String JWT_GUARD = "REG-JWT-1";
    public static final String ADMIN_GUARD = "REG-ADMIN-1";
    public static final String MALFORMED_IDS = "REG-INPUT-1";
    public static final String MALFORMED_BODIES = "REG-INPUT-2";
    public static final String QUIZ_ANSWERS = "REG-EXPOSE-1";
    public static final String USER_SECRETS = "REG-EXPOSE-2";
    public static final String ERROR_BODIES = "REG-EXPOSE-3";
    public static final String REFRESH = "REG-DATA-1";
    public static final String IDEMPOTENT = "REG-DATA-2";
    public static final String DEACTIVATION = "REG-LIFE-1";
    public static final String DELETION = "REG-LIFE-2";
    public static final String HEADERS = "REG-HDR-1";
    public static final String PARALLEL_USERS = "REG-LOAD-1";

    private static final Map<String, String> TEXT = new LinkedHashMap<>();

    static {
        TEXT.put(JWT_GUARD, "JWT guard on every protected endpoint: no, malformed, foreign-key, expired and alg-none tokens get 401, never 2xx/5xx");
        TEXT.put(ADMIN_GUARD, "Admin guard: an ordinary user gets 403 on each admin endpoint, the admin 200");
        TEXT.put(MALFORMED_IDS, "Malformed ids (not a UUID, very long, path traversal, SQL metacharacters) get 4xx JSON, never 5xx, HTML or a stack trace");
        TEXT.put(MALFORMED_BODIES, "Malformed JSON, wrong types and unknown fields get 4xx JSON, never 5xx");
        TEXT.put(QUIZ_ANSWERS, "Quiz payloads carry no correct answers");
        TEXT.put(USER_SECRETS, "User payloads carry no password hash or token version");
        TEXT.put(ERROR_BODIES, "Error bodies carry no SQL or stack traces");
        TEXT.put(REFRESH, "Enrolment, progress and quiz results read back the same after a fresh login (refresh)");
        TEXT.put(IDEMPOTENT, "Repeated enrol and complete calls are idempotent");
        TEXT.put(DEACTIVATION, "A user deactivated by the admin cannot log in and their token stops working");
        TEXT.put(DELETION, "A deleted account's token and credentials stop working");
        TEXT.put(HEADERS, "Security headers and CORS are reported (information, not a failure)");
        TEXT.put(PARALLEL_USERS, "Parallel users on the key paths stay within the error-rate and p95 thresholds");
    }

    private RegressionItems() {
    }

    public static List<String> ids() {
        return List.copyOf(TEXT.keySet());
    }

    public static String text(String id) {
        return TEXT.getOrDefault(id, id);
    }
}
