package org.beelms.plugin.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which paths the sync covers: the path patterns of the chosen walking skeletons plus the system
 * routes ({@code /health}), or every path.
 *
 * <p>Patterns are relative to the API prefix; {@code *} matches within one segment, {@code /**}
 * matches the path itself and everything below it ({@code /wiki/**} matches {@code /wiki} and
 * {@code /wiki/articles/{slug}}).
 *
 * @param name what the scope is called in findings ({@code ws1,ws2,ws3,ws4} or {@code all})
 * @param patterns the patterns; ignored when {@code everything}
 * @param everything true for {@code all}
 */
public record ApiScope(String name, List<String> patterns, boolean everything) {

  /** The key of the patterns that belong to every WS scope. */
  public static final String SYSTEM = "system";

  /** The default patterns of WS-1..WS-4 and the system routes, from beelms-api.md. */
  public static final Map<String, List<String>> DEFAULT_PATTERNS = defaults();

  private static Map<String, List<String>> defaults() {
    Map<String, List<String>> patterns = new LinkedHashMap<>();
    patterns.put("ws1", List.of("/wiki/**"));
    patterns.put("ws2", List.of("/auth/**", "/users/me"));
    patterns.put("ws3", List.of("/courses/**", "/users/me/courses"));
    patterns.put("ws4", List.of("/admin/**"));
    patterns.put(SYSTEM, List.of("/health"));
    return Map.copyOf(patterns);
  }

  public ApiScope {
    patterns = List.copyOf(patterns);
  }

  /** Every path. */
  public static ApiScope all() {
    return new ApiScope("all", List.of(), true);
  }

  /**
   * Parses a scope setting: {@code all}, or a comma-separated list of walking skeletons ({@code
   * ws1,ws3}) whose patterns come from {@code patterns} (the system patterns are always added).
   *
   * @throws IllegalArgumentException naming {@code setting} for an unknown walking skeleton
   */
  public static ApiScope parse(String value, Map<String, List<String>> patterns, String setting) {
    String trimmed = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    if (trimmed.equals("all")) {
      return all();
    }
    List<String> chosen = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String part : trimmed.split(",")) {
      String ws = part.trim().replace("-", "");
      if (ws.isEmpty()) {
        continue;
      }
      List<String> wsPatterns = patterns.get(ws);
      if (wsPatterns == null || ws.equals(SYSTEM)) {
        throw new IllegalArgumentException(
            setting + " names '" + part.trim() + "', which has no path patterns; use 'all' or a "
                + "comma-separated list of " + String.join(", ",
                    patterns.keySet().stream().filter(k -> !k.equals(SYSTEM)).sorted().toList()));
      }
      names.add(ws);
      chosen.addAll(wsPatterns);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(setting + " is empty; use 'all' or e.g. 'ws1,ws2,ws3,ws4'");
    }
    chosen.addAll(patterns.getOrDefault(SYSTEM, List.of()));
    return new ApiScope(String.join(",", names), chosen, false);
  }

  /** True when {@code path} (normalized, relative to the prefix) is in scope. */
  public boolean contains(String path) {
    if (everything) {
      return true;
    }
    String normalized = Route.normalize(path);
    for (String pattern : patterns) {
      if (globToRegex(Route.normalize(pattern)).matcher(normalized).matches()) {
        return true;
      }
    }
    return false;
  }

  static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      if (glob.startsWith("/**", i)) {
        regex.append("(?:/.*)?");
        i += 3;
      } else if (glob.startsWith("**", i)) {
        regex.append(".*");
        i += 2;
      } else if (glob.charAt(i) == '*') {
        regex.append("[^/]*");
        i++;
      } else {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(i))));
        i++;
      }
    }
    return Pattern.compile(regex.toString());
  }
}
