package org.beelms.plugin.rollout;

import java.util.Locale;

/**
 * What {@code beelms:deploy} does when a step after the environment tag moved fails (the deploy
 * hook, the health wait or the post-deploy smoke): {@code -Dbeelms.deploy.onFailure}, per
 * environment {@code <onFailure>}.
 */
public enum OnFailure {
  /** Stop and say where the tag points (the default). */
  STOP,
  /** Roll back, in the same run, to the release that ran there before, as the planner allows. */
  ROLLBACK,
  /**
   * As {@link #ROLLBACK}, and over a contract migration restore the database from the backup this
   * same deploy took before it moved the tag (never another one): the data-loss window is the
   * deploy's own minutes.
   */
  ROLLBACK_WITH_RESTORE;

  /** As written: {@code stop}, {@code rollback} or {@code rollback-with-restore}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * {@code value} read; blank is {@code fallback}.
   *
   * @param where the setting, for the error, e.g. {@code -Dbeelms.deploy.onFailure}
   */
  public static OnFailure parse(String value, String where, OnFailure fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + " is '" + value.trim() + "'; write stop (the default: fail and leave the tag where it"
              + " is), rollback (return to the release that ran there before, when the migrations allow) or"
              + " rollback-with-restore (the same, restoring the backup this deploy took over a contract migration)",
          e);
    }
  }
}
