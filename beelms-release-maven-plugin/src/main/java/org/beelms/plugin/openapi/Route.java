package org.beelms.plugin.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API operation as a route reader or the spec sees it.
 *
 * @param method the HTTP method, upper case ({@code GET})
 * @param path the path template relative to the API prefix, normalized: a leading {@code /}, no
 *     trailing {@code /}, parameters written {@code {name}} (regular expressions and NestJS {@code
 *     :name} already rewritten)
 * @param access who may call it
 * @param source where it is declared: {@code file:line}, or {@code Class#method} when no line is
 *     known
 * @param restriction for {@link Access#ROLES}, what restricts it as read from the code (see
 *     {@link Guard#restriction()}); empty otherwise
 */
public record Route(String method, String path, Access access, String source, String restriction) {

  private static final Pattern PARAM = Pattern.compile("\\{([^}/]*)}");

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(access, "access");
    method = method.toUpperCase(Locale.ROOT);
    path = normalize(path);
    source = source == null ? "" : source;
    restriction = restriction == null ? "" : restriction;
  }

  /** A route without a role restriction. */
  public Route(String method, String path, Access access, String source) {
    this(method, path, access, source, "");
  }

  /** A route guarded as {@code guard} says. */
  public Route(String method, String path, Guard guard, String source) {
    this(method, path, guard.access(), source, guard.restriction());
  }

  /** Who may call it, as a finding words it ({@code restricted by TeacherGuard}). */
  public String describeAccess() {
    return new Guard(access, restriction).describe();
  }

  /** {@code METHOD /path}, the key the allow-list and the findings use. */
  public String key() {
    return method + " " + path;
  }

  /** The path with every parameter name blanked ({@code /courses/{}}), to match routes by shape. */
  public String shape() {
    return shapeOf(path);
  }

  /** {@code METHOD} plus the {@link #shape()}. */
  public String shapeKey() {
    return method + " " + shape();
  }

  /** The names of the path parameters, in order. */
  public List<String> pathParameters() {
    List<String> names = new ArrayList<>();
    Matcher m = PARAM.matcher(path);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The same route at another path (the API prefix stripped), keeping its access. */
  public Route withPath(String newPath) {
    return new Route(method, newPath, access, source, restriction);
  }

  public Route withAccess(Access newAccess) {
    return new Route(method, path, newAccess, source, newAccess == access ? restriction : "");
  }

  static String shapeOf(String path) {
    return PARAM.matcher(path).replaceAll("{}");
  }

  /**
   * Normalizes a path template: joins duplicate slashes, adds the leading slash, drops the
   * trailing one, turns {@code {id: [0-9]+}} into {@code {id}} and {@code :id} into {@code {id}}.
   */
  public static String normalize(String raw) {
    String path = raw == null ? "" : raw.trim();
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      out.append('/').append(normalizeSegment(segment));
    }
    return out.length() == 0 ? "/" : out.toString();
  }

  private static String normalizeSegment(String segment) {
    if (segment.startsWith(":")) {
      String name = segment.substring(1);
      if (name.endsWith("?")) {
        name = name.substring(0, name.length() - 1);
      }
      return "{" + name + "}";
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < segment.length()) {
      char c = segment.charAt(i);
      if (c == '{') {
        int depth = 1;
        int j = i + 1;
        while (j < segment.length() && depth > 0) {
          char d = segment.charAt(j);
          if (d == '{') {
            depth++;
          } else if (d == '}') {
            depth--;
          }
          j++;
        }
        String inner = segment.substring(i + 1, depth == 0 ? j - 1 : j);
        int colon = inner.indexOf(':');
        String name = (colon >= 0 ? inner.substring(0, colon) : inner).trim();
        out.append('{').append(name).append('}');
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Joins path pieces ({@code "api", "/courses", ":id/enroll"}) into one normalized template. */
  public static String join(String... parts) {
    StringBuilder joined = new StringBuilder();
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        joined.append('/').append(part.trim());
      }
    }
    return normalize(joined.toString());
  }

  /** {@code path} without {@code prefix} at its start (segment-wise); unchanged otherwise. */
  public static String stripPrefix(String path, String prefix) {
    String p = normalize(prefix);
    String normalized = normalize(path);
    if (p.equals("/")) {
      return normalized;
    }
    if (normalized.equals(p)) {
      return "/";
    }
    if (normalized.startsWith(p + "/")) {
      return normalized.substring(p.length());
    }
    return normalized;
  }
}
