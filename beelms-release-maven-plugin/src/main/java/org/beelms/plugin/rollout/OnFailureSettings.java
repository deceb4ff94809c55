package org.beelms.plugin.rollout;

import java.util.Objects;

/**
 * How a deploy or rollback acts on its own failure, resolved once by the Mojo.
 *
 * @param onFailure {@code -Dbeelms.deploy.onFailure}, else the environment's {@code <onFailure>},
 *     else {@link OnFailure#STOP}
 * @param notifyCommand the environment's {@code <notifyCommand>}, run after a failed deploy or
 *     rollback; empty when none. May carry a secret: never printed
 * @param dryRun {@code -Dbeelms.dryRun}: print what the deploy would do, and on failure, only
 */
public record OnFailureSettings(OnFailure onFailure, String notifyCommand, boolean dryRun) {

  public OnFailureSettings {
    Objects.requireNonNull(onFailure, "onFailure");
    notifyCommand = notifyCommand == null ? "" : notifyCommand.trim();
  }

  @Override
  public String toString() {
    return "OnFailureSettings[onFailure=" + onFailure.label() + ", notifyCommand="
        + (notifyCommand.isEmpty() ? "" : "***") + ", dryRun=" + dryRun + "]";
  }
}
