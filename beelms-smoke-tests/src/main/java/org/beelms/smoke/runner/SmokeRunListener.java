package org.beelms.smoke.runner;

import org.beelms.smoke.client.TargetReadiness;

/** Events of a run, for front ends (Maven log, CLI). The runner itself never prints. */
public interface SmokeRunListener {
    SmokeRunListener NONE = new SmokeRunListener() {
    };

    default void preflightFinished(TargetReadiness.Result readiness) {
    }

    default void checkFinished(CheckResult check) {
    }
}
