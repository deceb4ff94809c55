package org.beelms.plugin.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.git.TempGitRepo;

/**
 * Times a whole migrations-check, embedded PostgreSQL start included, on generated projects of
 * N migrations (two thirds released at v0.1.0, one third new). Run by {@code
 * bench/migrations-check.sh}; not a test, and nothing asserts on time.
 *
 * <p>Arguments: the sizes to run (default {@code 15 30 60 120}); each size runs {@code
 * -Dbench.runs} times (default 3) after one warm-up run of the smallest size.
 */
public final class MigrationsCheckBenchmark {

  private MigrationsCheckBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = new ArrayList<>();
    for (String a : args) {
      sizes.add(Integer.parseInt(a));
    }
    if (sizes.isEmpty()) {
      sizes.addAll(List.of(15, 30, 60, 120));
    }
    int runs = Integer.getInteger("bench.runs", 3);
    runOnce(sizes.get(0));
    System.out.println("migrations  run  total_ms  pg_start_ms  findings  status");
    for (int size : sizes) {
      for (int run = 1; run <= runs; run++) {
        Timing t = runOnce(size);
        System.out.printf(Locale.ROOT, "%10d  %3d  %8d  %11d  %8d  %s%n",
            size, run, t.totalMs, t.startMs, t.findings, t.status);
      }
    }
  }

  private record Timing(long totalMs, long startMs, int findings, String status) {}

  private static Timing runOnce(int size) throws Exception {
    Path dir = Files.createTempDirectory("beelms-migrations-bench-");
    try (TempGitRepo repo = TempGitRepo.init(dir)) {
      int released = Math.max(1, size * 2 / 3);
      for (int i = 1; i <= released; i++) {
        repo.write("db/migration/" + name(i), migration(i));
      }
      repo.commitAll("released");
      repo.tag("v0.1.0");
      for (int i = released + 1; i <= size; i++) {
        repo.write("db/migration/" + name(i), migration(i));
      }
      repo.commitAll("new");
      long[] started = {0};
      long[] origin = {System.nanoTime()};
      ReleaseListener listener =
          new ReleaseListener() {
            @Override
            public void progress(String gate, String message) {
              if (Boolean.getBoolean("bench.trace")) {
                System.out.printf(Locale.ROOT, "    +%5d ms  %s%n", (System.nanoTime() - origin[0]) / 1_000_000, message);
              }
              if (message.startsWith("embedded PostgreSQL started in ")) {
                started[0] = Long.parseLong(message.replaceAll("\\D", ""));
              }
            }
          };
      long t0 = System.nanoTime();
      origin[0] = t0;
      MigrationsCheckResult result =
          new MigrationsCheck(
                  MigrationsSettings.of(dir.resolve("db/migration"))
                      .withReleaseVersion(SemanticVersion.parse("0.2.0").orElseThrow()))
              .run(listener);
      long total = (System.nanoTime() - t0) / 1_000_000;
      return new Timing(total, started[0], result.gate().findings().size(), result.gate().status().name());
    } finally {
      deleteTree(dir);
    }
  }

  private static String name(int i) {
    return "V" + i + "__table_" + i + ".sql";
  }

  /** A realistic migration: a table with a FK, defaults and a check, an index, seed rows. */
  static String migration(int i) {
    StringBuilder sql = new StringBuilder();
    sql.append("-- generated migration ").append(i).append('\n');
    sql.append("CREATE TABLE t").append(i).append(" (\n")
        .append("    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n")
        .append("    name text NOT NULL,\n")
        .append("    amount numeric(12, 2) NOT NULL DEFAULT 0 CHECK (amount >= 0),\n")
        .append("    created_at timestamptz NOT NULL DEFAULT now()");
    if (i > 1) {
      sql.append(",\n    parent_id bigint REFERENCES t").append(i - 1).append(" (id)");
    }
    sql.append("\n);\n");
    sql.append("CREATE UNIQUE INDEX t").append(i).append("_name_key ON t").append(i).append(" (lower(name));\n");
    sql.append("INSERT INTO t").append(i).append(" (name) SELECT 'row ' || g FROM generate_series(1, 50) g;\n");
    if (i > 1) {
      sql.append("ALTER TABLE t").append(i - 1).append(" ADD COLUMN note_").append(i).append(" text;\n");
    }
    return sql.toString();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
