package org.beelms.plugin.smoke;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.smoke.client.ContractDeviation;
import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.report.ChecklistReport;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;

/** Turns a smoke run's result into the gate's findings, in the order a reader needs them. */
final class SmokeFindings {

  private SmokeFindings() {}

  static List<Finding> of(SmokeSettings settings, SmokeRunResult result) {
    Environment environment = settings.environment();
    String target = settings.apiBaseUri().toString();
    Path markdown = markdownReport(settings);
    List<Finding> findings = new ArrayList<>();
    result.error().ifPresent(
        error ->
            findings.add(
                Finding.error(
                    "environment '" + environment.name() + "' is not usable, no check ran: " + error,
                    target,
                    SmokeSuggestions.targetUnusable(environment))));
    for (String problem : result.problems()) {
      findings.add(Finding.error(problem, target, SmokeSuggestions.runWideProblem(environment)));
    }
    for (CheckResult check : result.failedChecks()) {
      findings.add(
          withIds(
              Finding.error(
                  title(check) + (check.message() == null ? "" : ": " + check.message()),
                  endpoint(check).orElse(target),
                  SmokeSuggestions.failedCheck(markdown)),
              check));
    }
    for (CheckResult check : result.waivedChecks()) {
      findings.add(
          withIds(
              Finding.warning(
                  "WAIVED (a known failure, not a pass): " + title(check) + " – "
                      + ChecklistReport.detail(check),
                  endpoint(check).orElse(target),
                  "fix it before " + check.waiverUsed().orElseThrow().expires()
                      + ", then remove the waiver at " + check.waiverUsed().orElseThrow().position()),
              check));
    }
    for (String note : result.waivers().notExercised()) {
      findings.add(Finding.info(note, ""));
    }
    for (CheckResult check : result.checks()) {
      if (check.status() == CheckStatus.SKIPPED) {
        findings.add(
            withIds(
                Finding.info(
                    "skipped: " + title(check)
                        + (check.message() == null ? "" : " (" + check.message().replaceFirst("^Assumption failed: ", "") + ")"),
                    ""),
                check));
      }
    }
    for (CheckResult check : result.checks()) {
      if (check.status() == CheckStatus.INFO) {
        findings.add(withIds(Finding.info("information (not a passed check): " + title(check), ""), check));
      }
    }
    for (ContractDeviation deviation : result.deviations()) {
      Finding f = Finding.info("contract deviation: " + deviation.describe(), deviation.request());
      findings.add(deviation.checklistIds().isEmpty() ? f : f.withChecklistId(deviation.checklistIds().get(0)));
    }
    findings.add(
        Finding.info(
            environment.name() + " (" + environment.modeName() + "): " + result.summaryLine()
                + ", exit code " + result.exitCode(),
            target));
    findings.add(
        Finding.info(
            result.requests().size() + " requests " + result.requestTimes(),
            target));
    findings.add(Finding.info("checklist report", markdown.toString()));
    return findings;
  }

  /** The request a failed check names: its first failed exchange, else its last one. */
  static Optional<String> endpoint(CheckResult check) {
    Optional<RecordedRequest> request =
        check.failedRequests().stream().findFirst().or(check::proof);
    return request.map(
        r -> r.method() + " " + r.url() + " → " + (r.transportError() ? "no answer" : String.valueOf(r.status())));
  }

  static Path markdownReport(SmokeSettings settings) {
    return settings.reportDirectory().toAbsolutePath().resolve(ChecklistReport.MARKDOWN_FILE);
  }

  /**
   * The check's display name without its leading checklist IDs, which the finding cites; further
   * IDs stay in front (e.g. {@code WS2-DEMO-1 POST /api/auth/register …} for a check citing two).
   */
  static String title(CheckResult check) {
    String name = check.displayName();
    if (!check.checklistIds().isEmpty() && name.startsWith(check.checklistIds().get(0) + " ")) {
      return name.substring(check.checklistIds().get(0).length() + 1);
    }
    return name;
  }

  /** Cites the check's first checklist ID; further IDs stay in the display name. */
  private static Finding withIds(Finding finding, CheckResult check) {
    return check.checklistIds().isEmpty() ? finding : finding.withChecklistId(check.checklistIds().get(0));
  }
}
