package org.beelms.plugin.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which annotation, decorator or guard names mark a route as public, authenticated, restricted to
 * roles or admin-only.
 *
 * <p>A configured name with a dot ({@code com.acme.Secure}) matches that fully qualified Java
 * annotation only; a name without one matches every annotation, decorator or guard whose simple
 * name contains it ({@code Authenticated} matches {@code @Authenticated} and {@code
 * @JwtAuthenticated}). A guard the POM maps to roles ({@code guardRoles}) is taken as mapped,
 * first; then public markers (so {@code @AllowUnauthenticated} is not taken for a guard), admin
 * markers and authenticated markers. A role annotation ({@code @RolesAllowed}, {@code @Roles},
 * {@code @Secured}, {@code @PreAuthorize}) is read for its roles: {@code admin} alone marks the
 * route admin-only, other roles restrict it to them ({@code @RolesAllowed({"teacher","admin"})}
 * lets teachers in), none leaves it authenticated. A guard in NestJS's {@code @UseGuards(...)}
 * that none of these names is a role guard of its own: the route is restricted by it, by name.
 *
 * @param authenticated markers of routes that need a bearer token
 * @param admin markers of routes that need role {@code admin}
 * @param open markers of routes that are public even under a guarded class
 * @param guardRoles guard names (exact simple names) mapped to the roles they let in, lower case:
 *     {@code public} (lets everyone in, as NestJS's optional-JWT guards do), {@code authenticated}
 *     (any account), or role names ({@code teacher, admin}); {@code admin} alone is admin-only
 */
public record GuardNames(
    List<String> authenticated,
    List<String> admin,
    List<String> open,
    Map<String, List<String>> guardRoles) {

  /** Role-style annotations whose arguments name roles. */
  private static final List<String> ROLE_ANNOTATIONS =
      List.of("RolesAllowed", "Roles", "Secured", "PreAuthorize", "PostAuthorize");

  /** Quoted names inside hasRole/hasAnyRole/hasAuthority/hasAnyAuthority(...) of a SpEL text. */
  private static final Pattern SPEL_ROLES =
      Pattern.compile("has(?:Any)?(?:Role|Authority)\\s*\\(([^)]*)\\)");

  private static final Pattern QUOTED = Pattern.compile("['\"`]([^'\"`]+)['\"`]");

  /**
   * Guards whose meaning is in their name and which restrict nothing by role: beelms core's
   * {@code OptionalJwtAuthGuard} (a token is optional) and NestJS's rate limiter.
   */
  public static final Map<String, List<String>> DEFAULT_GUARD_ROLES =
      Map.of("OptionalJwtAuthGuard", List.of("public"), "ThrottlerGuard", List.of("public"));

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
    Map<String, List<String>> roles = new LinkedHashMap<>(DEFAULT_GUARD_ROLES);
    if (guardRoles != null) {
      guardRoles.forEach(
          (guard, names) ->
              roles.put(
                  guard.trim(),
                  names.stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty()).toList()));
    }
    roles.forEach(
        (guard, names) -> {
          if (names.isEmpty()) {
            throw new IllegalArgumentException(
                "<guardRoles><" + guard + "> names no role; write the roles it lets in"
                    + " (teacher,admin), public or authenticated");
          }
        });
    guardRoles = Map.copyOf(roles);
  }

  /** Names without guard-to-role mappings beyond the defaults. */
  public GuardNames(List<String> authenticated, List<String> admin, List<String> open) {
    this(authenticated, admin, open, Map.of());
  }

  /** These names with {@code mappings} (guard name to its roles) added to the guard-role map. */
  public GuardNames withGuardRoles(Map<String, List<String>> mappings) {
    Map<String, List<String>> all = new LinkedHashMap<>(guardRoles);
    all.putAll(mappings);
    return new GuardNames(authenticated, admin, open, all);
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
    return guard(name, arguments, false).map(Guard::access);
  }

  /**
   * What one marker says about a route, with the words for a role restriction.
   *
   * @param name the annotation's fully qualified name, or a decorator's or guard's name
   * @param arguments the marker's arguments as text
   * @param inUseGuards the name is a guard listed in NestJS's {@code @UseGuards(...)}: one that no
   *     configured name matches is a role guard of its own
   */
  public Optional<Guard> guard(String name, String arguments, boolean inUseGuards) {
    String simple = name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
    simple = simple.substring(simple.lastIndexOf('.') + 1);
    List<String> mapped = guardRoles.getOrDefault(simple, guardRoles.get(name));
    if (mapped != null) {
      return mapped(simple, mapped);
    }
    if (matches(open, name, simple)) {
      return Optional.of(Guard.of(Access.PUBLIC));
    }
    if (matches(admin, name, simple)) {
      return Optional.of(Guard.of(Access.ADMIN));
    }
    if (matches(authenticated, name, simple)) {
      return Optional.of(ROLE_ANNOTATIONS.contains(simple) ? fromRoles(simple, arguments) : Guard.of(Access.AUTHENTICATED));
    }
    return inUseGuards ? Optional.of(Guard.roles(simple, List.of())) : Optional.empty();
  }

  private static Optional<Guard> mapped(String guard, List<String> roles) {
    if (roles.contains("public")) {
      return Optional.empty();
    }
    if (roles.equals(List.of("authenticated"))) {
      return Optional.of(Guard.of(Access.AUTHENTICATED));
    }
    if (roles.equals(List.of("admin"))) {
      return Optional.of(Guard.of(Access.ADMIN));
    }
    return Optional.of(Guard.roles(guard, roles));
  }

  /** A role annotation: admin alone is admin-only, other roles restrict, none is authenticated. */
  private static Guard fromRoles(String annotation, String arguments) {
    String text = arguments == null ? "" : arguments;
    List<String> roles = new ArrayList<>();
    if (annotation.endsWith("Authorize")) {
      Matcher call = SPEL_ROLES.matcher(text);
      while (call.find()) {
        roles.addAll(quoted(call.group(1)));
      }
      String rest = SPEL_ROLES.matcher(text).replaceAll("").replaceAll("isAuthenticated\\(\\)|and|or|[()\\s!]", "");
      if (roles.isEmpty() && !rest.isEmpty()) {
        // An expression we cannot read as roles: name it as written, claim nothing more.
        return new Guard(Access.ROLES, "@" + annotation + "(" + text.strip() + ")");
      }
    } else {
      // 'teacher', "admin", Role.Admin, ROLE_ADMIN: every listed value, quotes and enum type dropped
      for (String value : text.split("[\\s,{}()\\[\\]]+")) {
        roles.add(value.replaceAll("['\"`]", ""));
      }
    }
    List<String> names =
        roles.stream()
            .map(String::trim)
            .filter(r -> !r.isEmpty())
            .map(r -> r.substring(r.lastIndexOf('.') + 1))
            .map(r -> r.replaceFirst("^(?i)ROLE_", "").toLowerCase(Locale.ROOT))
            .distinct()
            .toList();
    if (names.isEmpty()) {
      return Guard.of(Access.AUTHENTICATED);
    }
    if (names.equals(List.of("admin"))) {
      return Guard.of(Access.ADMIN);
    }
    return new Guard(Access.ROLES, "@" + annotation + "(" + String.join(", ", names) + ")");
  }

  private static List<String> quoted(String text) {
    List<String> found = new ArrayList<>();
    Matcher m = QUOTED.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
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
   * closed wins, two role restrictions both apply), and a public marker on the method opens the
   * route whatever the class says.
   */
  public static Access resolve(List<Access> classLevel, List<Access> methodLevel) {
    return resolveGuards(
            classLevel.stream().map(Guard::of).toList(), methodLevel.stream().map(Guard::of).toList())
        .access();
  }

  /** {@link #resolve} with the words for role restrictions. */
  public static Guard resolveGuards(List<Guard> classLevel, List<Guard> methodLevel) {
    if (methodLevel.stream().anyMatch(g -> g.access() == Access.PUBLIC)) {
      return Guard.NONE;
    }
    Guard guard = Guard.NONE;
    for (Guard g : classLevel) {
      guard = guard.and(g);
    }
    for (Guard g : methodLevel) {
      guard = guard.and(g);
    }
    return guard;
  }
}
