package org.beelms.smoke.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operations whose success status real deployments are known to vary on. {@link #contract()} is what the checklist
 * says; {@code status.<key>} configures what the run accepts. A status accepted but not in the contract passes and is
 * reported as a contract deviation.
 */
public enum StatusKey {
    REGISTER("register", "WS2-API-1", 201),
    LOGIN("login", "WS2-API-2", 200),
    ENROLL("enroll", "WS3-API-3", 204, 200),
    COMPLETE_TASK("completeTask", "WS3-API-5", 204, 200),
    QUIZ_SUBMIT("quizSubmit", "WS3-API-7", 200),
    DELETE_ACCOUNT("deleteAccount", null, 204);

    private final String key;
    private final String checklistId;
    private final Set<Integer> contract;

    StatusKey(String key, String checklistId, Integer... contract) {
        this.key = key;
        this.checklistId = checklistId;
        this.contract = Set.copyOf(new TreeSet<>(Arrays.asList(contract)));
    }

    /** The key as written after {@code status.}, e.g. {@code quizSubmit}. */
    public String key() {
        return key;
    }

    /** The checklist item whose status this operation's contract comes from, or empty. */
    public java.util.List<String> checklistIds() {
        return checklistId == null ? java.util.List.of() : java.util.List.of(checklistId);
    }

    public Set<Integer> contract() {
        return contract;
    }

    public static Optional<StatusKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
