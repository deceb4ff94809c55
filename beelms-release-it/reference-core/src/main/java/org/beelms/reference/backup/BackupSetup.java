package org.beelms.reference.backup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.beelms.reference.DataOptions;

/** The admin backup API's jobs on the real database, with the backups' folder of {@link DataOptions}. */
public final class BackupSetup {

  private BackupSetup() {
  }

  /** Jobs on {@code dataSource} (the real database, also under the db-down fault: backups are the core's own work). */
  public static BackupJobs jobs(DataOptions data, DataSource dataSource) {
    Path folder = data.backupDirectory().orElseGet(BackupSetup::temporaryFolder);
    return new BackupJobs(dataSource, new BackupStore(folder, Clock.systemUTC()), data.faultBackupFails(),
        Clock.systemUTC());
  }

  /** A fresh folder under the temporary directory for the backups of one process, made at the first backup. */
  public static Path temporaryFolder() {
    return Path.of(System.getProperty("java.io.tmpdir"), "beelms-backups-" + UUID.randomUUID());
  }
}
