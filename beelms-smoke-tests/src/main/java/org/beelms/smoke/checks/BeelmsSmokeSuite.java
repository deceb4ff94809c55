package org.beelms.smoke.checks;

import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * All smoke checks (OPS, WS-1, WS-2, WS-3) as one JUnit Platform suite. Run it from a build with
 * {@code -Dbeelms.smoke.url=...}; narrow it with tags ({@code ops}, {@code ws1}, {@code ws2}, {@code ws3}).
 */
@Suite
@SuiteDisplayName("beelms core smoke checks")
@SelectClasses({OpsSmoke.class, Ws1WikiSmoke.class, Ws2AuthSmoke.class, Ws3CoursesSmoke.class})
@IncludeTags("smoke")
public class BeelmsSmokeSuite {
}
