package org.beelms.plugin.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.beelms.plugin.deploy.DeploymentBackup;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.junit.jupiter.api.Test;

/** How the board and {@code status} show the backup a deploy took and the one a rollback restored. */
class BackupLabelTest {

  private static DeploymentEntry entry(String action, String backupId, Optional<DeploymentBackup> backup) {
    return new DeploymentEntry(action, "staging", "staging", "0.2.0", "v0.2.0", "sha256:abc", "ci",
        Instant.parse("2026-12-05T09:00:00Z"), "deployed", "PASSED", "", "", "", backupId).withBackup(backup);
  }

  @Test
  void aDeployShowsItsBackupAndARollbackTheOneItRestored() {
    DeploymentBackup taken = new DeploymentBackup("api", "bk-1", "0c5d", 104233, "2026-12-05T08:41:12Z");
    assertEquals("backup bk-1 (api, 104233 bytes, taken at 2026-12-05T08:41:12Z)",
        ReleaseBoard.backupLabel(entry("deploy", "", Optional.of(taken))));
    assertEquals("restored backup bk-1 taken at 2026-12-05T08:41:12Z",
        ReleaseBoard.backupLabel(entry("rollback", "bk-1", Optional.of(taken))));
    assertEquals("backup pg-7", ReleaseBoard.backupLabel(entry("rollback", "pg-7", Optional.empty())),
        "an entry from before backups were recorded keeps its id");
    assertEquals("", ReleaseBoard.backupLabel(entry("deploy", "", Optional.empty())));
  }

  @Test
  void theBackupSurvivesTheRecordsJson() {
    DeploymentBackup taken = new DeploymentBackup("command", "bk-2", "", -1, "2026-12-05T08:41:12Z");
    DeploymentEntry read = DeploymentEntry.fromJson(entry("deploy", "", Optional.of(taken)).toJson());
    assertEquals(Optional.of(taken), read.backup());
    assertEquals("backup bk-2 (command, taken at 2026-12-05T08:41:12Z)", ReleaseBoard.backupLabel(read));
  }
}
