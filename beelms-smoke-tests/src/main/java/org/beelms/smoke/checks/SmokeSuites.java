package org.beelms.smoke.checks;

import org.beelms.smoke.regression.InputRegression;
import org.beelms.smoke.regression.ParallelUsersRegression;
import org.beelms.smoke.regression.SecurityRegression;
import org.beelms.smoke.regression.StabilityRegression;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The library's check classes and the tags that select them. */
public final class SmokeSuites {
    /** Every check class of the smoke tier, in the order a run walks them. */
    public static final List<Class<?>> CHECK_CLASSES = List.of(OpsSmoke.class, Ws1WikiSmoke.class, Ws2AuthSmoke.class,
            Ws3CoursesSmoke.class);
    /** Every check class of the regression tier (tag {@code regression}), the parallel-user smoke last. */
    public static final List<Class<?>> REGRESSION_CLASSES = List.of(SecurityRegression.class, InputRegression.class,
            StabilityRegression.class, ParallelUsersRegression.class);
    /** The browser tier (tag {@code pages}): the DEMO pages in headless Chromium, with {@code webUrl}. */
    public static final List<Class<?>> PAGE_CLASSES = List.of(PagesSmoke.class);
    /** Every tier: smoke, regression, pages. */
    public static final List<Class<?>> ALL_CLASSES = Stream.of(CHECK_CLASSES, REGRESSION_CLASSES, PAGE_CLASSES)
            .flatMap(List::stream).toList();
    /** The tag of every smoke-tier check. */
    public static final String ALL = "smoke";
    /** The tag of every regression-tier check. */
    public static final String REGRESSION = "regression";
    /** The tag of every browser-tier check. */
    public static final String PAGES = "pages";
    /** Tags selecting one smoke suite each. */
    public static final Set<String> SUITE_TAGS = Set.of("ops", "ws1", "ws2", "ws3");

    private SmokeSuites() {
    }
}
