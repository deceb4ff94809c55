package org.beelms.plugin.openapi;

import java.util.List;
import java.util.Objects;

/**
 * What the guards on a route say about who may call it, worded from what was read and nothing
 * more.
 *
 * @param access the access level
 * @param restriction for {@link Access#ROLES}, what restricts the route as read from the code:
 *     the guard's name ({@code TeacherGuard}), with the roles the POM maps it to ({@code
 *     TeacherGuard (roles teacher, admin)}), or a role annotation with its roles ({@code
 *     @RolesAllowed(teacher)}); empty otherwise
 */
public record Guard(Access access, String restriction) {

  public static final Guard NONE = new Guard(Access.PUBLIC, "");

  public Guard {
    Objects.requireNonNull(access, "access");
    restriction = restriction == null ? "" : restriction;
  }

  public static Guard of(Access access) {
    return new Guard(access, "");
  }

  /** A role restriction: {@code name}, plus the roles when they are known. */
  static Guard roles(String name, List<String> roles) {
    return new Guard(
        Access.ROLES, roles.isEmpty() ? name : name + " (roles " + String.join(", ", roles) + ")");
  }

  /**
   * Both guards apply (NestJS runs every guard; a class and a method annotation both hold): the
   * more closed one, and two role restrictions together.
   */
  public Guard and(Guard other) {
    if (access == Access.ROLES && other.access == Access.ROLES && !restriction.equals(other.restriction)) {
      return new Guard(Access.ROLES, restriction + " and " + other.restriction);
    }
    return access.compareTo(other.access) >= 0 ? this : other;
  }

  /** How a finding words it: {@code public}, {@code authenticated}, {@code restricted by X}, {@code admin}. */
  public String describe() {
    return access == Access.ROLES ? "restricted by " + restriction : access.label();
  }
}
