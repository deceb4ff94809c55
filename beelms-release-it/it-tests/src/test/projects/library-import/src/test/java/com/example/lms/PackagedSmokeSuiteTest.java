package com.example.lms;

import org.beelms.smoke.checks.OpsSmoke;
import org.beelms.smoke.checks.Ws1WikiSmoke;
import org.beelms.smoke.checks.Ws2AuthSmoke;
import org.beelms.smoke.checks.Ws3CoursesSmoke;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;

/** The library's packaged WS-1..WS-3 and OPS suites, run as part of this project's tests. */
@Suite
@SelectClasses({OpsSmoke.class, Ws1WikiSmoke.class, Ws2AuthSmoke.class, Ws3CoursesSmoke.class})
@IncludeTags("smoke")
class PackagedSmokeSuiteTest {}
