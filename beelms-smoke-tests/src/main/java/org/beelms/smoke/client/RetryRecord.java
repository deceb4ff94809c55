package org.beelms.smoke.client;

import java.time.Duration;

/** A retry during the warm-up wait: which attempt, what was asked, what came back, how long the run waited before retrying. */
public record RetryRecord(int attempt, String request, String outcome, Duration waited) {
}
