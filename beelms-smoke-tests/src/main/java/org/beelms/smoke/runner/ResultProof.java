package org.beelms.smoke.runner;

/**
 * A passed check may say what proved it beyond its last request, as a JUnit report entry under
 * {@link #KEY} (e.g. OPS-HEALTH-1: {@code running image sha256:… = v0.2.0}); the collector keeps it
 * as the check's message and the checklist report shows it next to the request.
 */
public final class ResultProof {

    public static final String KEY = "beelms.proof";

    private ResultProof() {
    }
}
