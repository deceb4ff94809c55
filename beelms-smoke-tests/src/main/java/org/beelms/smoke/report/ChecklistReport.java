package org.beelms.smoke.report;

import org.beelms.smoke.client.ContractDeviation;
import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.client.ResidueEntry;
import org.beelms.smoke.client.RetryRecord;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link SmokeRunResult} as the checklist report: {@code checklist-report.md} and
 * {@code checklist-report.html}. Per checklist item: ID, English check text, status, the request that proved it and
 * its time; failures with method, URL, status and a short body excerpt; skips with their reason; then contract
 * deviations, retries and residue. Works only from the (already redacted) result.
 */
public final class ChecklistReport {
    public static final String MARKDOWN_FILE = "checklist-report.md";
    public static final String HTML_FILE = "checklist-report.html";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private ChecklistReport() {
    }

    /** Writes both files to {@code dir}. */
    public static void write(SmokeRunResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKDOWN_FILE), markdown(result), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML_FILE), html(result), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row per checklist item of the selected suites. */
    record Row(String id, String section, String text, CheckStatus status, String proof, String reason) {
    }

    static List<Row> rows(SmokeRunResult result) {
        List<Row> rows = new ArrayList<>();
        for (ChecklistCatalog.Item item : ChecklistCatalog.items()) {
            String suite = ChecklistCatalog.suiteOf(item.id());
            if (!result.suites().contains("smoke") && !result.suites().contains(suite)
                    && result.checksFor(item.id()).isEmpty()) {
                continue;
            }
            CheckStatus status = result.statusOf(item.id());
            List<CheckResult> citing = result.checksFor(item.id());
            String proof = "";
            String reason = "";
            for (CheckResult c : citing) {
                if (c.status() == status && status == CheckStatus.PASSED && proof.isEmpty()) {
                    proof = passedDetail(c);
                }
                if (c.status() == status && status != CheckStatus.PASSED && reason.isEmpty()) {
                    reason = c.message() == null ? "" : c.message();
                    proof = c.failedRequests().stream().findFirst().or(c::proof).map(ChecklistReport::requestLine).orElse("");
                }
            }
            if (status == CheckStatus.NOT_RUN) {
                reason = result.error().isPresent() ? "not run: the run stopped before the checks" : "not run";
            }
            rows.add(new Row(item.id(), item.section(), item.text(), status, proof, reason));
        }
        return rows;
    }

    /** A passed check's proof: what it said proved it (if anything), then the request it ended on. */
    static String passedDetail(CheckResult c) {
        String request = c.proof().map(ChecklistReport::requestLine).orElse("");
        if (c.message() == null || c.message().isEmpty()) {
            return request;
        }
        return c.message() + (request.isEmpty() ? "" : " — " + request);
    }

    static String requestLine(RecordedRequest r) {
        String outcome = r.transportError() ? "transport error: " + r.error() : String.valueOf(r.status());
        String line = r.method() + " " + r.url() + " → " + outcome + " (" + r.duration().toMillis() + " ms at "
                + TIME.format(r.at()) + "Z)";
        if (r.bodyExcerpt() != null && !r.bodyExcerpt().isEmpty()) {
            line += " body: " + r.bodyExcerpt();
        }
        return line;
    }

    static String icon(CheckStatus s) {
        return switch (s) {
            case PASSED -> "✅ PASSED";
            case FAILED -> "❌ FAILED";
            case SKIPPED -> "⏭️ SKIPPED";
            case INFO -> "ℹ️ INFO";
            case NOT_RUN -> "▫️ NOT RUN";
        };
    }

    // ------------------------------------------------------------------ markdown

    public static String markdown(SmokeRunResult result) {
        StringBuilder md = new StringBuilder();
        md.append("# beelms core smoke report – ").append(result.environment()).append("\n\n");
        md.append("- Target: `").append(result.target()).append("`\n");
        md.append("- Mode: ").append(result.mode()).append(" · suites: ").append(String.join(", ", result.suites().stream().sorted().toList())).append("\n");
        md.append("- Started: ").append(result.started()).append(" · duration: ").append(result.duration().toMillis()).append(" ms\n");
        md.append("- Result: **").append(result.summaryLine()).append("** · exit code ").append(result.exitCode()).append("\n\n");
        result.error().ifPresent(e -> md.append("> **Run stopped:** ").append(cell(e)).append("\n\n"));
        if (!result.problems().isEmpty()) {
            md.append("## Run-wide problems\n\n");
            result.problems().forEach(p -> md.append("- ").append(cell(p)).append("\n"));
            md.append("\n");
        }
        md.append("## Checklist\n");
        String section = null;
        for (Row row : rows(result)) {
            if (!row.section().equals(section)) {
                section = row.section();
                md.append("\n### ").append(section).append("\n\n");
                md.append("| ID | Check | Status | Proof / reason |\n|---|---|---|---|\n");
            }
            String detail = row.status() == CheckStatus.PASSED ? row.proof()
                    : (row.reason().isEmpty() ? "" : row.reason()) + (row.proof().isEmpty() ? "" : " — " + row.proof());
            md.append("| ").append(row.id()).append(" | ").append(cell(row.text())).append(" | ")
                    .append(icon(row.status())).append(" | ").append(cell(detail)).append(" |\n");
        }
        md.append("\n## Checks\n\n| Check | Status | Time | Detail |\n|---|---|---|---|\n");
        for (CheckResult c : result.checks()) {
            String detail = c.status() == CheckStatus.PASSED ? passedDetail(c)
                    : (c.message() == null ? "" : c.message());
            md.append("| ").append(cell(c.displayName())).append(" | ").append(icon(c.status())).append(" | ")
                    .append(c.duration().toMillis()).append(" ms | ").append(cell(detail)).append(" |\n");
        }
        List<CheckResult> failed = result.failedChecks();
        if (!failed.isEmpty()) {
            md.append("\n## Failures\n");
            for (CheckResult c : failed) {
                md.append("\n### ").append(c.displayName()).append("\n\n").append(cell(c.message())).append("\n\n");
                List<RecordedRequest> shown = c.failedRequests().isEmpty() ? c.requests() : c.failedRequests();
                shown.stream().limit(10).forEach(r -> md.append("- `").append(requestLine(r).replace("`", "'")).append("`\n"));
            }
        }
        VisualCheckReport.markdown(result, md);
        RegressionReport.markdown(result, md);
        md.append("\n## Contract deviations\n\n");
        if (result.deviations().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| Checklist | Operation | Request | Status | Checklist says | Note |\n|---|---|---|---|---|---|\n");
            for (ContractDeviation d : result.deviations()) {
                md.append("| ").append(String.join(" ", d.checklistIds())).append(" | ").append(d.operation()).append(" | ")
                        .append(cell(d.request())).append(" | ").append(d.status()).append(" | ").append(d.contract())
                        .append(" | ").append(cell(d.note() == null ? "" : d.note())).append(" |\n");
            }
        }
        md.append("\n## Retries (warm-up)\n\n");
        if (result.retries().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| Attempt | Request | Outcome | Waited |\n|---|---|---|---|\n");
            for (RetryRecord r : result.retries()) {
                md.append("| ").append(r.attempt()).append(" | ").append(cell(r.request())).append(" | ")
                        .append(cell(r.outcome())).append(" | ").append(r.waited().toMillis()).append(" ms |\n");
            }
        }
        md.append("\n## Residue\n\n");
        if (result.residue().isEmpty()) {
            md.append("The run created nothing on the target.\n");
        } else {
            md.append("| Kind | What | Detail |\n|---|---|---|\n");
            for (ResidueEntry e : result.residue()) {
                md.append("| ").append(e.kind().name().toLowerCase()).append(" | ").append(cell(e.what())).append(" | ")
                        .append(cell(e.detail())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ");
    }

    // ------------------------------------------------------------------ html

    public static String html(SmokeRunResult result) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>beelms core smoke report – ")
                .append(esc(result.environment())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}")
                .append(".PASSED{color:#070}.FAILED{color:#b00;font-weight:bold}.SKIPPED{color:#a60}.INFO{color:#06c}.NOT_RUN{color:#777}")
                .append("code{font-size:90%}section.visual{border-top:1px solid #ccc;padding:.5em 0}")
                .append("section.visual img{border:1px solid #999;max-width:100%}</style></head><body>\n");
        h.append("<h1>beelms core smoke report – ").append(esc(result.environment())).append("</h1>\n<ul>");
        h.append("<li>Target: <code>").append(esc(String.valueOf(result.target()))).append("</code></li>");
        h.append("<li>Mode: ").append(esc(result.mode())).append(" · suites: ")
                .append(esc(String.join(", ", result.suites().stream().sorted().toList()))).append("</li>");
        h.append("<li>Started: ").append(result.started()).append(" · duration: ").append(result.duration().toMillis()).append(" ms</li>");
        h.append("<li>Result: <strong>").append(esc(result.summaryLine())).append("</strong> · exit code ")
                .append(result.exitCode()).append("</li></ul>\n");
        result.error().ifPresent(e -> h.append("<p class=\"FAILED\">Run stopped: ").append(esc(e)).append("</p>\n"));
        if (!result.problems().isEmpty()) {
            h.append("<h2>Run-wide problems</h2><ul>");
            result.problems().forEach(p -> h.append("<li class=\"FAILED\">").append(esc(p)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<h2>Checklist</h2>\n");
        Map<String, List<Row>> bySection = new LinkedHashMap<>();
        for (Row row : rows(result)) {
            bySection.computeIfAbsent(row.section(), k -> new ArrayList<>()).add(row);
        }
        bySection.forEach((section, rows) -> {
            h.append("<h3>").append(esc(section)).append("</h3>\n<table><tr><th>ID</th><th>Check</th><th>Status</th><th>Proof / reason</th></tr>\n");
            for (Row row : rows) {
                String detail = row.status() == CheckStatus.PASSED ? row.proof()
                        : row.reason() + (row.proof().isEmpty() ? "" : " — " + row.proof());
                h.append("<tr><td>").append(esc(row.id())).append("</td><td>").append(esc(row.text()))
                        .append("</td><td class=\"").append(row.status().name()).append("\">").append(row.status().name())
                        .append("</td><td><code>").append(esc(detail)).append("</code></td></tr>\n");
            }
            h.append("</table>\n");
        });
        h.append("<h2>Checks</h2>\n<table><tr><th>Check</th><th>Status</th><th>Time</th><th>Requests</th></tr>\n");
        for (CheckResult c : result.checks()) {
            h.append("<tr><td>").append(esc(c.displayName())).append("</td><td class=\"").append(c.status().name())
                    .append("\">").append(c.status().name()).append("</td><td>").append(c.duration().toMillis())
                    .append(" ms</td><td>");
            if (c.message() != null && c.status() != CheckStatus.PASSED) {
                h.append("<p>").append(esc(c.message())).append("</p>");
            }
            List<RecordedRequest> shown = c.status() == CheckStatus.FAILED && !c.failedRequests().isEmpty()
                    ? c.failedRequests() : c.proof().map(List::of).orElse(List.of());
            shown.stream().limit(10).forEach(r -> h.append("<code>").append(esc(requestLine(r))).append("</code><br>"));
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        VisualCheckReport.html(result, h);
        RegressionReport.html(result, h);
        h.append("<h2>Contract deviations</h2>\n");
        if (result.deviations().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table><tr><th>Checklist</th><th>Operation</th><th>Request</th><th>Status</th><th>Checklist says</th><th>Note</th></tr>\n");
            for (ContractDeviation d : result.deviations()) {
                h.append("<tr><td>").append(esc(String.join(" ", d.checklistIds()))).append("</td><td>").append(esc(d.operation()))
                        .append("</td><td><code>").append(esc(d.request())).append("</code></td><td>").append(d.status())
                        .append("</td><td>").append(esc(String.valueOf(d.contract()))).append("</td><td>")
                        .append(esc(d.note() == null ? "" : d.note())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Retries (warm-up)</h2>\n");
        if (result.retries().isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<table><tr><th>Attempt</th><th>Request</th><th>Outcome</th><th>Waited</th></tr>\n");
            for (RetryRecord r : result.retries()) {
                h.append("<tr><td>").append(r.attempt()).append("</td><td><code>").append(esc(r.request()))
                        .append("</code></td><td>").append(esc(r.outcome())).append("</td><td>")
                        .append(r.waited().toMillis()).append(" ms</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("<h2>Residue</h2>\n");
        if (result.residue().isEmpty()) {
            h.append("<p>The run created nothing on the target.</p>\n");
        } else {
            h.append("<table><tr><th>Kind</th><th>What</th><th>Detail</th></tr>\n");
            for (ResidueEntry e : result.residue()) {
                h.append("<tr><td>").append(e.kind().name().toLowerCase()).append("</td><td>").append(esc(e.what()))
                        .append("</td><td>").append(esc(e.detail())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
