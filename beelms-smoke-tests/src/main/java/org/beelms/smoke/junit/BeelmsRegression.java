package org.beelms.smoke.junit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.ResourceLockTarget;

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
 * Its checks compare the smoke account's data before and after, probe limits or load the target: each holds the
 * exclusive ({@code READ_WRITE}) side of {@link BeelmsSmokeExtension#TARGET_LOCK}, so it runs alone even when the
 * smoke tier's checks run in parallel.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("regression")
@ExtendWith(BeelmsSmokeExtension.class)
@ResourceLock(value = BeelmsSmokeExtension.TARGET_LOCK, mode = ResourceAccessMode.READ_WRITE, target = ResourceLockTarget.CHILDREN)
public @interface BeelmsRegression {
}
