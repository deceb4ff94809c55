package org.beelms.smoke.runner;

import org.beelms.smoke.client.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The run's request figures: summed time, and the time with a request in flight, where concurrent ones count once. */
class SmokeRunResultTest {
    private static final Instant T0 = Instant.parse("2026-12-03T07:00:00Z");

    private static RecordedRequest at(long fromMs, long durationMs) {
        return new RecordedRequest(T0.plusMillis(fromMs), "GET", "http://127.0.0.1/api/health", 200,
                Duration.ofMillis(durationMs), null, null);
    }

    private static SmokeRunResult run(long durationMs, List<RecordedRequest> requests) {
        return new SmokeRunResult(URI.create("http://127.0.0.1/api"), "staging", "staging", Set.of("smoke"), T0,
                Duration.ofMillis(durationMs), List.of(), List.of(), List.of(), List.of(), List.of(), null,
                Path.of("report"), requests);
    }

    @Test
    void concurrentRequestsCountOnceInTheTimeInFlight() {
        // a burst of three at once (100-300 ms), one inside another's time, a gap, then one alone; recorded out of order
        List<RecordedRequest> requests = List.of(at(500, 50), at(100, 200), at(110, 190), at(120, 150),
                at(250, 100), at(900, 20));
        SmokeRunResult result = run(1000, requests);
        assertEquals(Duration.ofMillis(710), result.requestTime(), "summed: every request its whole time");
        assertEquals(Duration.ofMillis(250 + 50 + 20), result.requestsInFlight(), "100-350, 500-550, 900-920");
        assertEquals("taking 710 ms of a 1000 ms run, in flight for 320 ms", result.requestTimes());
    }

    @Test
    void aRunWithoutRequestsHadNoneInFlight() {
        assertEquals(Duration.ZERO, run(40, List.of()).requestsInFlight());
        assertEquals("taking 0 ms of a 40 ms run, in flight for 0 ms", run(40, List.of()).requestTimes());
    }
}
