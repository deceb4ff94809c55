package org.beelms.plugin.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs an environment's hook ({@code <deployCommand>}, {@code <restoreCommand>}) through the
 * system shell with the deployment's variables in its environment and a bounded time. Its output
 * goes to a log file; only when it fails, its last {@value #TAIL_LINES} lines go into the ERROR
 * finding, <em>redacted</em> ({@link #redactTail}): values of its secret-looking environment
 * variables, bearer tokens, JWTs, {@code password=…} and {@code scheme://user:pass@}. The command
 * text is never logged, since it may carry a secret. A hook that starts a server in the
 * background ({@code nohup … &}) returns as soon as the shell exits.
 */
public final class HookRunner {

  private static final int TAIL_LINES = 15;

  private final Path workingDirectory;
  private final Path logDirectory;
  private final Duration timeout;

  /**
   * @param workingDirectory where the command runs (the project folder)
   * @param logDirectory where each run's output file is written
   * @param timeout how long a hook may run before it is stopped
   */
  public HookRunner(Path workingDirectory, Path logDirectory, Duration timeout) {
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "the hook timeout is " + timeout + "; give a positive duration, e.g."
              + " -Dbeelms.deploy.hookTimeout=PT5M");
    }
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * Runs {@code command} and waits for it, at most the timeout. Its output goes to the hook's log
   * file, which is then rewritten with the secrets masked ({@link #redactTail}): the raw output went
   * only to the hook itself, nothing on disk keeps a secret (deploy, restore and notify hooks alike).
   *
   * @param hook what runs, for messages and the log file's name (e.g. {@code staging-deploy})
   * @param variables added to the command's environment
   * @throws IOException when the shell cannot be started or the log cannot be written
   */
  public HookResult run(String hook, String command, Map<String, String> variables)
      throws IOException {
    Files.createDirectories(logDirectory);
    Path log = logDirectory.resolve(hook.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(shell(command))
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    builder.environment().putAll(variables);
    long start = System.nanoTime();
    Process process = builder.start();
    boolean finished;
    try {
      finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new IOException(hook + " was interrupted", e);
    }
    if (!finished) {
      stop(process);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    redactLog(log, builder.environment());
    return new HookResult(
        hook, finished ? process.exitValue() : -1, !finished, took, log,
        redactTail(tail(log), builder.environment()));
  }

  /**
   * The identity command's runner ({@code <identityCommand>}): run as a hook named {@code hook}
   * with its own bound, the log redacted as every hook's, and what it printed read back (at most
   * 4000 characters).
   */
  public org.beelms.plugin.identity.IdentityCheck.CommandRunner identityCommands(String hook) {
    return (command, variables, bound) -> {
      HookResult ran = new HookRunner(workingDirectory, logDirectory, bound).run(hook, command, variables);
      String text;
      try {
        text = Files.readString(ran.log(), StandardCharsets.UTF_8);
      } catch (IOException | java.io.UncheckedIOException e) {
        text = "";
      }
      return new org.beelms.plugin.identity.IdentityCheck.CommandRunner.Output(
          ran.timedOut() ? -1 : ran.exitCode(), ran.timedOut(), text.length() > 4000 ? text.substring(0, 4000) : text);
    };
  }

  /** Names of environment variables whose values are treated as secrets. */
  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile("(?i).*(PASSWORD|PASSWD|PASS|TOKEN|SECRET|CREDENTIAL|API_?KEY|PRIVATE_?KEY|AUTH|WEBHOOK).*");

  /**
   * {@code tail} with the values of the hook's secret-looking environment variables (name contains
   * PASSWORD, TOKEN, SECRET, KEY, AUTH, WEBHOOK…) replaced by {@code ***}, then bearer tokens, JWTs,
   * {@code password=…} and URL user info masked.
   */
  static String redactTail(String tail, Map<String, String> environment) {
    java.util.Set<String> secrets = new java.util.HashSet<>();
    environment.forEach((name, value) -> {
      if (value != null && SECRET_NAME.matcher(name).matches()) {
        secrets.add(value);
      }
    });
    return new org.beelms.smoke.client.Redactor(secrets).redact(tail);
  }

  /** Rewrites the hook's log with its secrets masked ({@link #redactTail}), so no secret stays on disk. */
  private static void redactLog(Path log, Map<String, String> environment) throws IOException {
    byte[] bytes = Files.readAllBytes(log);
    java.nio.charset.Charset charset = StandardCharsets.UTF_8;
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
    } catch (java.nio.charset.CharacterCodingException notUtf8) {
      // read byte for byte as ISO-8859-1, so the secrets (ASCII in practice) are still masked
      charset = StandardCharsets.ISO_8859_1;
    }
    String text = new String(bytes, charset);
    String redacted = redactTail(text, environment);
    if (!redacted.equals(text)) {
      Files.writeString(log, redacted, charset);
    }
  }

  private static List<String> shell(String command) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    return windows ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command);
  }

  private static java.io.File nullDevice() {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    return new java.io.File(windows ? "NUL" : "/dev/null");
  }

  /** Stops the hook and whatever it started in the foreground. */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }
}
