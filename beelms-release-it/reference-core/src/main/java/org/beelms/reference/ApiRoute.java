package org.beelms.reference;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API operation: an HTTP method and a path template relative to the API prefix, written as
 * the resource classes declare it ({@code GET /wiki/articles/{slug}}).
 *
 * <p>Two routes are equal when they differ only in the names of their path parameters, so a fault
 * switch may say {@code {id}} where the code says {@code {courseId}}.
 */
public final class ApiRoute {

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]*}");
  private static final Pattern ROUTE = Pattern.compile("^\\s*([A-Za-z]+)\\s+(\\S+)\\s*$");

  private final String method;
  private final String path;
  private final String shape;

  private ApiRoute(String method, String path) {
    this.method = method;
    this.path = path;
    this.shape = PARAMETER.matcher(path).replaceAll("{}");
  }

  /** A route from a method name and a path template; the path is normalised to one leading slash and none trailing. */
  public static ApiRoute of(String method, String path) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    String upper = method.trim().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(upper)) {
      throw new IllegalArgumentException("unknown HTTP method '" + method + "' (expected one of " + METHODS + ")");
    }
    return new ApiRoute(upper, normalisePath(path));
  }

  /**
   * Parses {@code "METHOD /path/{param}"}. A leading API prefix is not stripped here: callers that
   * accept {@code /api/...} strip it with {@link #withoutPrefix(String)}.
   */
  public static ApiRoute parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("route is missing; write it as \"GET /wiki/articles/{slug}\"");
    }
    Matcher matcher = ROUTE.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a route; write it as METHOD and path template, e.g. \"GET /wiki/articles/{slug}\"");
    }
    return of(matcher.group(1), matcher.group(2));
  }

  /** This route with {@code prefix} (e.g. {@code /api}) removed from the start of its path, if it starts with it. */
  public ApiRoute withoutPrefix(String prefix) {
    String normalisedPrefix = normalisePath(prefix);
    if (!normalisedPrefix.equals("/") && (path.equals(normalisedPrefix) || path.startsWith(normalisedPrefix + "/"))) {
      return new ApiRoute(method, normalisePath(path.substring(normalisedPrefix.length())));
    }
    return this;
  }

  static String normalisePath(String path) {
    String trimmed = path.trim();
    StringBuilder joined = new StringBuilder();
    for (String segment : trimmed.split("/")) {
      if (!segment.isEmpty()) {
        joined.append('/').append(segment);
      }
    }
    return joined.length() == 0 ? "/" : joined.toString();
  }

  public String method() {
    return method;
  }

  /** The path template as written, relative to the API prefix. */
  public String path() {
    return path;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiRoute route && route.method.equals(method) && route.shape.equals(shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, shape);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
