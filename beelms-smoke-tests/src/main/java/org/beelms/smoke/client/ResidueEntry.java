package org.beelms.smoke.client;

/** Something the run created on the target, removed again, or had to leave behind. */
public record ResidueEntry(Kind kind, String what, String detail) {

    public enum Kind {
        CREATED, REMOVED, LEFT
    }
}
