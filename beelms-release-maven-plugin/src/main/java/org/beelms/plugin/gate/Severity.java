package org.beelms.plugin.gate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How serious a {@link Finding} is; a gate's {@code failOn} setting picks the lowest that fails it. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  /** True when a finding of this severity fails a gate configured with {@code failOn}. */
  public boolean atLeast(Severity failOn) {
    return compareTo(failOn) >= 0;
  }

  /**
   * Parses a setting value ({@code error}, {@code warning}, {@code info}, any case).
   *
   * @param setting the name of the setting, so the error can say which one was wrong
   */
  public static Severity parse(String value, String setting) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      String allowed =
          Arrays.stream(values())
              .map(s -> s.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
      throw new IllegalArgumentException(
          setting + " is '" + value + "'; use one of: " + allowed, e);
    }
  }
}
