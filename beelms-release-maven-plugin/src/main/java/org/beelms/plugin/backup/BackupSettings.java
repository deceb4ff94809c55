package org.beelms.plugin.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.beelms.smoke.config.Credentials;

/**
 * An environment's backup settings, resolved once by the Mojo.
 *
 * @param kind {@code <backup>}
 * @param before {@code <backupBefore>}
 * @param backupCommand {@code <backupCommand>} for {@link BackupKind#COMMAND}; empty otherwise; may
 *     carry a secret, never printed
 * @param admin the admin account of {@code <adminServerId>}, for {@link BackupKind#API}
 * @param encryptionPassword from the settings.xml server of {@code <backupPasswordServerId>}; never printed
 * @param database {@code <database>} with the account of {@code <databaseServerId>}: the restore is
 *     verified through it; empty = "not verified"
 * @param timeout {@code -Dbeelms.deploy.backupTimeout}: how long a backup or restore job may take
 * @param poll how often the job is asked
 */
public record BackupSettings(
    BackupKind kind,
    BackupBefore before,
    String backupCommand,
    Optional<Credentials> admin,
    Optional<String> encryptionPassword,
    Optional<DatabaseAccess> database,
    Duration timeout,
    Duration poll) {

  /** Nothing configured. */
  public static final BackupSettings NONE = new BackupSettings(BackupKind.NONE, BackupBefore.CONTRACT, "",
      Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(10), Duration.ofMillis(500));

  public BackupSettings {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(before, "before");
    backupCommand = backupCommand == null ? "" : backupCommand.trim();
    admin = admin == null ? Optional.empty() : admin;
    encryptionPassword = encryptionPassword == null ? Optional.empty() : encryptionPassword.filter(p -> !p.isEmpty());
    database = database == null ? Optional.empty() : database;
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(poll, "poll");
  }

  /**
   * Checks that what {@code kind} needs is there; every error names the element to add.
   *
   * @param environment the environment's name
   */
  public BackupSettings checked(String environment) {
    String where = "<environments>/<environment> '" + environment + "'";
    if (kind == BackupKind.API && admin.isEmpty()) {
      throw new IllegalArgumentException(where + " <backup>api</backup> needs the admin account: add"
          + " <adminServerId> naming a settings.xml server whose username is an admin's email");
    }
    if (kind == BackupKind.COMMAND && backupCommand.isEmpty()) {
      throw new IllegalArgumentException(where + " <backup>command</backup> needs a <backupCommand> that takes"
          + " the backup and prints its id as its last line");
    }
    return this;
  }

  @Override
  public String toString() {
    return "BackupSettings[kind=" + kind.label() + ", before=" + before.label() + ", backupCommand="
        + (backupCommand.isEmpty() ? "" : "***") + ", admin=" + admin.map(Credentials::email).orElse("")
        + ", encryptionPassword=" + (encryptionPassword.isPresent() ? "****" : "") + ", database="
        + database.map(DatabaseAccess::shown).orElse("") + ", timeout=" + timeout + "]";
  }
}
