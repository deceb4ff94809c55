package org.beelms.plugin.backup;

/** The admin backup API refused, failed or did not answer; the message names the call and the fix. */
public final class BackupApiException extends RuntimeException {

  public BackupApiException(String message) {
    super(message);
  }
}
