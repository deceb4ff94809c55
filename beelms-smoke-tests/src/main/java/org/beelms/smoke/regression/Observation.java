package org.beelms.smoke.regression;

/** Information the tier reports without judging it, e.g. which security headers an answer carries. */
public record Observation(String topic, String subject, String detail) {
}
