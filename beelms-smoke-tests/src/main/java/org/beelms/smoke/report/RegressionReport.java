package org.beelms.smoke.report;

import org.beelms.smoke.regression.ContractViolation;
import org.beelms.smoke.regression.EndpointLoad;
import org.beelms.smoke.regression.LoadReport;
import org.beelms.smoke.regression.Observation;
import org.beelms.smoke.regression.RegressionItems;
import org.beelms.smoke.regression.RegressionRecord;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checklist report's "Regression tier" part: the tier's checks by ID, contract conformance per operation, the
 * security headers and CORS observations, and the parallel-user smoke's figures per endpoint. Rendered only when the
 * run selected the tier or a spec was checked.
 */
final class RegressionReport {

    private RegressionReport() {
    }

    static boolean applies(SmokeRunResult result) {
        return result.suites().contains("regression") || !result.regression().isEmpty();
    }

    /** The tier's rows: ID, text, aggregated status, reason or proof. */
    static List<String[]> rows(SmokeRunResult result) {
        List<String[]> rows = new ArrayList<>();
        if (!result.suites().contains("regression")) {
            return rows;
        }
        for (String id : RegressionItems.ids()) {
            CheckStatus status = result.statusOf(id);
            String detail = "";
            for (CheckResult c : result.checksFor(id)) {
                if (c.status() == status && status != CheckStatus.PASSED && c.message() != null) {
                    detail = ChecklistReport.detail(c);
                    break;
                }
                if (c.status() == status && status == CheckStatus.PASSED) {
                    detail = c.proof().map(ChecklistReport::requestLine).orElse("");
                }
            }
            rows.add(new String[]{id, RegressionItems.text(id), status.name(), detail});
        }
        return rows;
    }

    /** Violations grouped by operation, in order of appearance. */
    static Map<String, List<ContractViolation>> byOperation(RegressionRecord record) {
        Map<String, List<ContractViolation>> out = new LinkedHashMap<>();
        for (ContractViolation v : record.contractViolations()) {
            out.computeIfAbsent(v.operation(), k -> new ArrayList<>()).add(v);
        }
        return out;
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f %%", rate * 100);
    }

    // ------------------------------------------------------------------ markdown

    static void markdown(SmokeRunResult result, StringBuilder md) {
        if (!applies(result)) {
            return;
        }
        RegressionRecord record = result.regression();
        md.append("\n## Regression tier\n\n");
        List<String[]> rows = rows(result);
        if (!rows.isEmpty()) {
            md.append("| ID | Check | Status | Proof / reason |\n|---|---|---|---|\n");
            for (String[] r : rows) {
                md.append("| ").append(r[0]).append(" | ").append(cell(r[1])).append(" | ")
                        .append(ChecklistReport.icon(CheckStatus.valueOf(r[2]))).append(" | ").append(cell(r[3]))
                        .append(" |\n");
            }
        }
        md.append("\n### Contract conformance\n\n");
        if (record.specChecked().isEmpty()) {
            md.append("Not checked: no OpenAPI spec given (`beelms.smoke.spec` / `--spec`).\n");
        } else {
            md.append("Spec `").append(record.spec()).append("`: ").append(record.validatedResponses())
                    .append(" response(s) validated, ").append(record.contractViolations().size())
                    .append(" deviation(s), ").append(record.unmatchedResponses())
                    .append(" response(s) matched no operation (not compared).\n");
            Map<String, List<ContractViolation>> ops = byOperation(record);
            if (!ops.isEmpty()) {
                md.append("\n| Operation | Request | Status | Rule | Deviation |\n|---|---|---|---|---|\n");
                ops.forEach((op, list) -> list.forEach(v -> md.append("| ").append(cell(op)).append(" | ")
                        .append(cell(v.request())).append(" | ").append(v.status()).append(" | ").append(cell(v.key()))
                        .append(" | ").append(cell(v.message())).append(" |\n")));
            }
        }
        if (!record.observations().isEmpty()) {
            md.append("\n### Security headers, CORS and notes (information)\n\n| Topic | Subject | Observed |\n|---|---|---|\n");
            for (Observation o : record.observations()) {
                md.append("| ").append(cell(o.topic())).append(" | ").append(cell(o.subject())).append(" | ")
                        .append(cell(o.detail())).append(" |\n");
            }
        }
        record.loadReport().ifPresent(load -> {
            md.append("\n### Parallel-user smoke\n\n");
            md.append("- ").append(load.users()).append(" virtual users on ").append(load.accounts())
                    .append(" account(s) (one login each) for ").append(load.duration().toMillis()).append(" ms\n");
            md.append("- ").append(load.requests()).append(" requests, ").append(load.errors()).append(" errors (")
                    .append(percent(load.errorRate())).append("; threshold ").append(percent(load.maxErrorRate()))
                    .append("), p95 threshold ").append(load.maxP95().toMillis()).append(" ms per endpoint\n");
            md.append("- Verdict: ").append(load.passed() ? "✅ within thresholds"
                    : "❌ " + cell(String.join("; ", load.breaches()))).append("\n\n");
            md.append("| Endpoint | Requests | Errors | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|\n");
            for (EndpointLoad e : load.endpoints()) {
                md.append("| ").append(cell(e.endpoint())).append(" | ").append(e.requests()).append(" | ")
                        .append(e.errors()).append(" | ").append(e.p50().toMillis()).append(" ms | ")
                        .append(e.p95().toMillis()).append(" ms | ").append(e.p99().toMillis()).append(" ms | ")
                        .append(e.max().toMillis()).append(" ms |\n");
            }
        });
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ");
    }

    // ------------------------------------------------------------------ html

    static void html(SmokeRunResult result, StringBuilder h) {
        if (!applies(result)) {
            return;
        }
        RegressionRecord record = result.regression();
        h.append("<h2>Regression tier</h2>\n");
        List<String[]> rows = rows(result);
        if (!rows.isEmpty()) {
            h.append("<table><tr><th>ID</th><th>Check</th><th>Status</th><th>Proof / reason</th></tr>\n");
            for (String[] r : rows) {
                h.append("<tr><td>").append(esc(r[0])).append("</td><td>").append(esc(r[1])).append("</td><td class=\"")
                        .append(r[2]).append("\">").append(r[2]).append("</td><td><code>").append(esc(r[3]))
                        .append("</code></td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h3>Contract conformance</h3>\n");
        if (record.specChecked().isEmpty()) {
            h.append("<p>Not checked: no OpenAPI spec given (<code>beelms.smoke.spec</code> / <code>--spec</code>).</p>\n");
        } else {
            h.append("<p>Spec <code>").append(esc(record.spec())).append("</code>: ").append(record.validatedResponses())
                    .append(" response(s) validated, ").append(record.contractViolations().size()).append(" deviation(s), ")
                    .append(record.unmatchedResponses()).append(" response(s) matched no operation (not compared).</p>\n");
            Map<String, List<ContractViolation>> ops = byOperation(record);
            if (!ops.isEmpty()) {
                h.append("<table><tr><th>Operation</th><th>Request</th><th>Status</th><th>Rule</th><th>Deviation</th></tr>\n");
                ops.forEach((op, list) -> list.forEach(v -> h.append("<tr><td>").append(esc(op)).append("</td><td><code>")
                        .append(esc(v.request())).append("</code></td><td>").append(v.status()).append("</td><td>")
                        .append(esc(v.key())).append("</td><td>").append(esc(v.message())).append("</td></tr>\n")));
                h.append("</table>\n");
            }
        }
        if (!record.observations().isEmpty()) {
            h.append("<h3>Security headers, CORS and notes (information)</h3>\n<table><tr><th>Topic</th><th>Subject</th><th>Observed</th></tr>\n");
            for (Observation o : record.observations()) {
                h.append("<tr><td>").append(esc(o.topic())).append("</td><td>").append(esc(o.subject()))
                        .append("</td><td>").append(esc(o.detail())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        record.loadReport().ifPresent(load -> html(load, h));
    }

    private static void html(LoadReport load, StringBuilder h) {
        h.append("<h3>Parallel-user smoke</h3>\n<p>").append(load.users()).append(" virtual users on ")
                .append(load.accounts()).append(" account(s) for ").append(load.duration().toMillis()).append(" ms: ")
                .append(load.requests()).append(" requests, ").append(load.errors()).append(" errors (")
                .append(esc(percent(load.errorRate()))).append("; threshold ").append(esc(percent(load.maxErrorRate())))
                .append("), p95 threshold ").append(load.maxP95().toMillis()).append(" ms. <span class=\"")
                .append(load.passed() ? "PASSED\">within thresholds" : "FAILED\">" + esc(String.join("; ", load.breaches())))
                .append("</span></p>\n<table><tr><th>Endpoint</th><th>Requests</th><th>Errors</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>\n");
        for (EndpointLoad e : load.endpoints()) {
            h.append("<tr><td>").append(esc(e.endpoint())).append("</td><td>").append(e.requests()).append("</td><td>")
                    .append(e.errors()).append("</td><td>").append(e.p50().toMillis()).append(" ms</td><td>")
                    .append(e.p95().toMillis()).append(" ms</td><td>").append(e.p99().toMillis()).append(" ms</td><td>")
                    .append(e.max().toMillis()).append(" ms</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String esc(String s) {
        return ChecklistReport.esc(s);
    }
}
