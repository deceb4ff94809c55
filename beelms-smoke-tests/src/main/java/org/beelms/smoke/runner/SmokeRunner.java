package org.beelms.smoke.runner;

import org.beelms.smoke.checks.SmokeSuites;
import org.beelms.smoke.client.BeelmsClient;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.client.TargetReadiness;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeConfigException;
import org.beelms.smoke.junit.BeelmsSmokeExtension;
import org.beelms.smoke.report.ChecklistReport;
import org.beelms.smoke.waiver.SmokeWaivers;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs the smoke suites in-process: waits (bounded) for the target and checks it is a beelms core API, then runs the
 * selected check classes through the JUnit Platform Launcher with the configuration passed as configuration
 * parameters, reviews the failures against the waiver file ({@code beelms.smoke.waivers}, read before any check so a
 * broken file stops the run at once), writes JUnit XML plus {@code checklist-report.md}/{@code .html} to the report
 * directory and returns the result. Never prints, never throws for a failing target: everything is in the
 * {@link SmokeRunResult}.
 */
public final class SmokeRunner {

    public static SmokeRunResult run(SmokeRunRequest request) {
        return new SmokeRunner().execute(request);
    }

    public SmokeRunResult execute(SmokeRunRequest request) {
        SmokeConfig config = withScreenshotsIn(request.config(), request.reportDirectory());
        Instant started = Instant.now();
        SmokeJournal journal = new SmokeJournal(config.secrets());
        Path reportDir = request.reportDirectory();
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            return finish(request, started, journal, List.of(), "Cannot create the report directory "
                    + reportDir.toAbsolutePath() + ": " + e.getMessage() + ". Choose a writable --report directory.", false);
        }
        SmokeWaivers waivers;
        try {
            waivers = config.waivers().isPresent() ? SmokeWaivers.read(config.waivers().get()) : SmokeWaivers.NONE;
        } catch (IOException | IllegalArgumentException e) {
            return finish(request, started, journal, List.of(), "The waiver file cannot be used: " + e.getMessage(),
                    false);
        }

        List<CheckResult> results;
        LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(SmokeSuites.classesFor(request.suites()).stream().map(DiscoverySelectors::selectClass).toList())
                .filters(EngineFilter.includeEngines("junit-jupiter"),
                        TagFilter.includeTags(List.copyOf(request.suites())))
                .configurationParameters(config.toConfigurationParameters())
                .configurationParameter(BeelmsSmokeExtension.PREFLIGHT_DONE, "true")
                .configurationParameters(executionParameters(config.parallelism()))
                .enableImplicitConfigurationParameters(false)
                .build();
        // only what the run needs: no engine, listener or filter found through ServiceLoader (each scan costs
        // start-up time; the suite engine and the JFR listeners are never used here)
        LauncherConfig launcherConfig = LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build();
        try (LauncherSession session = LauncherFactory.openSession(launcherConfig)) {
            // JUnit's discovery (a thousand classes to load and scan) runs while this thread sets up the HTTP client
            // and the preflight waits for the target: on a second core it costs no wall time
            FutureTask<TestPlan> plan = new FutureTask<>(() -> session.getLauncher().discover(discovery));
            Thread discovering = new Thread(plan, "beelms-smoke-discovery");
            discovering.setDaemon(true);
            discovering.start();
            BeelmsClient preflightClient;
            try {
                preflightClient = new BeelmsClient(config, journal);
            } catch (SmokeConfigException e) {
                return finish(request, started, journal, List.of(), e.getMessage(), false);
            }
            // closed in reverse order: the session first (its close removes the run's accounts through the client),
            // then the client (closing the session again at the end of the outer block does nothing)
            try (preflightClient; session) {
                ResultCollector collector = new ResultCollector(journal, request.listener(), waivers, LocalDate.now());
                LegacyXmlReportGeneratingListener xml = new LegacyXmlReportGeneratingListener(reportDir,
                        new PrintWriter(new StringWriter()));
                TargetReadiness.Result ready = new TargetReadiness(preflightClient).await();
                request.listener().preflightFinished(ready);
                if (!ready.ready()) {
                    return finish(request, started, journal, List.of(), ready.message(), true);
                }
                TestPlan testPlan = await(plan);
                Namespace namespace = Namespace.create(BeelmsSmokeExtension.NAMESPACE_NAME);
                session.getStore().put(namespace, BeelmsSmokeExtension.JOURNAL_KEY, journal);
                session.getStore().put(namespace, BeelmsSmokeExtension.CLIENT_KEY, preflightClient);
                session.getLauncher().execute(testPlan, collector, xml);
                results = collector.results();
            }
        }
        redactXml(reportDir, journal);
        journal.contractMismatch().ifPresent(journal::problem);
        if (config.failOnContractDeviation() && !journal.contractViolations().isEmpty()) {
            journal.problem(journal.contractViolations().size() + " response(s) deviate from the OpenAPI spec "
                    + config.spec().map(Object::toString).orElse("") + " (see Contract conformance in the report); "
                    + "fix the API or the spec, or set " + SmokeConfig.PREFIX
                    + "failOnContractDeviation=false to report them only");
        }
        return finish(request, started, journal, results, null, true, waivers);
    }

    /**
     * JUnit Jupiter's parallel execution for {@code parallelism} > 1: the classes one after the other, the checks of a
     * class concurrently, on a fixed pool of
     * {@code parallelism} threads (the checks wait on the network, so no more threads when one blocks). Shared state
     * is guarded by the session's own locking and {@link BeelmsSmokeExtension#TARGET_LOCK}. Passed with the discovery
     * request, so a {@code junit-platform.properties} on the class path cannot switch it on or off by accident.
     */
    public static Map<String, String> executionParameters(int parallelism) {
        if (parallelism <= 1) {
            return Map.of("junit.jupiter.execution.parallel.enabled", "false");
        }
        String n = String.valueOf(parallelism);
        return Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                // classes one after the other, in the order selected: the regression tier after the smoke tier, the
                // parallel-user smoke last (it takes the registrations the account-lifecycle check does not need)
                "junit.jupiter.execution.parallel.mode.classes.default", "same_thread",
                // named, so JUnit does not log a suggestion to try its newer pool (the log stays one line per failure)
                "junit.jupiter.execution.parallel.config.executor-service", "FORK_JOIN_POOL",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", n,
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size", n);
    }

    private static TestPlan await(FutureTask<TestPlan> plan) {
        try {
            return plan.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JUnit discovered the smoke checks", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException("JUnit could not discover the smoke checks", e.getCause());
        }
    }

    /** The browser tier's screenshots go next to the reports ({@code <report>/screenshots}) unless configured. */
    static SmokeConfig withScreenshotsIn(SmokeConfig config, Path reportDir) {
        if (config.browser().screenshots().isPresent()) {
            return config;
        }
        return config.toBuilder().browser(config.browser().withScreenshots(reportDir.resolve("screenshots"))).build();
    }

    /** The legacy XML lists every system property (and the java command line): pass it through the redactor. */
    private static void redactXml(Path reportDir, SmokeJournal journal) {
        try (java.util.stream.Stream<Path> files = Files.list(reportDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".xml")).toList()) {
                String text = Files.readString(f);
                String redacted = journal.redactor().redact(text);
                if (!redacted.equals(text)) {
                    Files.writeString(f, redacted);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot redact the JUnit XML in " + reportDir, e);
        }
    }

    private static SmokeRunResult finish(SmokeRunRequest request, Instant started, SmokeJournal journal,
                                         List<CheckResult> checks, String error, boolean writeReports) {
        return finish(request, started, journal, checks, error, writeReports, SmokeWaivers.NONE);
    }

    private static SmokeRunResult finish(SmokeRunRequest request, Instant started, SmokeJournal journal,
                                         List<CheckResult> checks, String error, boolean writeReports,
                                         SmokeWaivers waivers) {
        SmokeConfig config = request.config();
        LocalDate today = LocalDate.now();
        List<String> required = RequiredChecks.forSuites(config.requiredChecks(), request.suites());
        SmokeRunResult result = new SmokeRunResult(config.apiBaseUri(), config.environment(),
                config.mode().name().toLowerCase(Locale.ROOT), request.suites(), started,
                Duration.between(started, Instant.now()), checks, journal.deviations(), journal.residue(),
                journal.retries(), journal.problems(), error == null ? null : journal.redactor().redact(error),
                request.reportDirectory(), journal.allRequests(), journal.regression(), journal.pageVisits())
                .waive(waivers, today).requiring(required);
        if (writeReports) {
            try {
                WaivedJUnitXml.mark(request.reportDirectory(), result.waivedChecks());
                ChecklistReport.write(result, request.reportDirectory());
            } catch (UncheckedIOException e) {
                return new SmokeRunResult(result.target(), result.environment(), result.mode(), result.suites(),
                        started, result.duration(), checks, result.deviations(), result.residue(), result.retries(),
                        result.problems(), "Cannot write the checklist report to " + request.reportDirectory()
                        .toAbsolutePath() + ": " + e.getCause().getMessage(), request.reportDirectory(),
                        result.requests(), result.regression(), result.pages()).waive(waivers, today).requiring(required);
            }
        }
        return result;
    }
}
