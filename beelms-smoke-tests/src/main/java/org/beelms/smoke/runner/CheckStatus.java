package org.beelms.smoke.runner;

/** The outcome of one check, or of a checklist item across the checks that cite it. */
public enum CheckStatus {
    PASSED, FAILED, SKIPPED,
    /**
     * The check failed, and a waiver accepts exactly this failure (a known failure, with a reason, an owner and an
     * expiry): it does not fail the run, and it is never shown as passed.
     */
    WAIVED,
    /** The check only recorded observations ({@code @Informational}): information, not a passed check. */
    INFO,
    /** Only for a checklist item no executed check cites (not selected, or the run stopped in preflight). */
    NOT_RUN
}
