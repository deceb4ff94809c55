package org.beelms.smoke.waiver;

import org.beelms.smoke.runner.CheckResult;

import java.util.List;

/**
 * A run's checks reviewed against the waiver file.
 *
 * @param file the waiver file; empty when none was configured
 * @param checks the run's checks, those a waiver accepts {@code WAIVED}
 * @param used the waivers that accepted at least one failure, in file order
 * @param errors expired waivers and waivers that matched nothing although their check ran: each fails the run
 * @param notExercised waivers whose check did not run (tier not selected, check skipped): noted, not an error
 */
public record WaiverReview(String file, List<CheckResult> checks, List<SmokeWaiver> used, List<String> errors,
                           List<String> notExercised) {

    /** No waiver file configured. */
    public static final WaiverReview NONE = new WaiverReview("", List.of(), List.of(), List.of(), List.of());

    public WaiverReview {
        file = file == null ? "" : file;
        checks = List.copyOf(checks);
        used = List.copyOf(used);
        errors = List.copyOf(errors);
        notExercised = List.copyOf(notExercised);
    }

    /** True when a waiver file was configured. */
    public boolean configured() {
        return !file.isEmpty();
    }
}
