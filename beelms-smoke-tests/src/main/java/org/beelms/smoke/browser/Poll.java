package org.beelms.smoke.browser;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A bounded wait: asks {@code probe} every {@code every} until it answers something other than {@code null} (or
 * {@code false}), or {@code timeout} has passed. A script that fails while the page changes (its document replaced
 * by a navigation) counts as "not yet"; a closed browser ends the wait at once.
 */
final class Poll {
    private Poll() {
    }

    /** What {@code probe} answered, or {@code null} when the time ran out. */
    static <T> T until(Duration timeout, Duration every, Supplier<T> probe) {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            T answer;
            try {
                answer = probe.get();
            } catch (DevToolsException.Closed e) {
                throw e;
            } catch (DevToolsException e) {
                answer = null; // e.g. "Execution context was destroyed": the next document is on its way
            }
            if (answer != null && !Boolean.FALSE.equals(answer)) {
                return answer;
            }
            if (System.nanoTime() >= until) {
                return null;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
