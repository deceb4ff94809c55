package org.beelms.plugin.rollout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.beelms.plugin.deploy.HookResult;
import org.beelms.plugin.deploy.HookRunner;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.report.GateReport;

/**
 * Runs an environment's {@code <notifyCommand>} after a failed deploy or rollback: first the run's
 * {@code summary.md} is written (so {@code BEELMS_REPORT} exists), then the command runs through
 * the {@link HookRunner} (bounded by the hook timeout, output to a redacted log, the command text
 * never printed) with the {@link FailureNotice}'s variables. Its failure is a WARNING finding: it
 * is reported, and the deploy's own result stands.
 */
public final class NotifyHook {

  private final HookRunner hooks;
  private final Path reportDirectory;

  /**
   * @param hooks runs the command (the deploy's hook runner, with its timeout)
   * @param reportDirectory {@code target/beelms-release}, where {@code summary.md} is written
   */
  public NotifyHook(HookRunner hooks, Path reportDirectory) {
    this.hooks = Objects.requireNonNull(hooks, "hooks");
    this.reportDirectory = Objects.requireNonNull(reportDirectory, "reportDirectory");
  }

  /** The report the notice names: {@code summary.md} of the run. */
  public Path report() {
    return reportDirectory.resolve(GateReport.MARKDOWN_FILE);
  }

  /**
   * Writes {@code soFar} as the run's summary, runs {@code command} with {@code notice}'s variables
   * and says how it went; never throws for the command's own failure.
   *
   * @param command the {@code <notifyCommand>}; nothing runs when empty
   */
  public List<Finding> notify(
      String command, FailureNotice notice, GateResult soFar, ReleaseListener listener) {
    if (command.isEmpty()) {
      return List.of();
    }
    String where = "<environments>/<environment> '" + notice.environment() + "' <notifyCommand>";
    try {
      new GateReport(List.of(soFar)).writeTo(reportDirectory);
      listener.progress(soFar.gate(), "running the <notifyCommand> of " + notice.environment()
          + " (timeout " + hooks.timeout().toSeconds() + " s): " + notice.summary());
      HookResult hook = hooks.run(notice.environment() + "-notify-hook", command, notice.variables());
      if (hook.succeeded()) {
        return List.of(Finding.info("notify hook " + hook.describe(), where));
      }
      return List.of(Finding.warning(
          "the notify hook " + hook.describe() + "; nobody may have been told, and the outcome above"
              + " stands", where,
          "check the command and its log; it gets BEELMS_OUTCOME, BEELMS_ENVIRONMENT, … (see"
              + " docs/environments.md), raise -Dbeelms.deploy.hookTimeout if it is slow"));
    } catch (IOException | RuntimeException e) {
      return List.of(Finding.warning(
          "the notify hook could not run: " + e.getMessage() + "; nobody may have been told, and the"
              + " outcome above stands", where, "check that the command can start in the project folder"));
    }
  }
}
