package org.beelms.smoke.client;

import org.beelms.smoke.regression.ContractViolation;
import org.beelms.smoke.regression.LoadReport;
import org.beelms.smoke.regression.Observation;
import org.beelms.smoke.regression.RegressionRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run's record: requests per check, contract deviations, residue, warm-up retries and session problems. The
 * recording filter and the session write to it; the runner and the extension read it. Everything in it is redacted.
 * One per run: the runner puts one in the launcher session store, otherwise the extension keeps one in its root store.
 */
public final class SmokeJournal {
    /** Bucket for requests made outside any check (preflight, discovery in callbacks, clean-up). */
    public static final String RUN_BUCKET = "[run]";
    private static final int MAX_REQUESTS_PER_CHECK = 60;

    private final Redactor redactor;
    private final Map<String, List<RecordedRequest>> requests = new LinkedHashMap<>();
    private final List<ContractDeviation> deviations = new ArrayList<>();
    private final List<ResidueEntry> residue = new ArrayList<>();
    private final List<RetryRecord> retries = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<RecordedRequest> all = new ArrayList<>();
    /** The thread that sent each request of {@link #all}: checks run in parallel, evidence is per thread. */
    private final List<Thread> senders = new ArrayList<>();
    private static final int MAX_CONTRACT_VIOLATIONS = 500;
    private String contractSpec;
    private long contractValidated;
    private long contractUnmatched;
    private String contractBasePath = "/";
    private final List<String> contractUnmatchedSamples = new ArrayList<>();
    private final List<ContractViolation> contractViolations = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private LoadReport load;
    private final List<PageVisit> pageVisits = new ArrayList<>();
    /** The check each thread is running (checks may run in parallel when a consumer switches that on). */
    private final Map<Thread, String> currentCheck = new java.util.HashMap<>();
    private final Map<Thread, List<String>> currentIds = new java.util.HashMap<>();

    public SmokeJournal(Set<String> secrets) {
        this.redactor = new Redactor(secrets);
    }

    public Redactor redactor() {
        return redactor;
    }

    public synchronized void startCheck(String uniqueId, List<String> checklistIds) {
        currentCheck.put(Thread.currentThread(), uniqueId);
        currentIds.put(Thread.currentThread(), List.copyOf(checklistIds));
    }

    public synchronized void endCheck() {
        currentCheck.remove(Thread.currentThread());
        currentIds.remove(Thread.currentThread());
    }

    public synchronized List<String> currentChecklistIds() {
        return currentIds.getOrDefault(Thread.currentThread(), List.of());
    }

    private String current() {
        return currentCheck.getOrDefault(Thread.currentThread(), RUN_BUCKET);
    }

    public synchronized void record(RecordedRequest request) {
        all.add(request);
        senders.add(Thread.currentThread());
        List<RecordedRequest> bucket = requests.computeIfAbsent(current(), k -> new ArrayList<>());
        if (bucket.size() < MAX_REQUESTS_PER_CHECK) {
            bucket.add(request);
        }
    }

    /** Every request recorded so far, in order. */
    public synchronized List<RecordedRequest> allRequests() {
        return List.copyOf(all);
    }

    /** A position in the run's sequence of requests, for {@link #since(int)}. */
    public synchronized int mark() {
        return all.size();
    }

    /**
     * The requests this thread sent since {@code mark} (the evidence of a login, a registration, a discovery call):
     * requests of checks running at the same time on other threads are not part of it.
     */
    public synchronized List<RecordedRequest> since(int mark) {
        List<RecordedRequest> mine = new ArrayList<>();
        Thread me = Thread.currentThread();
        for (int i = Math.min(mark, all.size()); i < all.size(); i++) {
            if (senders.get(i) == me) {
                mine.add(all.get(i));
            }
        }
        return List.copyOf(mine);
    }

    /**
     * Adds requests made earlier (e.g. the run's one registration or login, a discovery call) to the current check's
     * record, because the check relies on them as its proof.
     */
    public synchronized void cite(List<RecordedRequest> evidence) {
        if (RUN_BUCKET.equals(current()) || evidence.isEmpty()) {
            return;
        }
        List<RecordedRequest> bucket = requests.computeIfAbsent(current(), k -> new ArrayList<>());
        for (RecordedRequest r : evidence) {
            if (bucket.stream().noneMatch(b -> b == r) && bucket.size() < MAX_REQUESTS_PER_CHECK) {
                bucket.add(r);
            }
        }
    }

    public synchronized List<RecordedRequest> requestsOf(String uniqueId) {
        return List.copyOf(requests.getOrDefault(uniqueId, List.of()));
    }

    public synchronized void deviation(List<String> checklistIds, String operation, String request, int status,
                                       Set<Integer> contract, String note) {
        ContractDeviation d = new ContractDeviation(checklistIds.isEmpty() ? currentChecklistIds() : List.copyOf(checklistIds),
                operation, redactor.redact(request), status, contract, note);
        if (!deviations.contains(d)) {
            deviations.add(d);
        }
    }

    public synchronized void residue(ResidueEntry.Kind kind, String what, String detail) {
        ResidueEntry entry = new ResidueEntry(kind, redactor.redact(what), redactor.redact(detail));
        if (!residue.contains(entry)) {
            residue.add(entry);
        }
    }

    public synchronized void retry(RetryRecord retry) {
        retries.add(new RetryRecord(retry.attempt(), redactor.redact(retry.request()), redactor.redact(retry.outcome()),
                retry.waited()));
    }

    /** A problem that affects many checks (e.g. the smoke account cannot log in): reported once, fails the run. */
    public synchronized void problem(String message) {
        String m = redactor.redact(message);
        if (!problems.contains(m)) {
            problems.add(m);
        }
    }

    public synchronized List<ContractDeviation> deviations() {
        return List.copyOf(deviations);
    }

    public synchronized List<ResidueEntry> residue() {
        return List.copyOf(residue);
    }

    public synchronized List<RetryRecord> retries() {
        return List.copyOf(retries);
    }

    public synchronized List<String> problems() {
        return Collections.unmodifiableList(new ArrayList<>(problems));
    }

    // ------------------------------------------------------------------ regression tier

    /** Contract conformance is on for this run, against {@code spec}. */
    public synchronized void contractChecked(String spec) {
        this.contractSpec = spec;
    }

    /** One more response was validated against the spec. */
    public synchronized void contractValidated() {
        contractValidated++;
    }

    /** One more response to a request no operation of the spec describes ({@code GET /x}, relative to the base). */
    public synchronized void contractUnmatched(String request, String basePath) {
        contractUnmatched++;
        contractBasePath = basePath;
        if (contractUnmatchedSamples.size() < 3 && !contractUnmatchedSamples.contains(request)) {
            contractUnmatchedSamples.add(request);
        }
    }

    /**
     * The run-wide failure of contract conformance when most responses (more than half, or all when none matched)
     * matched no operation of the spec: nothing meaningful was compared, "0 deviations" would be a pass without
     * evidence. Empty when most matched, or no spec was checked.
     */
    public synchronized java.util.Optional<String> contractMismatch() {
        if (contractSpec == null || contractUnmatched == 0 || contractUnmatched <= contractValidated) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("contract conformance compared almost nothing: " + contractUnmatched + " of "
                + (contractUnmatched + contractValidated) + " response(s) matched no operation of " + contractSpec
                + " (e.g. " + String.join(", ", contractUnmatchedSamples) + ", each a path under the API base path "
                + contractBasePath + "): the spec's paths and the API base path do not line up. Make the base path"
                + " (url and apiPrefix) plus a spec path equal the request path — the spec's own servers are"
                + " replaced by the base path — or give the spec of this API");
    }

    /** A response deviating from the spec (each distinct deviation once). */
    public synchronized void contractViolation(ContractViolation violation) {
        boolean known = contractViolations.stream().anyMatch(v -> v.operation().equals(violation.operation())
                && v.status() == violation.status() && v.key().equals(violation.key())
                && v.message().equals(violation.message()));
        if (!known && contractViolations.size() < MAX_CONTRACT_VIOLATIONS) {
            contractViolations.add(violation);
        }
    }

    public synchronized List<ContractViolation> contractViolations() {
        return List.copyOf(contractViolations);
    }

    /** Information reported without judgement (security headers, CORS). */
    public synchronized void observation(Observation observation) {
        Observation redacted = new Observation(observation.topic(), redactor.redact(observation.subject()),
                redactor.redact(observation.detail()));
        if (!observations.contains(redacted)) {
            observations.add(redacted);
        }
    }

    /** The parallel-user smoke's figures. */
    public synchronized void load(LoadReport report) {
        this.load = report;
    }

    /** A page the browser tier opened (redacted here). */
    public synchronized void pageVisit(PageVisit visit) {
        pageVisits.add(visit.redacted(redactor));
    }

    /** The browser tier's pages, in the order they were opened. */
    public synchronized List<PageVisit> pageVisits() {
        return List.copyOf(pageVisits);
    }

    /** What the regression tier recorded so far. */
    public synchronized RegressionRecord regression() {
        return new RegressionRecord(contractSpec, contractValidated, contractViolations, observations, load,
                contractUnmatched);
    }
}
