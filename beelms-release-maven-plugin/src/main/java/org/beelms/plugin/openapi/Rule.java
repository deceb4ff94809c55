package org.beelms.plugin.openapi;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every rule the check applies, by the id the allow-list names ({@code undocumented}, ...). The
 * subject of a finding is {@code METHOD /path} for operations and routes, or what the rule names
 * otherwise (an operationId, a server URL).
 */
public enum Rule {
  INVALID_SPEC("invalid-spec"),
  MISSING_SUMMARY("missing-summary"),
  MISSING_2XX("missing-2xx"),
  MISSING_401("missing-401"),
  MISSING_404("missing-404"),
  DUPLICATE_OPERATION_ID("duplicate-operation-id"),
  SERVER_PREFIX("server-prefix"),
  NO_ROUTES("no-routes"),
  NOTHING_IN_SCOPE("nothing-in-scope"),
  NOT_IMPLEMENTED("not-implemented"),
  UNDOCUMENTED("undocumented"),
  SECURED_BUT_DOCUMENTED_PUBLIC("secured-but-documented-public"),
  PUBLIC_BUT_DOCUMENTED_SECURED("public-but-documented-secured"),
  ADMIN_NOT_MARKED("admin-not-marked"),
  ADMIN_NOT_GUARDED("admin-not-guarded"),
  PATH_PARAMETER_NAMES("path-parameter-names"),
  BREAKING_CHANGE("breaking-change"),
  COMPATIBILITY("compatibility"),
  /** The allow list's own state: the baseline written, entries still with the placeholder reason. */
  ALLOW_LIST("allow-list");

  private final String id;

  Rule(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Rule> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
