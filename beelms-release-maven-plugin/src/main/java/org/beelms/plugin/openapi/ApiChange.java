package org.beelms.plugin.openapi;

import java.util.Objects;

/**
 * One difference between the previous release's spec and this one.
 *
 * @param kind what changed
 * @param method the operation's HTTP method ({@code GET})
 * @param path the operation's path as this release (or, for removals, the previous one) writes it
 * @param detail what exactly: the parameter, the response code, the security requirement; empty
 *     when the kind says it all
 */
public record ApiChange(Kind kind, String method, String path, String detail) {

  /** The kinds of change; {@link #breaking()} tells whether old clients can break. */
  public enum Kind {
    /** The whole path is gone with this operation. */
    PATH_REMOVED(true),
    /** The path remains but this method on it is gone. */
    METHOD_REMOVED(true),
    /** An optional parameter became required. */
    PARAMETER_MADE_REQUIRED(true),
    /** A new parameter is required. */
    REQUIRED_PARAMETER_ADDED(true),
    /** The request body became required. */
    REQUEST_BODY_MADE_REQUIRED(true),
    /** A documented response code is gone. */
    RESPONSE_REMOVED(true),
    /** A public operation now needs credentials. */
    SECURITY_ADDED(true),
    /** A new operation (on a new or an existing path). */
    OPERATION_ADDED(false),
    /** A new optional parameter. */
    OPTIONAL_PARAMETER_ADDED(false),
    /** A new documented response code. */
    RESPONSE_ADDED(false),
    /** A secured operation is now public. */
    SECURITY_REMOVED(false);

    private final boolean breaking;

    Kind(boolean breaking) {
      this.breaking = breaking;
    }

    public boolean breaking() {
      return breaking;
    }
  }

  public ApiChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    detail = detail == null ? "" : detail;
  }

  public boolean breaking() {
    return kind.breaking();
  }

  /** {@code METHOD /path}. */
  public String operation() {
    return method + " " + path;
  }

  /** One line for logs and release notes: {@code PATH_REMOVED GET /wiki (detail)}. */
  public String describe() {
    return kind + " " + operation() + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
