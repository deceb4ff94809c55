package org.beelms.reference.backup;

import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backup and restore jobs, one at a time on a background thread, as beelms core runs them: a
 * request answers a job id at once and the job is polled. With the {@code --fault-backup-fails}
 * switch every job fails (the error says it is the fault).
 */
public final class BackupJobs implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackupJobs.class);

  private final DataSource dataSource;
  private final BackupStore store;
  private final boolean faultFails;
  private final Clock clock;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "beelms-backup-jobs");
    thread.setDaemon(true);
    return thread;
  });

  public BackupJobs(DataSource dataSource, BackupStore store, boolean faultFails, Clock clock) {
    this.dataSource = dataSource;
    this.store = store;
    this.faultFails = faultFails;
    this.clock = clock;
  }

  /** A job's state: {@code running}, {@code done} or {@code failed}; {@code backupId} once known. */
  public record Job(String id, String type, String status, String backupId, String error, String startedAt,
      String finishedAt) {
  }

  public BackupStore store() {
    return store;
  }

  public Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** Starts a backup of the database; answers the job at once. */
  public Job backup(Optional<String> password, String createdBy) {
    return start("backup", "", () -> {
      ByteArrayOutputStream dump = new ByteArrayOutputStream();
      try (Connection connection = dataSource.getConnection();
          Writer out = new OutputStreamWriter(dump, StandardCharsets.UTF_8)) {
        SqlDump.dump(connection, out);
      }
      return store.store(dump.toByteArray(), password, createdBy).id();
    });
  }

  /** Starts the restore of {@code backup}; answers the job at once. */
  public Job restore(BackupStore.Backup backup, Optional<String> password) {
    return start("restore", backup.id(), () -> {
      byte[] dump = store.read(backup, password);
      try (Connection connection = dataSource.getConnection()) {
        SqlDump.restore(connection, new InputStreamReader(new java.io.ByteArrayInputStream(dump),
            StandardCharsets.UTF_8));
      }
      // Pooled connections may hold plans of the tables just replaced: let the pool open new ones.
      if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
        pool.getHikariPoolMXBean().softEvictConnections();
      }
      return backup.id();
    });
  }

  private interface Work {
    String run() throws Exception;
  }

  private Job start(String type, String backupId, Work work) {
    String id = UUID.randomUUID().toString();
    Job running = new Job(id, type, "running", backupId, "", Instant.now(clock).toString(), "");
    jobs.put(id, running);
    worker.execute(() -> {
      try {
        if (faultFails) {
          throw new IllegalStateException("fault switch --fault-backup-fails: the " + type + " job fails");
        }
        String result = work.run();
        jobs.put(id, new Job(id, type, "done", result, "", running.startedAt(), Instant.now(clock).toString()));
        LOG.info("{} job {} done (backup {})", type, id, result);
      } catch (Exception e) {
        LOG.warn("{} job {} failed: {}", type, id, e.getMessage());
        jobs.put(id, new Job(id, type, "failed", backupId, e.getMessage(), running.startedAt(),
            Instant.now(clock).toString()));
      }
    });
    return running;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
