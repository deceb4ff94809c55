package org.beelms.plugin.rollback;

import java.util.Locale;

/** What started a rollback, recorded as the rollback entry's {@code trigger}. */
public enum Trigger {
  /** A person ran {@code beelms:rollback}. */
  MANUAL,
  /** {@code beelms:deploy} with {@code onFailure=rollback} after its deploy failed. */
  AUTOMATIC;

  /** As recorded: {@code manual} or {@code automatic}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
