package org.beelms.smoke.junit;

import org.beelms.smoke.testing.FakeBeelms;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Another project's use of the extension: injection, one shared session, clean-up at the end, bounded wait. */
class ExtensionReuseTest {

    private static TestExecutionSummary launch(Map<String, String> params, List<ReportEntry> entries) {
        return launch(params, entries, ReuseExamples.MyChecks.class, ReuseExamples.MoreChecks.class);
    }

    private static TestExecutionSummary launch(Map<String, String> params, List<ReportEntry> entries, Class<?>... classes) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(classes).map(DiscoverySelectors::selectClass).toList())
                .configurationParameters(params)
                .enableImplicitConfigurationParameters(false)
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener collector = new TestExecutionListener() {
            @Override
            public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
                entries.add(entry);
            }
        };
        LauncherFactory.create().execute(request, summary, collector);
        return summary.getSummary();
    }

    @Test
    void injectsTheApiAndSharesOneSessionAcrossClasses() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            List<ReportEntry> entries = new CopyOnWriteArrayList<>();
            TestExecutionSummary summary = launch(Map.of("beelms.smoke.url", server.url(),
                    "beelms.smoke.environment", "reuse-env"), entries);
            assertEquals(3, summary.getTestsSucceededCount(), () -> summary.getFailures().toString());
            assertEquals(1, server.registerCalls.get(), "one registration for the whole run");
            String throwaway = server.users.keySet().iterator().next();
            assertEquals(1, server.loginCalls.get(throwaway).get(), "one login shared by both classes");
            assertEquals(0, server.activeUsers(), "the throwaway account is deleted when the run ends");
            assertEquals("DELETE /api/users/me", server.log().get(server.log().size() - 1));
            assertTrue(entries.stream().anyMatch(e -> e.getKeyValuePairs().values().stream()
                    .anyMatch(v -> v.startsWith("GET " + server.url() + "/api/wiki/articles → 200"))), entries::toString);
        }
    }

    @Test
    void ownClassesAndAPackagedSuiteInOneBuildShareOneSession() throws IOException {
        try (FakeBeelms server = new FakeBeelms()) {
            TestExecutionSummary summary = launch(Map.of("beelms.smoke.url", server.url(),
                    "beelms.smoke.environment", "reuse-env"), new CopyOnWriteArrayList<>(),
                    ReuseExamples.MyChecks.class, ReuseExamples.SuiteOfMore.class);
            assertEquals(3, summary.getTestsSucceededCount(), () -> summary.getFailures().toString());
            assertEquals(1, server.registerCalls.get(), "one registration across the engines");
            String throwaway = server.users.keySet().iterator().next();
            assertEquals(1, server.loginCalls.get(throwaway).get(), "one login across the engines");
            assertEquals(0, server.activeUsers(), "deleted when the launcher session ends");
        }
    }

    @Test
    void unreachableTargetFailsTheClassesWithOneClearMessage() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        TestExecutionSummary summary = launch(Map.of("beelms.smoke.url", "http://127.0.0.1:" + port,
                "beelms.smoke.readyTimeout", "600"), new CopyOnWriteArrayList<>());
        assertEquals(0, summary.getTestsSucceededCount());
        assertEquals(2, summary.getContainersFailedCount());
        String message = summary.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("Target not reachable") && message.contains("readyTimeout"), message);
    }

    @Test
    void badConfigurationFailsWithTheKeyNamed() {
        TestExecutionSummary summary = launch(Map.of("beelms.smoke.url", "http://127.0.0.1:1",
                "beelms.smoke.retryBudget", "-1"), new CopyOnWriteArrayList<>());
        String message = summary.getFailures().get(0).getException().getMessage();
        assertTrue(message.contains("'retryBudget'") && message.contains("JUnit configuration parameter"), message);
    }
}
