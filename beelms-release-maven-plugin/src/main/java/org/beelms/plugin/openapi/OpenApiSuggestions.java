package org.beelms.plugin.openapi;

/** The wording of every fix the openapi check suggests, in one place. */
final class OpenApiSuggestions {

  static final String SPEC_PARAMETER = "<spec> / -Dbeelms.openapi.spec";
  static final String ROUTE_SOURCE_PARAMETER = "<routeSource> / -Dbeelms.openapi.routeSource";
  static final String ALLOW_LIST_PARAMETER = "<allowList> / -Dbeelms.openapi.allowList";
  static final String API_PREFIX_PARAMETER = "<apiPrefix> / -Dbeelms.openapi.apiPrefix";

  private OpenApiSuggestions() {}

  static String fixYaml(String location, int line) {
    return "Fix the YAML syntax at " + location + ":" + line
        + " (indentation, a missing ':' or an unclosed quote or bracket), or point "
        + SPEC_PARAMETER + " at the right file";
  }

  static String fixOpenApi(String location, int line, String message) {
    String fix = "Correct " + location + ":" + line + " as the OpenAPI 3.0 specification requires";
    if (message.endsWith("is unexpected")) {
      fix += "; if the key is part of a value, quote the value: in a flow mapping such as "
          + "{description: a, b} an unquoted comma starts a new key";
    }
    return fix;
  }

  static String addSummary() {
    return "Add 'summary: <one line>' to the operation";
  }

  static String add2xx() {
    return "Document the success response (200, 201 or 204) under 'responses'";
  }

  static String add401() {
    return "Document '401' under 'responses' (the operation needs a bearer token), or make it "
        + "public with 'security: []'";
  }

  static String add404() {
    return "Document '404' under 'responses' for an unknown id";
  }

  static String uniqueOperationId(String first) {
    return "Rename one of them; the first use is at " + first;
  }

  static String serverPrefix(String prefix) {
    return "Make the 'servers' URL end in '" + prefix + "' (e.g. http://localhost:3000" + prefix
        + "), or set " + API_PREFIX_PARAMETER + " to the prefix the API really uses";
  }

  static String noRoutes(String origin) {
    return "Check that " + origin + " is built and holds the API, or pick the reader with "
        + ROUTE_SOURCE_PARAMETER + " (jaxrs, spring, nestjs, spec)";
  }

  static String removeOrImplement(String route) {
    return "Implement " + route + ", or remove it from the spec if it is gone on purpose "
        + "(that is a breaking change for the release notes)";
  }

  static String document(String route) {
    return "Document " + route + " in the spec, or list it in " + ALLOW_LIST_PARAMETER
        + " with the reason it stays undocumented";
  }

  static String documentSecurity() {
    return "Drop 'security: []' from the operation so the default bearer security applies, and "
        + "document 401";
  }

  /**
   * For a route restricted by a guard the POM does not map: the guard may admit everyone and only
   * hide the route (a feature flag), so mapping it to {@code public} comes first; 401 advice only
   * when it really needs a token.
   */
  static String mapPublicOrDocumentSecurity(String guard) {
    return "If " + guard + " lets every caller in and only hides the route (a feature flag answering"
        + " 404), map it in the POM: <guardRoles><" + guard + ">public</" + guard + "></guardRoles>;"
        + " if it needs a token, map the roles it lets in, drop 'security: []' from the operation so"
        + " the default bearer security applies, and document 401";
  }

  static String guardOrOpen() {
    return "Restore the guard in the code, or mark the operation public with 'security: []'";
  }

  static String markAdmin() {
    return "Mark the operation admin-only in the spec: 'x-roles: [admin]', a tag 'admin' or a "
        + "documented 403 response";
  }

  static String guardAdmin() {
    return "Add the admin guard in the code, or drop the admin marker ('x-roles', tag 'admin') "
        + "from the operation";
  }

  /** A route restricted by a role guard or role annotation that the spec marks admin-only. */
  static String roleGuardVsAdmin(String restriction) {
    String guard = restriction.replaceFirst(" .*", "");
    if (guard.startsWith("@")) {
      return "Document the roles " + restriction + " lets in instead of the admin marker ('x-roles',"
          + " tag 'admin'), or restrict the route to admin in the code";
    }
    return "If " + guard + " lets only admins in, map it in the POM: <guardRoles><" + guard
        + ">admin</" + guard + "></guardRoles>; otherwise document the roles it lets in instead of"
        + " the admin marker ('x-roles', tag 'admin'), or add the admin guard to the route";
  }

  static String renameParameters(String documented, String implemented) {
    return "Use the same names on both sides: the spec has " + documented + ", the code "
        + implemented;
  }

  static String breaking(String previousTag) {
    return "Keep the old behaviour, or announce the break in the release notes and bump the "
        + "version accordingly (previous release " + previousTag + ")";
  }

  static String allowListReason(String file) {
    return "Give the entry a 'reason' in " + file + " (why the item is accepted)";
  }

  static String staleAllowListEntry(String file) {
    return "Remove the entry from " + file + "; nothing matches it any more";
  }
}
