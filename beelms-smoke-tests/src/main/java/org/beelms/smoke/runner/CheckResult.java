package org.beelms.smoke.runner;

import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.waiver.SmokeWaiver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One executed check: the checklist ID(s) it cites, its display name, status, the failure message or skip reason,
 * and the (redacted) requests it made. A failed class-level setup appears as a check without IDs.
 *
 * @param waiver for a {@link CheckStatus#WAIVED} check, the waiver that accepts its failure (the message stays the
 *     failure's); {@code null} otherwise
 */
public record CheckResult(List<String> checklistIds, String displayName, String uniqueId, String className,
                          CheckStatus status, String message, List<RecordedRequest> requests, Duration duration,
                          Set<String> tags, SmokeWaiver waiver) {

    public CheckResult {
        checklistIds = List.copyOf(checklistIds);
        requests = List.copyOf(requests);
        tags = Set.copyOf(tags);
        if ((status == CheckStatus.WAIVED) != (waiver != null)) {
            throw new IllegalArgumentException("a check is WAIVED exactly when a waiver accepts it: " + displayName);
        }
    }

    /** A check no waiver touched. */
    public CheckResult(List<String> checklistIds, String displayName, String uniqueId, String className,
                       CheckStatus status, String message, List<RecordedRequest> requests, Duration duration,
                       Set<String> tags) {
        this(checklistIds, displayName, uniqueId, className, status, message, requests, duration, tags, null);
    }

    /** This failed check, accepted by {@code accepting}: {@link CheckStatus#WAIVED}, with the failure's message. */
    public CheckResult waivedBy(SmokeWaiver accepting) {
        return new CheckResult(checklistIds, displayName, uniqueId, className, CheckStatus.WAIVED, message, requests,
                duration, tags, java.util.Objects.requireNonNull(accepting, "accepting"));
    }

    /** The waiver that accepts this check's failure; empty unless {@link CheckStatus#WAIVED}. */
    public Optional<SmokeWaiver> waiverUsed() {
        return Optional.ofNullable(waiver);
    }

    public boolean cites(String checklistId) {
        return checklistIds.contains(checklistId);
    }

    /** The request that proved a passed check: its last exchange (checks end on the request they assert). */
    public Optional<RecordedRequest> proof() {
        return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(requests.size() - 1));
    }

    /** The exchanges that went wrong (transport errors, 4xx/5xx), for failure details (of a waived check too). */
    public List<RecordedRequest> failedRequests() {
        return requests.stream().filter(r -> r.status() < 200 || r.status() >= 400).toList();
    }
}
