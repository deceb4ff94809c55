package org.beelms.plugin.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.beelms.plugin.deploy.HookRunner;
import org.beelms.plugin.deploy.Rollout;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.rollback.Rollback;
import org.beelms.plugin.rollback.RollbackPlan;
import org.beelms.plugin.rollback.RollbackSettings;

/**
 * {@code beelms:rollback} (a manual one) with the environment's {@code <notifyCommand>} run when it
 * fails: refused by the planner, target image missing, restore hook failed, or a step after the
 * tag moved failed. The rollback's own result is returned unchanged, plus the notify hook's
 * findings.
 */
public final class NotifyingRollback implements Gate {

  private final Rollback rollback;
  private final RollbackSettings settings;
  private final String notifyCommand;
  private final NotifyHook notifier;

  /**
   * @param notifyCommand the environment's {@code <notifyCommand>}; empty = the rollback alone
   * @param reportDirectory {@code target/beelms-release}
   */
  public NotifyingRollback(
      Rollback rollback, RollbackSettings settings, String notifyCommand, HookRunner hooks, Path reportDirectory) {
    this.rollback = Objects.requireNonNull(rollback, "rollback");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.notifyCommand = notifyCommand == null ? "" : notifyCommand.trim();
    this.notifier = new NotifyHook(hooks, reportDirectory);
  }

  @Override
  public String name() {
    return Rollback.NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    Rollback.Outcome outcome = rollback.rollBack(listener);
    if (!outcome.result().failed() || notifyCommand.isEmpty()) {
      return outcome.result();
    }
    RollbackPlan plan = outcome.plan();
    String result =
        outcome.rollout().map(Rollout.Result::outcome)
            .orElse(plan.decision().allowed() ? "not-moved" : "refused");
    FailureNotice notice =
        new FailureNotice(
            Rollback.NAME, result, settings.environment().name(), settings.environment().url().toString(),
            GuardedDeployment.noticed(plan.target()), GuardedDeployment.noticed(plan.current()), "-",
            plan.decision().allowed() ? "failed" : "refused", plan.decision().kind().label(),
            outcome.rollout().map(Rollout.Result::outcome).orElse(""),
            GuardedDeployment.noticed(outcome.moved() ? plan.target() : plan.current()), notifier.report(),
            settings.trigger().label() + " rollback of " + settings.environment().name() + " from "
                + plan.current().tag() + " to " + plan.target().tag() + " " + result,
            settings.actor());
    List<Finding> findings = new ArrayList<>(outcome.result().findings());
    findings.addAll(notifier.notify(notifyCommand, notice, outcome.result(), listener));
    return GateResult.of(name(), Duration.ZERO, findings, Severity.ERROR);
  }
}
