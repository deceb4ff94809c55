package org.beelms.plugin.openapi;

import java.util.Locale;

/** Who may call a route, from the most open to the most closed. */
public enum Access {
  /** No credentials needed. */
  PUBLIC,
  /** A valid bearer token of any account. */
  AUTHENTICATED,
  /**
   * A valid bearer token and whatever a role guard or role annotation asks for: a guard that is
   * neither the JWT guard nor an admin guard ({@code TeacherGuard}), or roles other than admin
   * alone ({@code @RolesAllowed("teacher")}); see {@link Guard#restriction()}.
   */
  ROLES,
  /** A valid bearer token of an account with role {@code admin}. */
  ADMIN;

  /** True for every level but {@link #PUBLIC}. */
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
