package org.beelms.smoke.config;

/** What a smoke run may do to the target. */
public enum SmokeMode {
    /** May register one throwaway account (deleted at the end) and write data (enrol, complete, submit a quiz). */
    STAGING,
    /** Only a pre-provisioned smoke account; no registration, no new enrolment row, no quiz attempt: no residue. */
    PRODUCTION;

    public boolean allowsWrites() {
        return this == STAGING;
    }
}
