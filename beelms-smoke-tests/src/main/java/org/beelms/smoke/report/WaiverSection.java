package org.beelms.smoke.report;

import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.SmokeRunResult;
import org.beelms.smoke.waiver.SmokeWaiver;
import org.beelms.smoke.waiver.WaiverReview;

import java.util.List;

/**
 * The checklist report's "Waivers" section: the waiver file, each waiver that accepted a failure (with the checks it
 * waived), its errors (also run-wide problems) and the waivers not exercised. Absent when no file was configured.
 */
final class WaiverSection {

    private WaiverSection() {
    }

    static void markdown(SmokeRunResult result, StringBuilder md) {
        WaiverReview review = result.waivers();
        if (!review.configured()) {
            return;
        }
        md.append("\n## Waivers\n\n").append("Waiver file: `").append(review.file()).append("`\n\n");
        if (review.used().isEmpty()) {
            md.append("No failure was waived.\n");
        } else {
            md.append("| Waived | Until | Owner | Reason | Waiver | Checks |\n|---|---|---|---|---|---|\n");
            for (SmokeWaiver w : review.used()) {
                md.append("| ").append(ChecklistReport.cell(w.describe())).append(" | ").append(w.expires())
                        .append(" | ").append(ChecklistReport.cell(w.owner())).append(" | ")
                        .append(ChecklistReport.cell(w.reason())).append(" | ").append(ChecklistReport.cell(w.position()))
                        .append(" | ").append(ChecklistReport.cell(String.join("; ", checks(result, w)))).append(" |\n");
            }
        }
        if (!review.errors().isEmpty()) {
            md.append("\nErrors (each fails the run):\n\n");
            review.errors().forEach(e -> md.append("- ").append(ChecklistReport.cell(e)).append('\n'));
        }
        if (!review.notExercised().isEmpty()) {
            md.append("\nNot exercised in this run:\n\n");
            review.notExercised().forEach(e -> md.append("- ").append(ChecklistReport.cell(e)).append('\n'));
        }
    }

    static void html(SmokeRunResult result, StringBuilder h) {
        WaiverReview review = result.waivers();
        if (!review.configured()) {
            return;
        }
        h.append("<h2>Waivers</h2>\n<p>Waiver file: <code>").append(ChecklistReport.esc(review.file()))
                .append("</code></p>\n");
        if (review.used().isEmpty()) {
            h.append("<p>No failure was waived.</p>\n");
        } else {
            h.append("<table><tr><th>Waived</th><th>Until</th><th>Owner</th><th>Reason</th><th>Waiver</th>")
                    .append("<th>Checks</th></tr>\n");
            for (SmokeWaiver w : review.used()) {
                h.append("<tr><td class=\"WAIVED\">").append(ChecklistReport.esc(w.describe())).append("</td><td>")
                        .append(w.expires()).append("</td><td>").append(ChecklistReport.esc(w.owner()))
                        .append("</td><td>").append(ChecklistReport.esc(w.reason())).append("</td><td><code>")
                        .append(ChecklistReport.esc(w.position())).append("</code></td><td>")
                        .append(ChecklistReport.esc(String.join("; ", checks(result, w)))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!review.errors().isEmpty()) {
            h.append("<p>Errors (each fails the run):</p><ul>");
            review.errors().forEach(e -> h.append("<li class=\"FAILED\">").append(ChecklistReport.esc(e)).append("</li>"));
            h.append("</ul>\n");
        }
        if (!review.notExercised().isEmpty()) {
            h.append("<p>Not exercised in this run:</p><ul>");
            review.notExercised().forEach(e -> h.append("<li>").append(ChecklistReport.esc(e)).append("</li>"));
            h.append("</ul>\n");
        }
    }

    private static List<String> checks(SmokeRunResult result, SmokeWaiver waiver) {
        return result.waivedChecks().stream().filter(c -> c.waiverUsed().orElseThrow().equals(waiver))
                .map(CheckResult::displayName).toList();
    }
}
