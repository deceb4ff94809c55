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
    /** The tag of every smoke-tier check ({@link SuiteTags#ALL}). */
    public static final String ALL = SuiteTags.ALL;
    /** The tag of every regression-tier check ({@link SuiteTags#REGRESSION}). */
    public static final String REGRESSION = SuiteTags.REGRESSION;
    /** The tag of every browser-tier check ({@link SuiteTags#PAGES}). */
    public static final String PAGES = SuiteTags.PAGES;
    /** Tags selecting one smoke suite each. */
    public static final Set<String> SUITE_TAGS = Set.of("ops", "ws1", "ws2", "ws3");

    private SmokeSuites() {
    }

    /**
     * The check classes that can hold a check of {@code suites} (tags), in run order: JUnit discovers only these (each
     * class discovered costs start-up time), and the tag filter still decides which checks run.
     */
    public static List<Class<?>> classesFor(Set<String> suites) {
        return ALL_CLASSES.stream().filter(c -> {
            if (CHECK_CLASSES.contains(c)) {
                return suites.contains(ALL) || SUITE_TAGS.stream().anyMatch(tag -> suites.contains(tag) && tagged(c, tag));
            }
            return REGRESSION_CLASSES.contains(c) ? suites.contains(REGRESSION) : suites.contains(PAGES);
        }).toList();
    }

    private static boolean tagged(Class<?> type, String tag) {
        for (org.junit.jupiter.api.Tag t : type.getAnnotationsByType(org.junit.jupiter.api.Tag.class)) {
            if (t.value().equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
