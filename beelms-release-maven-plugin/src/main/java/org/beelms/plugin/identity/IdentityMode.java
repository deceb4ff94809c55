package org.beelms.plugin.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How deploy, rollback and status prove which release runs on an environment ({@code <identity>},
 * {@code -Dbeelms.deploy.identity}).
 */
public enum IdentityMode {
  /** The {@code version} field of {@code GET <url>/health} (the default). */
  HEALTH,
  /** A JSON pointer or a header of {@code <identityUrl>}. */
  ENDPOINT,
  /** What {@code <identityCommand>} prints (an image reference, a digest, a version or a commit). */
  COMMAND,
  /** Not checked: recorded and shown as "identity not verified", never as verified. */
  NONE;

  /** As written in the POM and the record: {@code health}, {@code endpoint}, … */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode {@code value} names; {@code fallback} when blank.
   *
   * @param where the element or property that gave it, for the error
   */
  public static IdentityMode parse(String value, String where, IdentityMode fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + " is '" + value.trim() + "'; use one of "
              + Arrays.stream(values()).map(IdentityMode::label).collect(Collectors.joining(", "))
              + " (see docs/environments.md#identity)", e);
    }
  }
}
