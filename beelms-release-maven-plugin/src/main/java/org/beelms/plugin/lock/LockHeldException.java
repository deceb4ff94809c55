package org.beelms.plugin.lock;

/** The environment is locked by another run (or the lock could not be taken); nothing moved. */
public final class LockHeldException extends Exception {

  public LockHeldException(String message) {
    super(message);
  }
}
