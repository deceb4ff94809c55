package org.beelms.plugin.backup;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.beelms.smoke.config.Credentials;

/**
 * Benchmark (not a test) of the backup + restore round trip through the reference core's admin
 * backup API on its seeded database: each run takes a backup (POST, job polled every 50 ms), reads
 * its size from the list, restores it (POST, job polled) and reads the migration history over
 * JDBC, as a deploy and a restoring rollback do. Run with bench/backup-restore.sh; figures in
 * docs/benchmarks.md.
 */
public final class BackupRestoreBenchmark {

  private BackupRestoreBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.runs", 5);
    Path work = Files.createTempDirectory("beelms-backup-bench-");
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30)).start()) {
      DatabaseAccess database = new DatabaseAccess(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
      try (ReferenceCoreProcess core = ReferenceCoreProcess.start(work.resolve("core.log"), "--jdbc-url",
          database.url(), "--jdbc-user", "postgres", "--backup-dir", work.resolve("backups").toString())) {
        AdminBackupApi api = new AdminBackupApi(core.api(), new Credentials(ReferenceCoreProcess.ADMIN_EMAIL,
            ReferenceCoreProcess.ADMIN_PASSWORD), Optional.empty(), "bench", Clock.systemUTC());
        Duration poll = Duration.ofMillis(50);
        api.await(api.startBackup(), Duration.ofMinutes(2), poll); // warm-up: login, JIT, first dump
        List<Long> backups = new ArrayList<>();
        List<Long> restores = new ArrayList<>();
        List<Long> verifies = new ArrayList<>();
        long size = 0;
        for (int i = 0; i < runs; i++) {
          long t0 = System.nanoTime();
          String id = api.await(api.startBackup(), Duration.ofMinutes(2), poll).backupId().orElseThrow();
          size = api.find(id).orElseThrow().sizeBytes();
          long t1 = System.nanoTime();
          AdminBackupApi.Job restored = api.await(api.startRestore(id), Duration.ofMinutes(2), poll);
          if (!restored.done()) {
            throw new IllegalStateException("restore failed: " + restored.error());
          }
          long t2 = System.nanoTime();
          MigrationHistory.Newest newest = MigrationHistory.read(database);
          long t3 = System.nanoTime();
          if (!newest.newest().orElse("").equals("3")) {
            throw new IllegalStateException("after the restore the history ends at " + newest.newest());
          }
          backups.add((t1 - t0) / 1_000_000);
          restores.add((t2 - t1) / 1_000_000);
          verifies.add((t3 - t2) / 1_000_000);
        }
        System.out.printf("backup + restore round trip on the seeded reference core, %d runs (job polled every %d ms)%n",
            runs, poll.toMillis());
        System.out.printf("dump size: %d bytes%n", size);
        System.out.printf("backup (POST, job, list):   median %d ms, min %d, max %d%n", median(backups),
            Collections.min(backups), Collections.max(backups));
        System.out.printf("restore (POST, job):        median %d ms, min %d, max %d%n", median(restores),
            Collections.min(restores), Collections.max(restores));
        System.out.printf("verify (migration history): median %d ms, min %d, max %d%n", median(verifies),
            Collections.min(verifies), Collections.max(verifies));
      }
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
