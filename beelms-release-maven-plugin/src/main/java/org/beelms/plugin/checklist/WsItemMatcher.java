package org.beelms.plugin.checklist;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.beelms.plugin.checklist.WsCoverageReport.ItemCoverage;
import org.beelms.plugin.checklist.WsCoverageReport.Match;

/**
 * Finds the catalog item a WS checklist item stands for, in this order: (a) an explicit ID in its
 * text ({@code WS1-API-1}); (b) its wording equal to an item's original (or English) wording,
 * ignoring case, whitespace, punctuation and backticks; (c) the {@code METHOD /path} it names in
 * backticks equal to one a catalog item names, ignoring parameter names and syntax ({@code
 * {courseId}}, {@code [courseId]}, {@code :courseId}) and an {@code /api} prefix.
 */
final class WsItemMatcher {

  private static final Pattern EXPLICIT_ID =
      Pattern.compile(
          "(?<![A-Za-z0-9-])((?:WS\\d+|OPS)-[A-Z]+-\\d+)(?![A-Za-z0-9-])",
          Pattern.CASE_INSENSITIVE);

  private static final String METHOD = "(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)";

  /** {@code `GET /api/x`} or {@code GET `/api/x`}. */
  private static final Pattern ENDPOINT =
      Pattern.compile(
          "`\\s*" + METHOD + "\\s+(/[^`\\s]*)\\s*`|\\b" + METHOD + "\\s+`\\s*(/[^`\\s]*)\\s*`",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern PATH_PARAMETER =
      Pattern.compile("\\{[^}]*\\}|\\[[^\\]]*\\]|:[^/]+|<[^>]*>");

  private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final Map<String, WsCatalogItem> byId = new LinkedHashMap<>();
  private final Map<String, List<String>> byWording = new LinkedHashMap<>();
  private final Map<String, List<String>> byEndpoint = new LinkedHashMap<>();

  WsItemMatcher(List<WsCatalogItem> catalog) {
    for (WsCatalogItem item : catalog) {
      byId.put(item.id().toUpperCase(Locale.ROOT), item);
      for (String wording : List.of(item.original(), item.text())) {
        String key = normaliseWording(wording);
        if (!key.isEmpty()) {
          List<String> ids = byWording.computeIfAbsent(key, k -> new ArrayList<>());
          if (!ids.contains(item.id())) {
            ids.add(item.id());
          }
        }
        for (Endpoint endpoint : endpoints(wording)) {
          List<String> ids = byEndpoint.computeIfAbsent(endpoint.key(), k -> new ArrayList<>());
          if (!ids.contains(item.id())) {
            ids.add(item.id());
          }
        }
      }
    }
  }

  /** Matches one item of a project's WS checklist. */
  ItemCoverage match(ChecklistItem item) {
    List<String> explicit = explicitIds(item.text());
    if (!explicit.isEmpty()) {
      return coverage(item, Match.ID, explicit, List.of());
    }
    List<String> worded = byWording.get(normaliseWording(item.text()));
    if (worded != null) {
      return coverage(item, Match.WORDING, worded, List.of());
    }
    Set<String> ids = new LinkedHashSet<>();
    List<String> unknownEndpoints = new ArrayList<>();
    for (Endpoint endpoint : endpoints(item.text())) {
      List<String> found = byEndpoint.get(endpoint.key());
      if (found == null) {
        unknownEndpoints.add(endpoint.written());
      } else {
        ids.addAll(found);
      }
    }
    if (!ids.isEmpty()) {
      return coverage(item, Match.ENDPOINT, List.copyOf(ids), unknownEndpoints);
    }
    return new ItemCoverage(item, Match.NONE, List.of(), unknownEndpoints);
  }

  private ItemCoverage coverage(
      ChecklistItem item, Match match, List<String> ids, List<String> unknownEndpoints) {
    List<String> uncovered = new ArrayList<>();
    for (String id : ids) {
      WsCatalogItem known = byId.get(id);
      if (known == null || !known.automated()) {
        uncovered.add(id);
      }
    }
    uncovered.addAll(unknownEndpoints);
    return new ItemCoverage(item, match, ids, uncovered);
  }

  /** The catalog-style IDs written in a text, upper-cased, in order, without repeats. */
  static List<String> explicitIds(String text) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = EXPLICIT_ID.matcher(text);
    while (m.find()) {
      ids.add(m.group(1).toUpperCase(Locale.ROOT));
    }
    return List.copyOf(ids);
  }

  /**
   * An endpoint named in a text.
   *
   * @param written {@code METHOD /path} as the text writes it
   * @param key {@code METHOD /normalised/path}, see {@link #normalisePath(String)}
   */
  record Endpoint(String written, String key) {}

  /** The endpoints a text names, in order, without repeats. */
  static List<Endpoint> endpoints(String text) {
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    Matcher m = ENDPOINT.matcher(text);
    while (m.find()) {
      String method = (m.group(1) != null ? m.group(1) : m.group(3)).toUpperCase(Locale.ROOT);
      String path = m.group(1) != null ? m.group(2) : m.group(4);
      String key = method + " " + normalisePath(path);
      endpoints.putIfAbsent(key, new Endpoint(method + " " + path, key));
    }
    return List.copyOf(endpoints.values());
  }

  /**
   * A path with every parameter written {@code {}}, without query, trailing slash or a leading
   * {@code /api} segment, in lower case: {@code /api/courses/[courseId]/} and {@code
   * /courses/:id} both give {@code /courses/{}}.
   */
  static String normalisePath(String path) {
    String bare = path.strip();
    int query = indexOfAny(bare, '?', '#');
    if (query >= 0) {
      bare = bare.substring(0, query);
    }
    List<String> segments = new ArrayList<>();
    boolean first = true;
    for (String segment : bare.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (first) {
        first = false;
        if (segment.equalsIgnoreCase("api")) {
          continue;
        }
      }
      segments.add(
          PATH_PARAMETER.matcher(segment).matches() ? "{}" : segment.toLowerCase(Locale.ROOT));
    }
    return "/" + String.join("/", segments);
  }

  /**
   * A wording reduced to its words: Unicode-normalised, lower case, punctuation, symbols and
   * backticks replaced by spaces, runs of whitespace collapsed.
   */
  static String normaliseWording(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = PUNCTUATION.matcher(s).replaceAll(" ");
    return WHITESPACE.matcher(s).replaceAll(" ").strip();
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
  }
}
