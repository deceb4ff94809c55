package org.beelms.smoke.checks;

import org.beelms.smoke.regression.InputRegression;
import org.beelms.smoke.regression.ParallelUsersRegression;
import org.beelms.smoke.regression.SecurityRegression;
import org.beelms.smoke.regression.StabilityRegression;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The regression tier (negative and security checks, data stability, account lifecycle, parallel-user smoke) as one
 * JUnit Platform suite. Run it from a build with {@code -Dbeelms.smoke.url=...} (and {@code -Dbeelms.smoke.spec=...}
 * for contract conformance).
 */
@Suite
@SuiteDisplayName("beelms core regression checks")
@SelectClasses({SecurityRegression.class, InputRegression.class, StabilityRegression.class,
        ParallelUsersRegression.class})
@IncludeTags("regression")
public class BeelmsRegressionSuite {
}
