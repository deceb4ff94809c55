package org.beelms.smoke.regression;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of the parallel-user smoke: how many virtual users on how many accounts (each logged in once), how long,
 * the figures per endpoint, the thresholds and which of them were breached (empty: passed).
 */
public record LoadReport(int users, int accounts, Duration duration, long requests, long errors,
                         List<EndpointLoad> endpoints, double maxErrorRate, Duration maxP95, List<String> breaches) {

    public LoadReport {
        endpoints = List.copyOf(endpoints);
        breaches = List.copyOf(breaches);
    }

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    public boolean passed() {
        return breaches.isEmpty();
    }
}
