package org.beelms.plugin.migrations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own migration command (e.g. {@code npm --prefix be run migration:run}), run by
 * {@code sh -c} against a scratch database whose coordinates it finds in {@code DB_HOST},
 * {@code DB_PORT}, {@code DB_USER}, {@code DB_PASSWORD}, {@code DB_NAME} and {@code DATABASE_URL};
 * bounded in time, its output in a log file, never on the console.
 *
 * @param command the shell command
 * @param directory where it runs at HEAD (the project's root); at the previous tag, the same
 *     folder of an export of the tag
 * @param timeout how long one run may take
 * @param shared working-tree paths (e.g. {@code be/node_modules}, gitignored and so not in the
 *     export of the tag) made available in the previous tag's export as symbolic links to the
 *     working tree's, so the command finds its dependencies there without a package registry
 */
public record MigrationCommand(String command, Path directory, Duration timeout, List<Path> shared) {

  private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*");

  public MigrationCommand {
    directory = directory.toAbsolutePath().normalize();
    shared = shared == null ? List.of() : shared.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** Without shared paths. */
  public MigrationCommand(String command, Path directory, Duration timeout) {
    this(command, directory, timeout, List.of());
  }

  /**
   * Runs the command in {@code dir} against {@code db}, output appended to {@code log}.
   *
   * @return empty on exit code 0, else why it failed (exit code, timeout, the log's last lines)
   */
  Optional<String> run(Path dir, ScratchDatabase db, Path log) throws IOException {
    JdbcTarget target = db.connection();
    Matcher m = JDBC.matcher(target.url());
    if (!m.matches()) {
      return Optional.of("cannot derive DB_HOST/DB_PORT/DB_NAME from " + target.safeUrl());
    }
    String host = m.group(1);
    String port = m.group(2) == null ? "5432" : m.group(2);
    String name = m.group(3);
    String user = target.user() == null ? "" : target.user();
    String password = target.password() == null ? "" : target.password();
    ProcessBuilder pb = new ProcessBuilder(List.of("sh", "-c", command)).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("DB_HOST", host);
    env.put("DB_PORT", port);
    env.put("DB_USER", user);
    env.put("DB_PASSWORD", password);
    env.put("DB_NAME", name);
    env.put("DATABASE_URL", "postgres://" + user + (password.isEmpty() ? "" : ":" + password)
        + "@" + host + ":" + port + "/" + name);
    if (!"public".equals(db.schema())) {
      env.put("PGOPTIONS", "-c search_path=" + db.schema());
    }
    Files.createDirectories(log.getParent());
    Files.writeString(log, "$ " + command + "   (in " + dir + ", database " + name + ")\n",
        StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return Optional.of("timed out after " + timeout.toSeconds() + " s" + tail(log, target));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return Optional.of("interrupted");
    }
    return p.exitValue() == 0
        ? Optional.empty()
        : Optional.of("exit code " + p.exitValue() + tail(log, target));
  }

  private static String tail(Path log, JdbcTarget target) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
    return "; last lines: " + target.redact(String.join(" | ", last));
  }
}
