package org.beelms.smoke.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a check that only records observations: when it completes it is reported as {@code INFO}, never as
 * {@code PASSED}, because it checked nothing that could fail (e.g. REG-HDR-1, security headers and CORS). An
 * exception in it still makes it {@code FAILED} (it could not observe), and an abort {@code SKIPPED}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Informational {
}
