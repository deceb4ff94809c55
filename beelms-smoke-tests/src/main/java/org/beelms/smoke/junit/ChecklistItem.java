package org.beelms.smoke.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The checklist item(s) a check proves, e.g. {@code @ChecklistItem("WS1-API-1")}; cited in reports and results. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ChecklistItem {
    String[] value();
}
