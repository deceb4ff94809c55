package org.beelms.smoke.checks;

import java.util.List;
import java.util.Set;

/** The library's check classes and the tags that select them. */
public final class SmokeSuites {
    /** Every check class, in the order a run walks them. */
    public static final List<Class<?>> CHECK_CLASSES = List.of(OpsSmoke.class, Ws1WikiSmoke.class, Ws2AuthSmoke.class,
            Ws3CoursesSmoke.class);
    /** The tag of every check. */
    public static final String ALL = "smoke";
    /** Tags selecting one suite each. */
    public static final Set<String> SUITE_TAGS = Set.of("ops", "ws1", "ws2", "ws3");

    private SmokeSuites() {
    }
}
