package org.beelms.smoke.waiver;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One known failure accepted explicitly: a failing check of the smoke or regression tier that may fail without
 * failing the run, until a date, with a reason and an owner.
 *
 * @param check the checklist ID the failing check cites, e.g. {@code REG-INPUT-1}
 * @param endpoint empty, or a request the failing check sent: {@code [METHOD ]/path}, with
 *     {@code {param}} for one path segment, with or without the API prefix (e.g. {@code GET /courses/{courseId}})
 * @param detail empty, or text the failure message contains (any case), e.g. {@code 500}
 * @param reason why the release may ship with the failure
 * @param owner who will fix it
 * @param expires the last day the waiver holds
 * @param position {@code <file>:<line>} where the waiver is written
 */
public record SmokeWaiver(String check, String endpoint, String detail, String reason, String owner,
                          LocalDate expires, String position) {

    public SmokeWaiver {
        Objects.requireNonNull(check, "check");
        endpoint = endpoint == null ? "" : endpoint.strip();
        detail = detail == null ? "" : detail.strip();
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(position, "position");
    }

    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expires);
    }

    /** {@code REG-INPUT-1 (GET /courses/{courseId}, "500")}: what the waiver accepts, for messages. */
    public String describe() {
        String scope = endpoint.isEmpty() ? "" : endpoint;
        if (!detail.isEmpty()) {
            scope += (scope.isEmpty() ? "" : ", ") + "\"" + detail + "\"";
        }
        return check + (scope.isEmpty() ? "" : " (" + scope + ")");
    }

    /** {@code until 2026-12-31 (core team): malformed UUIDs reach the database}. */
    public String terms() {
        return "until " + expires + " (" + owner + "): " + reason;
    }
}
