package org.beelms.smoke.regression;

import java.time.Duration;
import java.util.Arrays;

/** Latency samples of one endpoint and their nearest-rank percentiles. Thread-safe. */
public final class LatencyStats {
    private long[] nanos = new long[64];
    private int count;
    private long errors;

    public synchronized void add(Duration latency, boolean error) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latency.toNanos();
        if (error) {
            errors++;
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized long errors() {
        return errors;
    }

    /**
     * The nearest-rank percentile {@code p} (0 &lt; p &le; 100): the smallest sample such that at least p % of the
     * samples are at or below it. {@link Duration#ZERO} without samples.
     */
    public synchronized Duration percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (count == 0) {
            return Duration.ZERO;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }

    public synchronized Duration max() {
        return count == 0 ? Duration.ZERO : percentile(100);
    }

    /** This endpoint's figures. */
    public EndpointLoad summary(String endpoint) {
        synchronized (this) {
            return new EndpointLoad(endpoint, count, errors, percentile(50), percentile(95), percentile(99), max());
        }
    }
}
