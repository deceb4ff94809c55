package org.beelms.smoke.checks;

/**
 * The tags that select the library's tiers, on their own (no check class named): what configuration and the required
 * checks need to know about the tiers without depending on the checks themselves.
 */
public final class SuiteTags {
    /** The tag of every smoke-tier check. */
    public static final String ALL = "smoke";
    /** The tag of every regression-tier check. */
    public static final String REGRESSION = "regression";
    /** The tag of every browser-tier check. */
    public static final String PAGES = "pages";

    private SuiteTags() {
    }
}
