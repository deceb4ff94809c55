package org.beelms.plugin.openapi;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which annotation, decorator or guard names mark a route as public, authenticated or admin-only.
 *
 * <p>A configured name with a dot ({@code com.acme.Secure}) matches that fully qualified Java
 * annotation only; a name without one matches every annotation, decorator or guard whose simple
 * name contains it ({@code Authenticated} matches {@code @Authenticated} and {@code
 * @JwtAuthenticated}). Public markers are tried first (so {@code @AllowUnauthenticated} is not
 * taken for a guard), then admin markers, then authenticated markers; an authenticated marker
 * whose arguments mention {@code admin} ({@code @RolesAllowed("admin")}, {@code
 * @Secured("ROLE_ADMIN")}, {@code @PreAuthorize("hasRole('ADMIN')")}, {@code @Roles('admin')})
 * marks the route admin-only.
 *
 * @param authenticated markers of routes that need a bearer token
 * @param admin markers of routes that need role {@code admin}
 * @param open markers of routes that are public even under a guarded class
 */
public record GuardNames(List<String> authenticated, List<String> admin, List<String> open) {

  /** Java annotations and NestJS guards/decorators that beelms core and common stacks use. */
  public static final GuardNames DEFAULTS =
      new GuardNames(
          List.of(
              "Authenticated", "Secured", "RolesAllowed", "PreAuthorize", "Roles",
              "JwtAuthGuard", "AuthGuard"),
          List.of("AdminOnly", "AdminGuard", "Admin"),
          List.of("PermitAll", "Public", "AllowAnonymous", "Unauthenticated"));

  public GuardNames {
    authenticated = clean(authenticated, "authenticated");
    admin = clean(admin, "admin");
    open = clean(open, "open");
  }

  private static List<String> clean(List<String> names, String kind) {
    if (names == null) {
      throw new IllegalArgumentException("the list of " + kind + " guard names is missing");
    }
    return names.stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
  }

  /**
   * What one marker says about a route.
   *
   * @param name the annotation's fully qualified name, or a decorator's or guard's name
   * @param arguments the marker's arguments as text (annotation string values, decorator source)
   */
  public Optional<Access> classify(String name, String arguments) {
    String simple = name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    if (matches(open, name, simple)) {
      return Optional.of(Access.PUBLIC);
    }
    if (matches(admin, name, simple)) {
      return Optional.of(Access.ADMIN);
    }
    if (matches(authenticated, name, simple)) {
      boolean mentionsAdmin =
          arguments != null && arguments.toLowerCase(Locale.ROOT).contains("admin");
      return Optional.of(mentionsAdmin ? Access.ADMIN : Access.AUTHENTICATED);
    }
    return Optional.empty();
  }

  private static boolean matches(List<String> configured, String name, String simple) {
    for (String candidate : configured) {
      if (candidate.contains(".") ? candidate.equals(name) : simple.contains(candidate)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The access of a route from its class-level and method-level markers: guards add up (the most
   * closed wins), and a public marker on the method opens the route whatever the class says.
   */
  public static Access resolve(List<Access> classLevel, List<Access> methodLevel) {
    if (methodLevel.contains(Access.PUBLIC)) {
      return Access.PUBLIC;
    }
    Access access = Access.PUBLIC;
    for (Access a : classLevel) {
      access = access.max(a);
    }
    for (Access a : methodLevel) {
      access = access.max(a);
    }
    return access;
  }
}
