package org.beelms.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.beelms.reference.api.ApiResources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/architecture/openapi.yaml} describes exactly the routes the JAX-RS annotations declare,
 * with the guards they declare, in the shape beelms core's spec has.
 */
class OpenApiSpecTest {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");
  private static JsonNode spec;
  private static Map<ApiRoute, JsonNode> operations;

  @BeforeAll
  static void readSpec() throws IOException {
    Path file = Path.of(System.getProperty("basedir", "."), "docs", "architecture", "openapi.yaml");
    spec = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    operations = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey())) {
          operations.put(ApiRoute.of(op.getKey(), path.getKey()), op.getValue());
        }
      }
    }
  }

  @Test
  void documentsExactlyTheRoutesOfTheResourceClasses() {
    Set<ApiRoute> code = new LinkedHashSet<>(ApiResources.routes());
    Set<ApiRoute> documented = new LinkedHashSet<>(operations.keySet());
    Set<ApiRoute> undocumented = new LinkedHashSet<>(code);
    undocumented.removeAll(documented);
    Set<ApiRoute> notImplemented = new LinkedHashSet<>(documented);
    notImplemented.removeAll(code);
    assertTrue(undocumented.isEmpty() && notImplemented.isEmpty(),
        "undocumented routes: " + undocumented + "; documented but not implemented: " + notImplemented);
    assertEquals(25, code.size(), "routes: " + code);
  }

  @Test
  void hasTheShapeOfBeelmsCoresSpec() {
    assertEquals("3.0.3", spec.get("openapi").asText());
    assertTrue(spec.at("/servers/0/url").asText().endsWith("/api"));
    assertEquals("bearer", spec.at("/components/securitySchemes/bearerAuth/scheme").asText());
    assertTrue(spec.at("/security/0").has("bearerAuth"));
    operations.keySet().forEach(route -> assertTrue(!route.path().startsWith("/api/"), route + " has the prefix"));
    assertTrue(spec.at("/components/schemas").size() > 5);
  }

  @Test
  void everyOperationStatesItsGuardsAndAnswers() {
    List<String> problems = new ArrayList<>();
    Set<String> operationIds = new LinkedHashSet<>();
    for (ApiResources.RouteGuards guards : ApiResources.routeGuards()) {
      JsonNode op = operations.get(guards.route());
      String where = guards.route().toString();
      if (op == null) {
        continue;
      }
      if (!op.hasNonNull("summary")) {
        problems.add(where + ": no summary");
      }
      if (!op.hasNonNull("operationId") || !operationIds.add(op.get("operationId").asText())) {
        problems.add(where + ": missing or duplicate operationId");
      }
      JsonNode responses = op.get("responses");
      boolean has2xx = false;
      for (Iterator<String> codes = responses.fieldNames(); codes.hasNext(); ) {
        has2xx |= codes.next().startsWith("2");
      }
      if (!has2xx) {
        problems.add(where + ": no 2xx response");
      }
      boolean publicInSpec = op.has("security") && op.get("security").isArray() && op.get("security").isEmpty();
      if (guards.authenticated() == publicInSpec) {
        problems.add(where + ": code says authenticated=" + guards.authenticated() + " but spec security is "
            + op.get("security"));
      }
      if (guards.authenticated() && !responses.has("401")) {
        problems.add(where + ": secured but no 401");
      }
      if (guards.adminOnly() && !responses.has("403")) {
        problems.add(where + ": admin-only but no 403");
      }
      if (guards.route().path().contains("{") && !responses.has("404")) {
        problems.add(where + ": takes an id but no 404");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
