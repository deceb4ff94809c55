package org.beelms.smoke.junit;

import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.Catalogue;
import org.beelms.smoke.config.SmokeConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What another project writes: not run by surefire directly (no *Test name), launched by ExtensionReuseTest. */
final class ReuseExamples {

    /** The packaged-suite way: a {@code @Suite} in the consumer's tests (here selecting one of the example classes). */
    @org.junit.platform.suite.api.Suite
    @org.junit.platform.suite.api.SelectClasses(MoreChecks.class)
    static class SuiteOfMore {
    }
    private ReuseExamples() {
    }

    @BeelmsSmoke
    @Tag("reuse")
    static class MyChecks {
        @Test
        void wikiAnswers(@BeelmsTarget BeelmsApi api) {
            api.given().get("/wiki/articles").then().statusCode(200);
        }

        @Test
        void meAsSmokeUser(@BeelmsTarget BeelmsApi api, Catalogue catalogue) {
            api.asUser().get("/users/me").then().statusCode(200);
            assertFalse(catalogue.courses().isEmpty());
        }
    }

    @BeelmsSmoke
    @Tag("reuse")
    static class MoreChecks {
        @Test
        void sameSessionInAnotherClass(@BeelmsTarget BeelmsApi api, SmokeConfig config) {
            api.asUser().get("/users/me/courses").then().statusCode(200);
            assertEquals("reuse-env", config.environment());
        }
    }
}
