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
  ROLLBACK;

  /** As written: {@code stop} or {@code rollback}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
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
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + " is '" + value.trim() + "'; write stop (the default: fail and leave the tag where it"
              + " is) or rollback (return to the release that ran there before, when the migrations allow)",
          e);
    }
  }
}
