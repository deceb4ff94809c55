package org.beelms.smoke.runner;

import org.beelms.smoke.client.ContractDeviation;
import org.beelms.smoke.client.PageVisit;
import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.client.ResidueEntry;
import org.beelms.smoke.client.RetryRecord;
import org.beelms.smoke.regression.RegressionRecord;
import org.beelms.smoke.waiver.SmokeWaivers;
import org.beelms.smoke.waiver.WaiverReview;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of a run: per-check results, the aggregated status of each checklist item, contract deviations,
 * residue (created/removed), warm-up retries, run-wide problems, a usage/target error, and the exit code.
 */
public final class SmokeRunResult {
    /** Every required check passed or was waived, at least one check executed (other skips allowed). */
    public static final int EXIT_OK = 0;
    /** A check failed (or a run-wide problem: smoke account cannot log in, throwaway account not deleted). */
    public static final int EXIT_FAILED = 1;
    /** Bad usage or configuration, target unreachable or not a beelms core API. */
    public static final int EXIT_USAGE = 2;

    private final URI target;
    private final String environment;
    private final String mode;
    private final Set<String> suites;
    private final Instant started;
    private final Duration duration;
    private final List<CheckResult> checks;
    private final List<ContractDeviation> deviations;
    private final List<ResidueEntry> residue;
    private final List<RetryRecord> retries;
    private final List<String> problems;
    private final String error;
    private final Path reportDirectory;
    private final List<RecordedRequest> requests;
    private final RegressionRecord regression;
    private final List<PageVisit> pages;
    private final WaiverReview waivers;
    private final List<String> required;

    public SmokeRunResult(URI target, String environment, String mode, Set<String> suites, Instant started,
                          Duration duration, List<CheckResult> checks, List<ContractDeviation> deviations,
                          List<ResidueEntry> residue, List<RetryRecord> retries, List<String> problems, String error,
                          Path reportDirectory) {
        this(target, environment, mode, suites, started, duration, checks, deviations, residue, retries, problems,
                error, reportDirectory, List.of());
    }

    /**
     * @param requests every HTTP request the run sent, checks, preflight and session set-up alike (their count and
     *                 time are the run's own figures; the rest of {@code duration} is the library's overhead)
     */
    public SmokeRunResult(URI target, String environment, String mode, Set<String> suites, Instant started,
                          Duration duration, List<CheckResult> checks, List<ContractDeviation> deviations,
                          List<ResidueEntry> residue, List<RetryRecord> retries, List<String> problems, String error,
                          Path reportDirectory, List<RecordedRequest> requests) {
        this(target, environment, mode, suites, started, duration, checks, deviations, residue, retries, problems,
                error, reportDirectory, requests, RegressionRecord.EMPTY);
    }

    /** @param regression what the regression tier recorded: contract conformance, observations, load figures */
    public SmokeRunResult(URI target, String environment, String mode, Set<String> suites, Instant started,
                          Duration duration, List<CheckResult> checks, List<ContractDeviation> deviations,
                          List<ResidueEntry> residue, List<RetryRecord> retries, List<String> problems, String error,
                          Path reportDirectory, List<RecordedRequest> requests, RegressionRecord regression) {
        this(target, environment, mode, suites, started, duration, checks, deviations, residue, retries, problems,
                error, reportDirectory, requests, regression, List.of());
    }

    /** @param pages the pages the browser tier opened, with their screenshots (the visual check) */
    public SmokeRunResult(URI target, String environment, String mode, Set<String> suites, Instant started,
                          Duration duration, List<CheckResult> checks, List<ContractDeviation> deviations,
                          List<ResidueEntry> residue, List<RetryRecord> retries, List<String> problems, String error,
                          Path reportDirectory, List<RecordedRequest> requests, RegressionRecord regression,
                          List<PageVisit> pages) {
        this(target, environment, mode, suites, started, duration, checks, deviations, residue, retries, problems,
                error, reportDirectory, requests, regression, pages, WaiverReview.NONE, List.of());
    }

    /** @param waivers the checks reviewed against the waiver file ({@link #waive}); {@code checks} are its checks */
    private SmokeRunResult(URI target, String environment, String mode, Set<String> suites, Instant started,
                           Duration duration, List<CheckResult> checks, List<ContractDeviation> deviations,
                           List<ResidueEntry> residue, List<RetryRecord> retries, List<String> problems, String error,
                           Path reportDirectory, List<RecordedRequest> requests, RegressionRecord regression,
                           List<PageVisit> pages, WaiverReview waivers, List<String> required) {
        this.waivers = waivers;
        this.required = List.copyOf(required);
        this.pages = List.copyOf(pages);
        this.regression = regression == null ? RegressionRecord.EMPTY : regression;
        this.requests = List.copyOf(requests);
        this.target = target;
        this.environment = environment;
        this.mode = mode;
        this.suites = Set.copyOf(suites);
        this.started = started;
        this.duration = duration;
        this.checks = List.copyOf(checks);
        this.deviations = List.copyOf(deviations);
        this.residue = List.copyOf(residue);
        this.retries = List.copyOf(retries);
        this.problems = List.copyOf(problems);
        this.error = error;
        this.reportDirectory = reportDirectory;
    }

    /**
     * This result with its failed checks reviewed against {@code file} as of {@code today}: failures a waiver
     * accepts become {@link CheckStatus#WAIVED}; expired waivers and waivers that matched nothing become run-wide
     * problems (see {@link SmokeWaivers}). A run stopped before its checks is returned as it is.
     */
    public SmokeRunResult waive(SmokeWaivers file, LocalDate today) {
        if (error != null || (file.isEmpty() && file.file().isEmpty())) {
            return this;
        }
        WaiverReview review = file.review(checks, today);
        return new SmokeRunResult(target, environment, mode, suites, started, duration, review.checks(), deviations,
                residue, retries, problems, error, reportDirectory, requests, regression, pages, review, required);
    }

    /**
     * This result, requiring the checklist IDs {@code ids} of the suites it ran ({@link RequiredChecks#forSuites}) to
     * be PASSED or WAIVED: one that is skipped, not run or failed fails the run, named by a run-wide problem.
     */
    public SmokeRunResult requiring(List<String> ids) {
        return new SmokeRunResult(target, environment, mode, suites, started, duration, checks, deviations, residue,
                retries, problems, error, reportDirectory, requests, regression, pages, waivers, ids);
    }

    /** The checklist IDs this run required (those of its suites); empty when none. */
    public List<String> requiredChecks() {
        return required;
    }

    /** Each required ID that is not met, with why: {@code WS1-API-1 (not run)}, {@code OPS-DB-1 (skipped: …)}. */
    public List<String> unmetRequired() {
        if (error != null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String id : required) {
            RequiredChecks.unmet(id, checks).ifPresent(why -> out.add(id + " (" + why + ")"));
        }
        return List.copyOf(out);
    }

    /** The required IDs that are not met, without reasons. */
    public List<String> unmetRequiredIds() {
        return unmetRequired().stream().map(s -> s.substring(0, s.indexOf(' '))).toList();
    }

    /** Checks that gave evidence: PASSED, FAILED or WAIVED (SKIPPED and INFO give none). */
    public long executed() {
        return passed() + failed() + waived();
    }

    /** The review against the waiver file; {@link WaiverReview#NONE} when none was configured. */
    public WaiverReview waivers() {
        return waivers;
    }

    /** The pages the browser tier opened, in the order it opened them (each with its screenshot). */
    public List<PageVisit> pages() {
        return pages;
    }

    /** The regression tier's contract conformance, observations and parallel-user figures. */
    public RegressionRecord regression() {
        return regression;
    }

    /** Every HTTP request the run sent, in order. */
    public List<RecordedRequest> requests() {
        return requests;
    }

    /** The time the run's HTTP requests took, added up. */
    public Duration requestTime() {
        return requests.stream().map(RecordedRequest::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * How long at least one request was in flight: the union of the requests' intervals, so requests sent at the same
     * time (parallel checks, the rate-limit probe's burst) count once. The run's duration minus this is the time the
     * run spent on anything but waiting for the target (start-up, discovery, its own code, the reports).
     */
    public Duration requestsInFlight() {
        List<RecordedRequest> byStart = requests.stream().sorted(java.util.Comparator.comparing(RecordedRequest::at))
                .toList();
        Duration covered = Duration.ZERO;
        Instant from = null;
        Instant to = null;
        for (RecordedRequest r : byStart) {
            Instant end = r.at().plus(r.duration());
            if (to == null || r.at().isAfter(to)) {
                if (to != null) {
                    covered = covered.plus(Duration.between(from, to));
                }
                from = r.at();
                to = end;
            } else if (end.isAfter(to)) {
                to = end;
            }
        }
        return to == null ? covered : covered.plus(Duration.between(from, to));
    }

    /** The request figures of a run's log line: {@code taking 1482 ms of a 1054 ms run, in flight for 830 ms}. */
    public String requestTimes() {
        return "taking " + requestTime().toMillis() + " ms of a " + duration().toMillis() + " ms run, in flight for "
                + requestsInFlight().toMillis() + " ms";
    }

    public URI target() {
        return target;
    }

    public String environment() {
        return environment;
    }

    public String mode() {
        return mode;
    }

    public Set<String> suites() {
        return suites;
    }

    public Instant started() {
        return started;
    }

    public Duration duration() {
        return duration;
    }

    public List<CheckResult> checks() {
        return checks;
    }

    /** The checks citing {@code checklistId}. */
    public List<CheckResult> checksFor(String checklistId) {
        return checks.stream().filter(c -> c.cites(checklistId)).toList();
    }

    /**
     * The aggregated status of a checklist item: FAILED if any citing check failed, else WAIVED if a waiver accepts
     * a citing check's failure, else PASSED if any passed, else INFO if a check only reported observations, else
     * SKIPPED if any was skipped, else NOT_RUN.
     */
    public CheckStatus statusOf(String checklistId) {
        List<CheckResult> citing = checksFor(checklistId);
        if (citing.stream().anyMatch(c -> c.status() == CheckStatus.FAILED)) {
            return CheckStatus.FAILED;
        }
        if (citing.stream().anyMatch(c -> c.status() == CheckStatus.WAIVED)) {
            return CheckStatus.WAIVED;
        }
        if (citing.stream().anyMatch(c -> c.status() == CheckStatus.PASSED)) {
            return CheckStatus.PASSED;
        }
        if (citing.stream().anyMatch(c -> c.status() == CheckStatus.INFO)) {
            return CheckStatus.INFO;
        }
        if (citing.stream().anyMatch(c -> c.status() == CheckStatus.SKIPPED)) {
            return CheckStatus.SKIPPED;
        }
        return CheckStatus.NOT_RUN;
    }

    public List<ContractDeviation> deviations() {
        return deviations;
    }

    public List<ResidueEntry> residue() {
        return residue;
    }

    public List<ResidueEntry> created() {
        return residue.stream().filter(r -> r.kind() == ResidueEntry.Kind.CREATED).toList();
    }

    public List<ResidueEntry> removed() {
        return residue.stream().filter(r -> r.kind() == ResidueEntry.Kind.REMOVED).toList();
    }

    public List<RetryRecord> retries() {
        return retries;
    }

    /**
     * Run-wide problems, each reported once (e.g. the smoke account cannot log in), then the waiver file's errors (an
     * expired waiver, a waiver that matched nothing).
     */
    public List<String> problems() {
        List<String> all = new ArrayList<>(runWideProblems());
        all.addAll(requirementProblems());
        return List.copyOf(all);
    }

    /**
     * What the run's checks do not prove, fail closed: no check executed ({@code 0 checks executed}), or required
     * checks not PASSED/WAIVED (naming each ID and why). Part of {@link #problems()}; empty for a run stopped by an
     * error (its exit code says so already).
     */
    public List<String> requirementProblems() {
        if (error != null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (executed() == 0) {
            out.add("0 checks executed (" + summaryLine() + "): a run that checked nothing is no pass");
        }
        // a failed required check is reported as the failure it is; skipped and not run ones only here
        List<String> unmet = unmetRequired().stream().filter(u -> !u.endsWith(" (failed)")).toList();
        if (!unmet.isEmpty()) {
            out.add("required checks not passed: " + String.join(", ", unmet) + "; each of "
                    + String.join(", ", required) + " must be PASSED or WAIVED, never skipped (beelms.smoke.requiredChecks"
                    + " names the list)");
        }
        return out;
    }

    /** The run-wide problems of the checks' session and the waiver file, without {@link #requirementProblems()}. */
    public List<String> runWideProblems() {
        if (waivers.errors().isEmpty()) {
            return problems;
        }
        List<String> all = new ArrayList<>(problems);
        all.addAll(waivers.errors());
        return List.copyOf(all);
    }

    /** The usage or target error that stopped the run before any check (exit code 2). */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Path reportDirectory() {
        return reportDirectory;
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    public long passed() {
        return count(CheckStatus.PASSED);
    }

    public long failed() {
        return count(CheckStatus.FAILED);
    }

    public long skipped() {
        return count(CheckStatus.SKIPPED);
    }

    /** Checks that only reported observations ({@link CheckStatus#INFO}): neither passed nor failed. */
    public long info() {
        return count(CheckStatus.INFO);
    }

    public List<CheckResult> failedChecks() {
        return checks.stream().filter(c -> c.status() == CheckStatus.FAILED).toList();
    }

    /** Failed checks a waiver accepts: they do not fail the run. */
    public long waived() {
        return count(CheckStatus.WAIVED);
    }

    public List<CheckResult> waivedChecks() {
        return checks.stream().filter(c -> c.status() == CheckStatus.WAIVED).toList();
    }

    /**
     * 0 all required checks passed (or were waived) and at least one check executed; 1 a check failed, a required
     * check was skipped or not run, nothing executed, or a run-wide problem; 2 bad usage or target unusable.
     */
    public int exitCode() {
        if (error != null) {
            return EXIT_USAGE;
        }
        return failed() > 0 || !problems().isEmpty() ? EXIT_FAILED : EXIT_OK;
    }

    /** {@code 31 passed, 1 failed, 4 skipped} (then {@code , 1 waived} and {@code , 2 info} when there are). */
    public String summaryLine() {
        return passed() + " passed, " + failed() + " failed, " + skipped() + " skipped"
                + (waived() > 0 ? ", " + waived() + " waived" : "")
                + (info() > 0 ? ", " + info() + " info" : "");
    }

    @Override
    public String toString() {
        return "SmokeRunResult[target=" + target + ", " + summaryLine() + ", exitCode=" + exitCode()
                + (error == null ? "" : ", error=" + error) + "]";
    }
}
