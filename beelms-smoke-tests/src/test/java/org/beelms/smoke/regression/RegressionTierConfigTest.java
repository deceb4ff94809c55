package org.beelms.smoke.regression;

import org.beelms.smoke.config.ConfigSource;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeConfigException;
import org.beelms.smoke.runner.CliArguments;
import org.beelms.smoke.runner.SmokeRunRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tier's selection (suites, tags) and configuration keys. */
class RegressionTierConfigTest {

    private static SmokeConfig resolve(Map<String, String> values) {
        return SmokeConfig.resolve(List.of(ConfigSource.map("test", values)));
    }

    @Test
    void regressionIsSelectableAndAllMeansEveryTier() {
        assertEquals(Set.of("smoke"), SmokeRunRequest.parseSuites(null));
        assertEquals(Set.of("regression"), SmokeRunRequest.parseSuites("regression"));
        assertEquals(Set.of("smoke", "regression", "pages"), SmokeRunRequest.parseSuites("all"));
        assertEquals(Set.of("ws1", "regression"), SmokeRunRequest.parseSuites("ws1,regression"));
        CliArguments cli = CliArguments.parse("--url", "http://h", "--suites", "regression", "--spec", "openapi.yaml");
        assertEquals(Set.of("regression"), cli.suites());
        assertEquals("openapi.yaml", cli.values().get("spec"));
    }

    @Test
    void defaultsOfTheTier() {
        SmokeConfig config = resolve(Map.of("url", "http://h:3000/api"));
        assertTrue(config.spec().isEmpty());
        assertFalse(config.failOnContractDeviation());
        assertEquals(5, config.registrationBudget());
        assertEquals(5, config.loadUsers());
        assertEquals(Duration.ofSeconds(30), config.loadDuration());
        assertEquals(0.01, config.loadMaxErrorRate());
        assertEquals(Duration.ofSeconds(1), config.loadMaxP95());
    }

    @Test
    void keysResolveAndSurviveTheRoundTripThroughConfigurationParameters() {
        SmokeConfig config = resolve(Map.of("url", "http://h:3000/api", "spec", "docs/openapi.yaml",
                "failOnContractDeviation", "true", "registrationBudget", "2", "load.users", "8",
                "load.duration", "PT3S", "load.maxErrorRate", "0.05", "load.maxP95", "750"));
        assertEquals(Path.of("docs/openapi.yaml"), config.spec().orElseThrow());
        assertTrue(config.failOnContractDeviation());
        assertEquals(2, config.registrationBudget());
        assertEquals(8, config.loadUsers());
        assertEquals(Duration.ofSeconds(3), config.loadDuration());
        assertEquals(0.05, config.loadMaxErrorRate());
        assertEquals(Duration.ofMillis(750), config.loadMaxP95());
        Map<String, String> parameters = config.toConfigurationParameters();
        SmokeConfig again = SmokeConfig.resolve(List.of(ConfigSource.junitParameters(
                key -> java.util.Optional.ofNullable(parameters.get(key)))));
        assertEquals(config, again);
        assertEquals(config.loadMaxP95(), again.loadMaxP95());
    }

    @Test
    void badValuesNameTheKey() {
        SmokeConfigException users = assertThrows(SmokeConfigException.class,
                () -> resolve(Map.of("url", "http://h", "load.users", "0")));
        assertTrue(users.getMessage().contains("load.users"), users.getMessage());
        SmokeConfigException rate = assertThrows(SmokeConfigException.class,
                () -> resolve(Map.of("url", "http://h", "load.maxErrorRate", "2")));
        assertTrue(rate.getMessage().contains("load.maxErrorRate"), rate.getMessage());
        SmokeConfigException duration = assertThrows(SmokeConfigException.class,
                () -> resolve(Map.of("url", "http://h", "load.duration", "PT1H")));
        assertTrue(duration.getMessage().contains("load.duration"), duration.getMessage());
        SmokeConfigException fail = assertThrows(SmokeConfigException.class,
                () -> resolve(Map.of("url", "http://h", "failOnContractDeviation", "maybe")));
        assertTrue(fail.getMessage().contains("failOnContractDeviation"), fail.getMessage());
    }
}
