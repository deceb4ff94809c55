package org.beelms.plugin.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two specs operation by operation. Paths match by shape, so renaming a path parameter
 * is not a removal; parameters match by location and name ({@code $ref}s to {@code
 * components/parameters} are followed).
 */
public final class ApiCompatibility {

  private ApiCompatibility() {}

  /**
   * The changes from {@code previous} (the spec at {@code previousTag}) to {@code current}.
   *
   * @param previousTag the release tag of {@code previous}, e.g. {@code v0.1.0}
   */
  public static ApiChanges compare(SpecDocument previous, SpecDocument current, String previousTag) {
    Map<String, Op> before = operations(previous);
    Map<String, Op> after = operations(current);
    Map<String, Boolean> pathsAfter = new LinkedHashMap<>();
    after.values().forEach(op -> pathsAfter.put(Route.shapeOf(op.path), true));
    List<ApiChange> changes = new ArrayList<>();
    for (Map.Entry<String, Op> entry : before.entrySet()) {
      Op old = entry.getValue();
      Op now = after.get(entry.getKey());
      if (now == null) {
        boolean pathKept = pathsAfter.containsKey(Route.shapeOf(old.path));
        changes.add(
            new ApiChange(
                pathKept ? ApiChange.Kind.METHOD_REMOVED : ApiChange.Kind.PATH_REMOVED,
                old.method,
                old.path,
                pathKept ? "" : "path " + old.path + " is gone"));
        continue;
      }
      changes.addAll(compare(previous, old, current, now));
    }
    for (Map.Entry<String, Op> entry : after.entrySet()) {
      if (!before.containsKey(entry.getKey())) {
        Op op = entry.getValue();
        changes.add(new ApiChange(ApiChange.Kind.OPERATION_ADDED, op.method, op.path, ""));
      }
    }
    return ApiChanges.of(previousTag, current.location(), changes);
  }

  private static List<ApiChange> compare(SpecDocument prevDoc, Op old, SpecDocument curDoc, Op now) {
    List<ApiChange> changes = new ArrayList<>();
    Map<String, Parameter> oldParams = parameters(prevDoc, old);
    Map<String, Parameter> newParams = parameters(curDoc, now);
    for (Map.Entry<String, Parameter> entry : newParams.entrySet()) {
      Parameter p = entry.getValue();
      if ("path".equals(p.getIn())) {
        continue;
      }
      boolean required = Boolean.TRUE.equals(p.getRequired());
      Parameter before = oldParams.get(entry.getKey());
      if (before == null) {
        changes.add(
            new ApiChange(
                required
                    ? ApiChange.Kind.REQUIRED_PARAMETER_ADDED
                    : ApiChange.Kind.OPTIONAL_PARAMETER_ADDED,
                now.method,
                now.path,
                entry.getKey()));
      } else if (required && !Boolean.TRUE.equals(before.getRequired())) {
        changes.add(
            new ApiChange(ApiChange.Kind.PARAMETER_MADE_REQUIRED, now.method, now.path, entry.getKey()));
      }
    }
    RequestBody oldBody = old.operation.getRequestBody();
    RequestBody newBody = now.operation.getRequestBody();
    boolean oldRequired = oldBody != null && Boolean.TRUE.equals(oldBody.getRequired());
    boolean newRequired = newBody != null && Boolean.TRUE.equals(newBody.getRequired());
    if (newRequired && !oldRequired) {
      changes.add(
          new ApiChange(
              ApiChange.Kind.REQUEST_BODY_MADE_REQUIRED,
              now.method,
              now.path,
              oldBody == null ? "request body added as required" : "request body"));
    }
    List<String> oldCodes = responseCodes(old.operation);
    List<String> newCodes = responseCodes(now.operation);
    for (String code : oldCodes) {
      if (!newCodes.contains(code)) {
        changes.add(new ApiChange(ApiChange.Kind.RESPONSE_REMOVED, now.method, now.path, code));
      }
    }
    for (String code : newCodes) {
      if (!oldCodes.contains(code)) {
        changes.add(new ApiChange(ApiChange.Kind.RESPONSE_ADDED, now.method, now.path, code));
      }
    }
    boolean wasSecured = prevDoc.secured(old.operation);
    boolean isSecured = curDoc.secured(now.operation);
    if (isSecured && !wasSecured) {
      changes.add(
          new ApiChange(ApiChange.Kind.SECURITY_ADDED, now.method, now.path, "now needs a bearer token"));
    } else if (wasSecured && !isSecured) {
      changes.add(new ApiChange(ApiChange.Kind.SECURITY_REMOVED, now.method, now.path, "now public"));
    }
    return changes;
  }

  private record Op(String method, String path, PathItem item, Operation operation) {}

  private static Map<String, Op> operations(SpecDocument spec) {
    Map<String, Op> ops = new LinkedHashMap<>();
    if (spec.openApi().getPaths() == null) {
      return ops;
    }
    for (Map.Entry<String, PathItem> entry : spec.openApi().getPaths().entrySet()) {
      String path = Route.normalize(entry.getKey());
      for (Map.Entry<PathItem.HttpMethod, Operation> op : entry.getValue().readOperationsMap().entrySet()) {
        String method = op.getKey().name().toUpperCase(Locale.ROOT);
        ops.put(
            method + " " + Route.shapeOf(path), new Op(method, path, entry.getValue(), op.getValue()));
      }
    }
    return ops;
  }

  /** {@code in:name} → parameter, path-item parameters first, the operation's overriding them. */
  private static Map<String, Parameter> parameters(SpecDocument spec, Op op) {
    Map<String, Parameter> params = new LinkedHashMap<>();
    List<Parameter> all = new ArrayList<>();
    if (op.item.getParameters() != null) {
      all.addAll(op.item.getParameters());
    }
    if (op.operation.getParameters() != null) {
      all.addAll(op.operation.getParameters());
    }
    for (Parameter p : all) {
      Parameter resolved = resolve(spec.openApi().getComponents(), p);
      if (resolved != null && resolved.getName() != null) {
        params.put(resolved.getIn() + ":" + resolved.getName(), resolved);
      }
    }
    return params;
  }

  private static Parameter resolve(Components components, Parameter p) {
    if (p.get$ref() == null) {
      return p;
    }
    String ref = p.get$ref();
    String name = ref.substring(ref.lastIndexOf('/') + 1);
    if (components == null || components.getParameters() == null) {
      return null;
    }
    return components.getParameters().get(name);
  }

  private static List<String> responseCodes(Operation operation) {
    return operation.getResponses() == null
        ? List.of()
        : List.copyOf(operation.getResponses().keySet());
  }
}
