package org.beelms.smoke.runner;

import org.beelms.smoke.client.RecordedRequest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One executed check: the checklist ID(s) it cites, its display name, status, the failure message or skip reason,
 * and the (redacted) requests it made. A failed class-level setup appears as a check without IDs.
 */
public record CheckResult(List<String> checklistIds, String displayName, String uniqueId, String className,
                          CheckStatus status, String message, List<RecordedRequest> requests, Duration duration,
                          Set<String> tags) {

    public CheckResult {
        checklistIds = List.copyOf(checklistIds);
        requests = List.copyOf(requests);
        tags = Set.copyOf(tags);
    }

    public boolean cites(String checklistId) {
        return checklistIds.contains(checklistId);
    }

    /** The request that proved a passed check: its last exchange (checks end on the request they assert). */
    public Optional<RecordedRequest> proof() {
        return requests.isEmpty() ? Optional.empty() : Optional.of(requests.get(requests.size() - 1));
    }

    /** The exchanges that went wrong (transport errors, 4xx/5xx), for failure details. */
    public List<RecordedRequest> failedRequests() {
        return requests.stream().filter(r -> r.status() < 200 || r.status() >= 400).toList();
    }
}
