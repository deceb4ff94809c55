package org.beelms.plugin.backup;

import java.util.Locale;

/** How an environment's database is backed up before a deploy: {@code <backup>} per environment. */
public enum BackupKind {
  /** No backup (the default): a rollback over a contract migration needs a backup id given by hand. */
  NONE,
  /** beelms core's admin backup API ({@code POST /api/admin/backups}, then the job), as the admin account. */
  API,
  /** The environment's {@code <backupCommand>}, which prints the backup id as its last line. */
  COMMAND;

  /** As written in the POM: {@code none}, {@code api} or {@code command}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code value} read; blank is {@link #NONE}. */
  public static BackupKind parse(String value, String where) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is '" + value.trim() + "'; write none (the default), api (beelms"
          + " core's admin backup API, with the admin account of <adminServerId>) or command (a <backupCommand>"
          + " that prints the backup id)", e);
    }
  }
}
