package org.beelms.plugin.openapi;

import io.swagger.v3.oas.models.Operation;
import java.util.Objects;

/**
 * One operation of a spec, with what the checks need to know about it.
 *
 * @param route its method, path, access (from the effective security and the admin marker) and
 *     {@code file:line}
 * @param documentedPath the path key exactly as the document writes it
 * @param operation the parsed operation
 * @param adminMarked marked admin-only explicitly: {@code x-roles: [admin]} (or {@code x-role:
 *     admin}, {@code x-admin: true}) or a tag {@code admin}
 * @param adminHinted {@link #adminMarked()} or a documented {@code 403} response: enough to accept
 *     an admin-guarded route, not enough to demand one
 */
public record SpecOperation(
    Route route,
    String documentedPath,
    Operation operation,
    boolean adminMarked,
    boolean adminHinted) {

  public SpecOperation {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(documentedPath, "documentedPath");
    Objects.requireNonNull(operation, "operation");
  }
}
