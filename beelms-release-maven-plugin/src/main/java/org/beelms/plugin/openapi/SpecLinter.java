package org.beelms.plugin.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.beelms.plugin.gate.Finding;

/**
 * Lints a spec against beelms core's contract conventions: each operation in scope has a summary,
 * a 2xx response, 401 when it is secured, 404 when its path takes a parameter; operationIds are
 * unique in the whole document; every {@code servers} URL ends in the API prefix the code uses.
 */
public final class SpecLinter {

  private final ApiScope scope;
  private final String apiPrefix;

  /**
   * @param scope the operations to lint (operationIds and servers are checked document-wide)
   * @param apiPrefix the prefix the code serves the API under ({@code /api})
   */
  public SpecLinter(ApiScope scope, String apiPrefix) {
    this.scope = scope;
    this.apiPrefix = Route.normalize(apiPrefix);
  }

  public List<RuleFinding> lint(SpecDocument spec) {
    List<RuleFinding> findings = new ArrayList<>();
    Map<String, String> operationIds = new HashMap<>();
    for (SpecOperation op : spec.operations()) {
      Route route = op.route();
      Operation operation = op.operation();
      String path = op.documentedPath();
      String method = route.method().toLowerCase(Locale.ROOT);
      String id = operation.getOperationId();
      if (id != null && !id.isBlank()) {
        String where = spec.where("paths", path, method, "operationId");
        String first = operationIds.putIfAbsent(id, where);
        if (first != null) {
          findings.add(
              new RuleFinding(
                  Rule.DUPLICATE_OPERATION_ID,
                  id,
                  Finding.error(
                      "operationId '" + id + "' of " + route.key() + " is already used",
                      where,
                      OpenApiSuggestions.uniqueOperationId(first))));
        }
      }
      if (!scope.contains(route.path())) {
        continue;
      }
      if (operation.getSummary() == null || operation.getSummary().isBlank()) {
        findings.add(
            new RuleFinding(
                Rule.MISSING_SUMMARY,
                route.key(),
                Finding.warning(
                    route.key() + " has no summary", route.source(), OpenApiSuggestions.addSummary())));
      }
      Map<String, ?> responses = operation.getResponses() == null ? Map.of() : operation.getResponses();
      String responsesAt = spec.where("paths", path, method, "responses");
      if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
        findings.add(
            new RuleFinding(
                Rule.MISSING_2XX,
                route.key(),
                Finding.error(
                    route.key() + " documents no 2xx response", responsesAt, OpenApiSuggestions.add2xx())));
      }
      if (route.access().secured() && !responses.containsKey("401")) {
        findings.add(
            new RuleFinding(
                Rule.MISSING_401,
                route.key(),
                Finding.warning(
                    route.key() + " is secured but documents no 401 response",
                    responsesAt,
                    OpenApiSuggestions.add401())));
      }
      if (!route.pathParameters().isEmpty() && !responses.containsKey("404")) {
        findings.add(
            new RuleFinding(
                Rule.MISSING_404,
                route.key(),
                Finding.warning(
                    route.key() + " takes a path id but documents no 404 response",
                    responsesAt,
                    OpenApiSuggestions.add404())));
      }
    }
    findings.addAll(servers(spec));
    return findings;
  }

  private List<RuleFinding> servers(SpecDocument spec) {
    List<RuleFinding> findings = new ArrayList<>();
    if (apiPrefix.equals("/")) {
      return findings;
    }
    List<Server> servers = spec.openApi().getServers();
    if (spec.positions().line("servers").isEmpty() || servers == null || servers.isEmpty()) {
      findings.add(
          new RuleFinding(
              Rule.SERVER_PREFIX,
              "",
              Finding.error(
                  "The spec has no 'servers' entry ending in " + apiPrefix,
                  spec.location() + ":1",
                  OpenApiSuggestions.serverPrefix(apiPrefix))));
      return findings;
    }
    for (int i = 0; i < servers.size(); i++) {
      String url = servers.get(i).getUrl() == null ? "" : servers.get(i).getUrl().trim();
      String withoutSlash = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      if (!withoutSlash.endsWith(apiPrefix)) {
        findings.add(
            new RuleFinding(
                Rule.SERVER_PREFIX,
                url,
                Finding.error(
                    "Server URL '" + url + "' does not end in the API prefix " + apiPrefix,
                    spec.where("servers", String.valueOf(i), "url"),
                    OpenApiSuggestions.serverPrefix(apiPrefix))));
      }
    }
    return findings;
  }
}
