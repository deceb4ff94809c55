package org.beelms.smoke.junit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class of the regression tier (negative and security checks, the parallel-user smoke): the same extension,
 * configuration, client and session as {@link BeelmsSmoke}, but tagged {@code regression} instead of {@code smoke}, so
 * a default smoke run leaves it out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("regression")
@ExtendWith(BeelmsSmokeExtension.class)
public @interface BeelmsRegression {
}
