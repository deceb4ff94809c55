package org.beelms.smoke.runner;

import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.junit.ChecklistItem;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.beelms.smoke.report.ChecklistCatalog;
import org.junit.platform.engine.TestTag;

import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns JUnit execution events plus the journal's recorded requests into {@link CheckResult}s. Checks finish in any
 * order when they run in parallel; {@link #results()} lists them in checklist order: by suite (the order the run
 * selected the classes), then by the position of the check's first checklist ID in {@link ChecklistCatalog}, then in
 * the test plan's order (checks without a catalogued ID, e.g. the regression tier's, keep the plan's order).
 */
final class ResultCollector implements TestExecutionListener {
    private final SmokeJournal journal;
    private final SmokeRunListener listener;
    private final Map<String, Instant> starts = new ConcurrentHashMap<>();
    private final List<CheckResult> results = new ArrayList<>();
    /** Test plan position of each class and each test, by unique ID. */
    private final Map<String, Integer> planOrder = new ConcurrentHashMap<>();
    private final Map<String, Integer> classOf = new ConcurrentHashMap<>();
    /** What a passed check said proved it ({@link ResultProof#KEY}), by unique ID. */
    private final Map<String, String> proofs = new ConcurrentHashMap<>();

    ResultCollector(SmokeJournal journal, SmokeRunListener listener) {
        this.journal = journal;
        this.listener = listener;
    }

    synchronized List<CheckResult> results() {
        List<String> catalog = ChecklistCatalog.items().stream().map(ChecklistCatalog.Item::id).toList();
        Comparator<CheckResult> order = Comparator
                .comparingInt((CheckResult c) -> classOf.getOrDefault(c.uniqueId(), Integer.MAX_VALUE))
                .thenComparingInt(c -> c.checklistIds().stream().mapToInt(catalog::indexOf).filter(i -> i >= 0)
                        .findFirst().orElse(Integer.MAX_VALUE))
                .thenComparingInt(c -> planOrder.getOrDefault(c.uniqueId(), Integer.MAX_VALUE));
        return results.stream().sorted(order).toList();
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        plan.getRoots().forEach(root -> number(plan, root, -1));
    }

    private void number(TestPlan plan, TestIdentifier id, int classPosition) {
        int position = planOrder.size();
        planOrder.put(id.getUniqueId(), position);
        int cls = classPosition < 0 && id.getSource().map(s -> s instanceof ClassSource).orElse(false) ? position
                : classPosition;
        if (cls >= 0) {
            classOf.put(id.getUniqueId(), cls);
        }
        plan.getChildren(id).forEach(child -> number(plan, child, cls));
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        starts.put(id.getUniqueId(), Instant.now());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, org.junit.platform.engine.reporting.ReportEntry entry) {
        String proof = entry.getKeyValuePairs().get(ResultProof.KEY);
        if (proof != null) {
            proofs.put(id.getUniqueId(), journal.redactor().redact(proof));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            add(id, CheckStatus.SKIPPED, reason, Duration.ZERO);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Instant start = starts.getOrDefault(id.getUniqueId(), Instant.now());
        Duration took = Duration.between(start, Instant.now());
        String message = result.getThrowable().map(t -> journal.redactor().redact(describe(t))).orElse(null);
        CheckStatus status = switch (result.getStatus()) {
            case SUCCESSFUL -> CheckStatus.PASSED;
            case ABORTED -> CheckStatus.SKIPPED;
            case FAILED -> CheckStatus.FAILED;
        };
        if (id.isTest()) {
            add(id, status, status == CheckStatus.PASSED && message == null ? proofs.get(id.getUniqueId()) : message, took);
        } else if (status == CheckStatus.FAILED && id.getSource().map(s -> s instanceof ClassSource).orElse(false)) {
            add(id, status, "the checks of " + id.getDisplayName() + " could not run: " + message, took);
        }
    }

    private synchronized void add(TestIdentifier id, CheckStatus status, String message, Duration took) {
        List<String> ids = new ArrayList<>();
        String className = null;
        TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource ms) {
            className = ms.getClassName();
            try {
                Method m = ms.getJavaMethod();
                ChecklistItem item = m.getAnnotation(ChecklistItem.class);
                if (item != null) {
                    ids.addAll(List.of(item.value()));
                }
                if (status == CheckStatus.PASSED && m.isAnnotationPresent(org.beelms.smoke.junit.Informational.class)) {
                    status = CheckStatus.INFO;
                    message = message == null ? "observations only (reported, not a passed check)" : message;
                }
            } catch (RuntimeException e) {
                // the method cannot be loaded: no IDs
            }
        } else if (source instanceof ClassSource cs) {
            className = cs.getClassName();
        }
        Set<String> tags = id.getTags().stream().map(TestTag::getName).collect(Collectors.toSet());
        CheckResult check = new CheckResult(ids, id.getDisplayName(), id.getUniqueId(), className, status, message,
                journal.requestsOf(id.getUniqueId()), took, tags);
        results.add(check);
        listener.checkFinished(check);
    }

    static String describe(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // REST Assured's assertion messages span several lines; keep them readable but compact
        return msg.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
