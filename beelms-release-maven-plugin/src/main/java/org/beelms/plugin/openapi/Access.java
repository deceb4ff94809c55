package org.beelms.plugin.openapi;

import java.util.Locale;

/** Who may call a route, from the most open to the most closed. */
public enum Access {
  /** No credentials needed. */
  PUBLIC,
  /** A valid bearer token of any account. */
  AUTHENTICATED,
  /** A valid bearer token of an account with role {@code admin}. */
  ADMIN;

  /** True for {@link #AUTHENTICATED} and {@link #ADMIN}. */
  public boolean secured() {
    return this != PUBLIC;
  }

  /** The more closed of the two. */
  public Access max(Access other) {
    return compareTo(other) >= 0 ? this : other;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
