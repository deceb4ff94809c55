package org.beelms.smoke.report;

import org.beelms.smoke.client.PageVisit;
import org.beelms.smoke.runner.SmokeRunResult;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The checklist report's "Visual check" part: one entry per page the browser tier opened, in checklist order, with its
 * screenshot, what the check waited for and what the page showed, its console errors and failed requests — the page a
 * person looks through for Gate 3's visual check. Rendered only when the run opened pages.
 */
final class VisualCheckReport {

    private VisualCheckReport() {
    }

    /** The visits in checklist order (by their first item's position in the catalogue, then in run order). */
    static List<PageVisit> ordered(SmokeRunResult result) {
        List<String> order = ChecklistCatalog.items().stream().map(ChecklistCatalog.Item::id).toList();
        return result.pages().stream().sorted(Comparator.comparingInt(v -> v.checklistIds().isEmpty()
                ? Integer.MAX_VALUE : Math.max(0, order.indexOf(v.checklistIds().get(0))))).toList();
    }

    /** The screenshot's path as the report links it: relative to the report folder when it lies below it. */
    static String link(SmokeRunResult result, Path png) {
        Path dir = result.reportDirectory();
        if (dir != null && png.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())) {
            return dir.toAbsolutePath().normalize().relativize(png.toAbsolutePath().normalize()).toString()
                    .replace('\\', '/');
        }
        return png.toAbsolutePath().toUri().toString();
    }

    static void markdown(SmokeRunResult result, StringBuilder md) {
        if (result.pages().isEmpty()) {
            return;
        }
        md.append("\n## Visual check\n\n| Checklist | Page | Result | Screenshot |\n|---|---|---|---|\n");
        for (PageVisit v : ordered(result)) {
            md.append("| ").append(String.join(" ", v.checklistIds())).append(" | `").append(v.url()).append("` | ")
                    .append(v.ok() ? "✅ shows " + cell(v.shown()) : "❌ " + cell(v.problem()))
                    .append(v.notes().isEmpty() ? "" : "<br>ℹ️ " + cell(String.join("; ", v.notes())))
                    .append(v.logFile().map(l -> " ([browser log](" + link(result, l) + "))").orElse("")).append(" | ")
                    .append(v.screenshotFile().map(p -> "![" + String.join(" ", v.checklistIds()) + "]("
                            + link(result, p) + ")").orElse("(none)")).append(" |\n");
        }
    }

    static void html(SmokeRunResult result, StringBuilder h) {
        if (result.pages().isEmpty()) {
            return;
        }
        h.append("<h2 id=\"visual-check\">Visual check</h2>\n<p>Each page as the browser showed it after the check's "
                + "wait, in checklist order. Click a screenshot for full size.</p>\n");
        for (PageVisit v : ordered(result)) {
            String status = v.ok() ? "PASSED" : "FAILED";
            h.append("<section class=\"visual\"><h3>").append(ChecklistReport.esc(String.join(" ", v.checklistIds())))
                    .append(" <span class=\"").append(status).append("\">").append(status).append("</span></h3>\n");
            h.append("<p>").append(ChecklistReport.esc(v.check())).append("<br><code>")
                    .append(ChecklistReport.esc(v.url())).append("</code>");
            if (!v.landedOn().isEmpty() && !v.landedOn().equals(v.url())) {
                h.append(" → <code>").append(ChecklistReport.esc(v.landedOn())).append("</code>");
            }
            h.append(" · ").append(v.duration().toMillis()).append(" ms");
            if (v.status() > 0) {
                h.append(" · HTTP ").append(v.status());
            }
            h.append("<br>").append(v.ok() ? "Shows: " + ChecklistReport.esc(v.shown())
                    : "<span class=\"FAILED\">" + ChecklistReport.esc(v.problem()) + "</span>").append("</p>\n");
            if (!v.notes().isEmpty()) {
                h.append("<p>Notes:</p><ul>");
                v.notes().forEach(n -> h.append("<li>").append(ChecklistReport.esc(n)).append("</li>"));
                h.append("</ul>\n");
            }
            v.logFile().ifPresent(l -> h.append("<p><a href=\"").append(ChecklistReport.esc(link(result, l)))
                    .append("\">The browser driver's full messages</a></p>\n"));
            if (!v.consoleErrors().isEmpty()) {
                h.append("<p>Console errors:</p><ul>");
                v.consoleErrors().forEach(e -> h.append("<li><code>").append(ChecklistReport.esc(e)).append("</code></li>"));
                h.append("</ul>\n");
            }
            if (!v.failedRequests().isEmpty()) {
                h.append("<p>Failed requests:</p><ul>");
                v.failedRequests().forEach(e -> h.append("<li><code>").append(ChecklistReport.esc(e)).append("</code></li>"));
                h.append("</ul>\n");
            }
            v.screenshotFile().ifPresentOrElse(p -> {
                String link = ChecklistReport.esc(link(result, p));
                h.append("<a href=\"").append(link).append("\"><img src=\"").append(link).append("\" alt=\"")
                        .append(ChecklistReport.esc(v.url())).append("\" width=\"640\"></a>\n");
            }, () -> h.append("<p>(no screenshot: the browser could not take one)</p>\n"));
            h.append("</section>\n");
        }
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replaceAll("\\s*\\n\\s*", " ");
    }
}
