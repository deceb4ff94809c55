package org.beelms.plugin.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the built image goes. */
public enum TargetKind {
  /** An image tarball on disk (the offline default); {@code docker load} layout. */
  TAR,
  /** A registry, over HTTPS (plain HTTP only with {@code allowInsecureRegistries}). */
  REGISTRY,
  /** A local Docker engine, when one runs. */
  DOCKER;

  /**
   * Parses a setting value ({@code tar}, {@code registry}, {@code docker}, any case).
   *
   * @param setting the parameter and property, so the error can name them
   */
  public static TargetKind parse(String value, String setting) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      String allowed =
          Arrays.stream(values()).map(TargetKind::id).collect(Collectors.joining(", "));
      throw new IllegalArgumentException(setting + " is '" + value + "'; use one of: " + allowed, e);
    }
  }

  /** The lower-case name used in settings and {@code image.json}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
