package org.beelms.smoke.testing;

import org.beelms.smoke.config.SmokeConfig;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs one check method alone against a {@link FakeBeelms} through the JUnit Platform, as the runner does. */
public final class SingleCheck {
    private SingleCheck() {
    }

    /** The result of {@code checks.method(parameterTypes)} run against {@code server}. */
    public static TestExecutionResult run(FakeBeelms server, Class<?> checks, String method, String parameterTypes) {
        SmokeConfig config = SmokeConfig.builder().url(server.url())
                .readyTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .build();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(checks, method, parameterTypes))
                .configurationParameters(config.toConfigurationParameters())
                .enableImplicitConfigurationParameters(false)
                .build();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        LauncherFactory.create().execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.put(id.getDisplayName(), result);
                }
            }
        });
        assertEquals(1, results.size(), () -> checks.getSimpleName() + "." + method + " ran once: " + results);
        return results.values().iterator().next();
    }
}
