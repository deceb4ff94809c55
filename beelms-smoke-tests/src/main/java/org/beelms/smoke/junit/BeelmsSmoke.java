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
 * Marks a class of smoke checks against a deployed beelms core: registers {@link BeelmsSmokeExtension} (configuration,
 * client and session shared by every class of the run) and tags the class {@code smoke}.
 * Its checks run in parallel with each other when the run switches parallel execution on (the runner does),
 * holding the shared ({@code READ}) side of {@link BeelmsSmokeExtension#TARGET_LOCK}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("smoke")
@ExtendWith(BeelmsSmokeExtension.class)
@ResourceLock(value = BeelmsSmokeExtension.TARGET_LOCK, mode = ResourceAccessMode.READ, target = ResourceLockTarget.CHILDREN)
public @interface BeelmsSmoke {
}
