package org.beelms.smoke.junit;

import org.beelms.smoke.browser.Browser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
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
 * Marks a class of the browser tier (the DEMO pages in headless Chromium): the same extension, configuration and
 * session as {@link BeelmsSmoke}, tagged {@code pages}. Its checks share the run's one browser, so they run in one
 * thread and hold the {@link Browser#LOCK} resource lock even when a consumer switches parallel execution on. Like
 * the smoke tier they hold the shared side of {@link BeelmsSmokeExtension#TARGET_LOCK}, so the rate-limit probe
 * (the exclusive side) never runs while a page loads.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("pages")
@ExtendWith(BeelmsSmokeExtension.class)
@Execution(ExecutionMode.SAME_THREAD)
@ResourceLock(Browser.LOCK)
@ResourceLock(value = BeelmsSmokeExtension.TARGET_LOCK, mode = ResourceAccessMode.READ, target = ResourceLockTarget.CHILDREN)
public @interface BeelmsPages {
}
