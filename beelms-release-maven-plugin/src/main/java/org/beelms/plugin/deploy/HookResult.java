package org.beelms.plugin.deploy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How one hook run ended.
 *
 * @param hook which hook ran, e.g. {@code deployCommand of staging}
 * @param exitCode the command's exit code; -1 when it was stopped at the timeout
 * @param timedOut true when it did not finish within its timeout and was stopped
 * @param duration how long it ran
 * @param log the file with everything it printed
 * @param tail the last lines it printed, for the error message
 */
public record HookResult(
    String hook, int exitCode, boolean timedOut, Duration duration, Path log, String tail) {

  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }

  /** One sentence on the outcome, naming the log. */
  public String describe() {
    String outcome =
        timedOut
            ? "was stopped after " + duration.toSeconds() + " s (its timeout)"
            : exitCode == 0
                ? "finished in " + duration.toMillis() + " ms"
                : "exited with " + exitCode + " after " + duration.toMillis() + " ms";
    return hook + " " + outcome + "; output in " + log.toAbsolutePath()
        + (succeeded() || tail.isBlank() ? "" : "; last lines:\n" + tail);
  }
}
