package org.beelms.plugin.openapi;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beelms.plugin.gate.Finding;

/**
 * Compares the documented operations with the implemented routes, within a scope. Routes match
 * by method and path shape (parameter names blanked), so a renamed parameter is reported as such
 * and not as one route gone and another undocumented. A NestJS {@code @All} route matches every
 * method of its path.
 */
public final class RouteSync {

  /** Separates the spec side from the code side in a finding's location. */
  public static final String BOTH_SIDES = " <-> ";

  private final ApiScope scope;

  public RouteSync(ApiScope scope) {
    this.scope = scope;
  }

  public List<RuleFinding> compare(List<SpecOperation> documented, CodeRoutes code) {
    Map<String, Route> implemented = new LinkedHashMap<>();
    for (Route route : code.routes()) {
      if (scope.contains(route.path())) {
        implemented.putIfAbsent(route.shapeKey(), route);
      }
    }
    List<RuleFinding> findings = new ArrayList<>();
    Set<String> matched = new HashSet<>();
    for (SpecOperation op : documented) {
      Route spec = op.route();
      if (!scope.contains(spec.path())) {
        continue;
      }
      String key = spec.shapeKey();
      Route impl = implemented.get(key);
      if (impl == null) {
        key = "ALL " + spec.shape();
        impl = implemented.get(key);
      }
      if (impl == null) {
        findings.add(
            new RuleFinding(
                Rule.NOT_IMPLEMENTED,
                spec.key(),
                Finding.error(
                    spec.key() + " is documented but not implemented (no route in " + code.origin() + ")",
                    spec.source(),
                    OpenApiSuggestions.removeOrImplement(spec.key()))));
        continue;
      }
      matched.add(key);
      findings.addAll(compare(op, impl));
    }
    for (Map.Entry<String, Route> entry : implemented.entrySet()) {
      if (matched.contains(entry.getKey())) {
        continue;
      }
      Route route = entry.getValue();
      findings.add(
          new RuleFinding(
              Rule.UNDOCUMENTED,
              route.key(),
              Finding.error(
                  route.key() + " is implemented but not documented in the spec",
                  route.source(),
                  OpenApiSuggestions.document(route.key()))));
    }
    return findings;
  }

  /** The guard restricting {@code route} when it is one guard the POM maps to no roles. */
  private static java.util.Optional<String> unmappedGuard(Route route) {
    return route.access() == Access.ROLES && route.restriction().matches("[\\w$]+")
        ? java.util.Optional.of(route.restriction())
        : java.util.Optional.empty();
  }

  private static List<RuleFinding> compare(SpecOperation op, Route impl) {
    Route spec = op.route();
    String both = spec.source() + BOTH_SIDES + impl.source();
    List<RuleFinding> findings = new ArrayList<>();
    if (!spec.pathParameters().equals(impl.pathParameters())) {
      findings.add(
          new RuleFinding(
              Rule.PATH_PARAMETER_NAMES,
              spec.key(),
              Finding.warning(
                  spec.key() + " names its path parameters " + spec.pathParameters()
                      + " in the spec but " + impl.pathParameters() + " in the code (" + impl.key() + ")",
                  both,
                  OpenApiSuggestions.renameParameters(
                      spec.pathParameters().toString(), impl.pathParameters().toString()))));
    }
    if (impl.access().secured() && !spec.access().secured()) {
      findings.add(
          new RuleFinding(
              Rule.SECURED_BUT_DOCUMENTED_PUBLIC,
              spec.key(),
              Finding.error(
                  spec.key() + " is " + impl.describeAccess() + " in the code but public in the spec",
                  both,
                  unmappedGuard(impl)
                      .map(OpenApiSuggestions::mapPublicOrDocumentSecurity)
                      .orElseGet(OpenApiSuggestions::documentSecurity))));
    } else if (!impl.access().secured() && spec.access().secured()) {
      findings.add(
          new RuleFinding(
              Rule.PUBLIC_BUT_DOCUMENTED_SECURED,
              spec.key(),
              Finding.error(
                  spec.key() + " is public in the code (no guard) but secured in the spec",
                  both,
                  OpenApiSuggestions.guardOrOpen())));
    } else if (impl.access() == Access.ADMIN && !op.adminHinted()) {
      findings.add(
          new RuleFinding(
              Rule.ADMIN_NOT_MARKED,
              spec.key(),
              Finding.warning(
                  spec.key() + " is admin-guarded in the code but not marked admin-only in the spec",
                  both,
                  OpenApiSuggestions.markAdmin())));
    } else if (op.adminMarked() && impl.access() == Access.ROLES) {
      findings.add(
          new RuleFinding(
              Rule.ADMIN_NOT_GUARDED,
              spec.key(),
              Finding.error(
                  spec.key() + " is " + impl.describeAccess() + " in the code; the spec marks it admin-only",
                  both,
                  OpenApiSuggestions.roleGuardVsAdmin(impl.restriction()))));
    } else if (op.adminMarked() && impl.access() != Access.ADMIN) {
      findings.add(
          new RuleFinding(
              Rule.ADMIN_NOT_GUARDED,
              spec.key(),
              Finding.error(
                  spec.key() + " is marked admin-only in the spec but the code lets any "
                      + impl.access().label() + " caller in",
                  both,
                  OpenApiSuggestions.guardAdmin())));
    }
    return findings;
  }
}
