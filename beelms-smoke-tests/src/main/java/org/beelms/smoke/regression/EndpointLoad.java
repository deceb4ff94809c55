package org.beelms.smoke.regression;

import java.time.Duration;

/** The parallel-user smoke's figures for one endpoint. Latencies are nearest-rank percentiles. */
public record EndpointLoad(String endpoint, long requests, long errors, Duration p50, Duration p95, Duration p99,
                           Duration max) {

    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }
}
