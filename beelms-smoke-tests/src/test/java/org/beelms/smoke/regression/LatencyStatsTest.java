package org.beelms.smoke.regression;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencyStatsTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        LatencyStats stats = new LatencyStats();
        for (int ms = 100; ms >= 1; ms--) {
            stats.add(Duration.ofMillis(ms), ms % 10 == 0);
        }
        assertEquals(Duration.ofMillis(50), stats.percentile(50));
        assertEquals(Duration.ofMillis(95), stats.percentile(95));
        assertEquals(Duration.ofMillis(99), stats.percentile(99));
        assertEquals(Duration.ofMillis(100), stats.max());
        assertEquals(100, stats.count());
        assertEquals(10, stats.errors());
    }

    @Test
    void smallSamplesRoundUp() {
        LatencyStats stats = new LatencyStats();
        stats.add(Duration.ofMillis(10), false);
        stats.add(Duration.ofMillis(20), false);
        stats.add(Duration.ofMillis(30), false);
        assertEquals(Duration.ofMillis(20), stats.percentile(50));
        assertEquals(Duration.ofMillis(30), stats.percentile(95));
        assertEquals(Duration.ofMillis(10), stats.percentile(1));
    }

    @Test
    void emptyIsZero() {
        LatencyStats stats = new LatencyStats();
        assertEquals(Duration.ZERO, stats.percentile(95));
        EndpointLoad summary = stats.summary("GET /x");
        assertEquals(0, summary.requests());
        assertEquals(0.0, summary.errorRate());
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 1000; i++) {
            stats.add(Duration.ofMillis(i), false);
        }
        assertEquals(Duration.ofMillis(949), stats.percentile(95));
    }

    @Test
    void rejectsPercentilesOutsideTheRange() {
        LatencyStats stats = new LatencyStats();
        assertThrows(IllegalArgumentException.class, () -> stats.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> stats.percentile(101));
    }
}
