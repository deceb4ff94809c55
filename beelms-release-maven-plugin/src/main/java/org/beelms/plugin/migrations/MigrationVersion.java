package org.beelms.plugin.migrations;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Flyway migration version as Flyway compares it: dot- or underscore-separated numbers, where
 * {@code 1.1}, {@code 1_1} and {@code 1.01} are the same version and trailing zeros do not count.
 */
public record MigrationVersion(String text, List<BigInteger> parts)
    implements Comparable<MigrationVersion> {

  private static final Pattern SYNTAX = Pattern.compile("\\d+([._]\\d+)*");

  public MigrationVersion {
    parts = List.copyOf(parts);
  }

  /** True when {@code text} is a version Flyway accepts ({@code 1}, {@code 1.2}, {@code 2_1_3}). */
  public static boolean isValid(String text) {
    return text != null && SYNTAX.matcher(text).matches();
  }

  /** Parses a version; {@link #isValid(String)} must hold. */
  public static MigrationVersion parse(String text) {
    if (!isValid(text)) {
      throw new IllegalArgumentException("not a Flyway version: '" + text + "'");
    }
    List<BigInteger> parts = new ArrayList<>();
    for (String part : text.split("[._]")) {
      parts.add(new BigInteger(part));
    }
    while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
      parts.remove(parts.size() - 1);
    }
    return new MigrationVersion(text.replace('_', '.'), parts);
  }

  @Override
  public int compareTo(MigrationVersion other) {
    int n = Math.max(parts.size(), other.parts.size());
    for (int i = 0; i < n; i++) {
      BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
      BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
      int c = a.compareTo(b);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MigrationVersion v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
