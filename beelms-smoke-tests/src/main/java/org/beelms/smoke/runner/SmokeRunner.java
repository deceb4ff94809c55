package org.beelms.smoke.runner;

import org.beelms.smoke.checks.SmokeSuites;
import org.beelms.smoke.client.BeelmsClient;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.client.TargetReadiness;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeConfigException;
import org.beelms.smoke.junit.BeelmsSmokeExtension;
import org.beelms.smoke.report.ChecklistReport;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.store.Namespace;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TagFilter;
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
import java.util.List;
import java.util.Locale;

/**
 * Runs the smoke suites in-process: waits (bounded) for the target and checks it is a beelms core API, then runs the
 * selected check classes through the JUnit Platform Launcher with the configuration passed as configuration
 * parameters, writes JUnit XML plus {@code checklist-report.md}/{@code .html} to the report directory and returns the
 * result. Never prints, never throws for a failing target: everything is in the {@link SmokeRunResult}.
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

        BeelmsClient preflightClient;
        try {
            preflightClient = new BeelmsClient(config, journal);
        } catch (SmokeConfigException e) {
            return finish(request, started, journal, List.of(), e.getMessage(), false);
        }
        TargetReadiness.Result ready = new TargetReadiness(preflightClient).await();
        request.listener().preflightFinished(ready);
        if (!ready.ready()) {
            return finish(request, started, journal, List.of(), ready.message(), true);
        }

        LauncherDiscoveryRequest discovery = LauncherDiscoveryRequestBuilder.request()
                .selectors(SmokeSuites.ALL_CLASSES.stream().map(DiscoverySelectors::selectClass).toList())
                .filters(EngineFilter.includeEngines("junit-jupiter"),
                        TagFilter.includeTags(List.copyOf(request.suites())))
                .configurationParameters(config.toConfigurationParameters())
                .configurationParameter(BeelmsSmokeExtension.PREFLIGHT_DONE, "true")
                .enableImplicitConfigurationParameters(false)
                .build();
        ResultCollector collector = new ResultCollector(journal, request.listener());
        StringWriter xmlLog = new StringWriter();
        LegacyXmlReportGeneratingListener xml = new LegacyXmlReportGeneratingListener(reportDir, new PrintWriter(xmlLog));
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
            Namespace namespace = Namespace.create(BeelmsSmokeExtension.NAMESPACE_NAME);
            session.getStore().put(namespace, BeelmsSmokeExtension.JOURNAL_KEY, journal);
            session.getStore().put(namespace, BeelmsSmokeExtension.CLIENT_KEY, preflightClient);
            session.getLauncher().execute(discovery, collector, xml);
        }
        redactXml(reportDir, journal);
        if (config.failOnContractDeviation() && !journal.contractViolations().isEmpty()) {
            journal.problem(journal.contractViolations().size() + " response(s) deviate from the OpenAPI spec "
                    + config.spec().map(Object::toString).orElse("") + " (see Contract conformance in the report); "
                    + "fix the API or the spec, or set " + SmokeConfig.PREFIX
                    + "failOnContractDeviation=false to report them only");
        }
        return finish(request, started, journal, collector.results(), null, true);
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
        SmokeConfig config = request.config();
        SmokeRunResult result = new SmokeRunResult(config.apiBaseUri(), config.environment(),
                config.mode().name().toLowerCase(Locale.ROOT), request.suites(), started,
                Duration.between(started, Instant.now()), checks, journal.deviations(), journal.residue(),
                journal.retries(), journal.problems(), error == null ? null : journal.redactor().redact(error),
                request.reportDirectory(), journal.allRequests(), journal.regression(), journal.pageVisits());
        if (writeReports) {
            try {
                ChecklistReport.write(result, request.reportDirectory());
            } catch (UncheckedIOException e) {
                return new SmokeRunResult(result.target(), result.environment(), result.mode(), result.suites(),
                        started, result.duration(), checks, result.deviations(), result.residue(), result.retries(),
                        result.problems(), "Cannot write the checklist report to " + request.reportDirectory()
                        .toAbsolutePath() + ": " + e.getCause().getMessage(), request.reportDirectory(),
                        result.requests(), result.regression(), result.pages());
            }
        }
        return result;
    }
}
