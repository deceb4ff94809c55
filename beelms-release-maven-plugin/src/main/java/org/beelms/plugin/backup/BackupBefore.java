package org.beelms.plugin.backup;

import java.util.Locale;

/** When a deploy takes the backup: {@code <backupBefore>} per environment. */
public enum BackupBefore {
  /**
   * The default: only when the release brings a contract migration compared with the release that
   * runs there (or its migrations are not known), the deploys an image rollback alone cannot undo.
   */
  CONTRACT,
  /** Before every deploy. */
  ALWAYS;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code value} read; blank is {@link #CONTRACT}. */
  public static BackupBefore parse(String value, String where) {
    if (value == null || value.isBlank()) {
      return CONTRACT;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is '" + value.trim() + "'; write contract (the default: back up"
          + " when the release brings a contract migration) or always", e);
    }
  }
}
