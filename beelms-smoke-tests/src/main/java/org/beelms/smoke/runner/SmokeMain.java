package org.beelms.smoke.runner;

import org.beelms.smoke.config.ConfigSource;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeConfigException;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The standalone runner: {@code java -jar beelms-smoke-tests-<version>-standalone.jar --url http://host:3000/api}.
 * Prints a short summary (counts and failed items) and exits 0 (all required passed), 1 (a check failed) or 2 (bad
 * usage, target unreachable or not a beelms core API).
 */
public final class SmokeMain {

    private SmokeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the CLI and returns its exit code; {@code env} is the environment to read {@code BEELMS_SMOKE_*} from. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CliArguments cli;
        try {
            cli = CliArguments.parse(args);
        } catch (CliArguments.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println();
            err.println(CliArguments.USAGE);
            return SmokeRunResult.EXIT_USAGE;
        }
        if (cli.help()) {
            out.println(CliArguments.USAGE);
            return SmokeRunResult.EXIT_OK;
        }
        SmokeConfig config;
        try {
            config = SmokeConfig.resolve(List.of(
                    ConfigSource.map("command-line option", cli.values()),
                    ConfigSource.systemProperties(System.getProperties()),
                    ConfigSource.environment(env)));
        } catch (SmokeConfigException e) {
            err.println("error: " + e.getMessage());
            return SmokeRunResult.EXIT_USAGE;
        }
        SmokeRunRequest request = SmokeRunRequest.builder(config)
                .suites(List.copyOf(cli.suites()))
                .reportDirectory(cli.reportDirectory())
                .build();
        out.println("beelms smoke: " + config.environment() + " at " + config.apiBaseUri() + " (mode "
                + config.mode().name().toLowerCase() + ", suites " + String.join(",", cli.suites()) + ")");
        SmokeRunResult result = SmokeRunner.run(request);
        printSummary(result, out, err);
        return result.exitCode();
    }

    static void printSummary(SmokeRunResult result, PrintStream out, PrintStream err) {
        if (result.error().isPresent()) {
            err.println("error: " + result.error().get());
            return;
        }
        for (String problem : result.problems()) {
            out.println("PROBLEM " + problem);
        }
        for (CheckResult c : result.failedChecks()) {
            out.println("FAILED  " + c.displayName() + ": " + c.message());
        }
        for (CheckResult c : result.waivedChecks()) {
            out.println("WAIVED  " + c.displayName() + ": " + org.beelms.smoke.report.ChecklistReport.detail(c));
        }
        result.waivers().notExercised().forEach(note -> out.println("Waiver  " + note));
        if (!result.deviations().isEmpty()) {
            out.println(result.deviations().size() + " contract deviation(s), " + result.retries().size() + " retr"
                    + (result.retries().size() == 1 ? "y" : "ies") + " – see the report");
        }
        var regression = result.regression();
        regression.specChecked().ifPresent(spec -> out.println("Contract: " + regression.validatedResponses()
                + " response(s) checked against " + spec + ", " + regression.contractViolations().size()
                + " deviation(s), " + regression.unmatchedResponses() + " matched no operation"));
        regression.loadReport().ifPresent(load -> out.println("Parallel users: " + load.users() + " users, "
                + load.requests() + " requests, " + load.errors() + " errors, "
                + (load.passed() ? "within thresholds" : "THRESHOLDS BREACHED: " + String.join("; ", load.breaches()))));
        out.println("Smoke: " + result.summaryLine());
        out.println("Requests: " + result.requests().size() + " " + result.requestTimes());
        out.println("Report: " + result.reportDirectory().resolve("checklist-report.md").toAbsolutePath());
        out.println("Exit code " + result.exitCode());
    }
}
