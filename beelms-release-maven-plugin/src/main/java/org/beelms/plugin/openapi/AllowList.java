package org.beelms.plugin.openapi;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Severity;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Known items the check accepts, each with the reason why. Two formats:
 *
 * <pre>
 * # openapi-allow-list.yaml (a list, or the same list under a key "allow")
 * - rule: undocumented
 *   subject: GET /internal/metrics
 *   reason: scraped by Prometheus, not part of the public contract
 *
 * # openapi-allow-list.properties: one entry a line, "rule subject = reason"
 * undocumented GET /internal/metrics = scraped by Prometheus, not part of the public contract
 * </pre>
 *
 * <p>A matching finding is kept as {@code INFO} with the reason; an entry without a reason or with
 * an unknown rule is an error; an entry nothing matches is a warning (stale). Entries whose reason
 * is still the baseline placeholder ({@code baseline <date>}, see {@link Baseline}) accept their
 * finding but are reported together as one warning: open work, never a pass hidden.
 */
public final class AllowList {

  /**
   * One accepted item.
   *
   * @param rule the rule id ({@link Rule#id()})
   * @param subject what the finding is about ({@code GET /path}, an operationId, a server URL)
   * @param reason why it is accepted
   * @param where {@code file:line} of the entry
   */
  public record Entry(String rule, String subject, String reason, String where) {}

  private final List<Entry> entries;
  private final String file;

  private AllowList(List<Entry> entries, String file) {
    this.entries = List.copyOf(entries);
    this.file = file;
  }

  /** An allow-list that accepts nothing. */
  public static AllowList empty() {
    return new AllowList(List.of(), "");
  }

  public static AllowList of(List<Entry> entries, String file) {
    return new AllowList(entries, file);
  }

  public List<Entry> entries() {
    return entries;
  }

  /**
   * Reads {@code file}: {@code .properties} in the line format, anything else as YAML.
   *
   * @param shownAs the file's name in findings
   * @throws IOException when it cannot be read
   * @throws IllegalArgumentException when it is not valid YAML, naming the line and the setting
   */
  public static AllowList read(Path file, String shownAs) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (file.getFileName().toString().endsWith(".properties")) {
      return new AllowList(properties(text, shownAs), shownAs);
    }
    return new AllowList(yaml(text, shownAs), shownAs);
  }

  private static List<Entry> properties(String text, String file) {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip();
      String reason = eq < 0 ? "" : line.substring(eq + 1).strip();
      int space = key.indexOf(' ');
      String rule = space < 0 ? key : key.substring(0, space);
      String subject = space < 0 ? "" : key.substring(space + 1).strip();
      entries.add(new Entry(rule, subject, reason, file + ":" + (i + 1)));
    }
    return entries;
  }

  private static List<Entry> yaml(String text, String file) {
    SpecPositions positions;
    Object root;
    try {
      positions = SpecPositions.of(text);
      root = new Yaml(new LoaderOptions()).load(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new IllegalArgumentException(
          "the allow-list " + file + ":" + line + " is not valid YAML (" + e.getProblem() + "); fix it or "
              + "point " + OpenApiSuggestions.ALLOW_LIST_PARAMETER + " at the right file",
          e);
    }
    List<String> base = List.of();
    if (root instanceof Map<?, ?> map && map.get("allow") instanceof List<?>) {
      root = map.get("allow");
      base = List.of("allow");
    }
    List<Entry> entries = new ArrayList<>();
    if (root == null) {
      return entries;
    }
    if (!(root instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "the allow-list " + file + " must be a YAML list of {rule, subject, reason} entries "
              + "(or such a list under 'allow')");
    }
    for (int i = 0; i < list.size(); i++) {
      List<String> path = new ArrayList<>(base);
      path.add(String.valueOf(i));
      String where = file + ":" + positions.nearest(path);
      if (!(list.get(i) instanceof Map<?, ?> item)) {
        entries.add(new Entry("", String.valueOf(list.get(i)), "", where));
        continue;
      }
      entries.add(
          new Entry(
              text(item.get("rule")), text(item.get("subject")), text(item.get("reason")), where));
    }
    return entries;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString().strip();
  }

  /**
   * Applies the list: matching findings become {@code INFO} with the entry's reason; problems with
   * the list itself are added as findings.
   */
  public List<RuleFinding> apply(List<RuleFinding> findings) {
    List<RuleFinding> out = new ArrayList<>();
    List<Entry> valid = new ArrayList<>();
    for (Entry entry : entries) {
      if (Rule.byId(entry.rule()).isEmpty()) {
        String known = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.joining(", "));
        out.add(
            new RuleFinding(
                Rule.INVALID_SPEC,
                entry.subject(),
                Finding.error(
                    "Allow-list entry names the unknown rule '" + entry.rule() + "'",
                    entry.where(),
                    "Use one of: " + known)));
      } else if (entry.reason().isBlank()) {
        out.add(
            new RuleFinding(
                Rule.byId(entry.rule()).get(),
                entry.subject(),
                Finding.error(
                    "Allow-list entry '" + entry.rule() + " " + entry.subject() + "' has no reason",
                    entry.where(),
                    OpenApiSuggestions.allowListReason(file))));
      } else {
        valid.add(entry);
      }
    }
    Set<Entry> used = new HashSet<>();
    for (RuleFinding finding : findings) {
      Entry match =
          valid.stream()
              .filter(e -> e.rule().equals(finding.rule().id()))
              .filter(e -> sameSubject(e.subject(), finding.subject()))
              .findFirst()
              .orElse(null);
      if (match == null || finding.finding().severity() == Severity.INFO) {
        out.add(finding);
        continue;
      }
      used.add(match);
      Finding original = finding.finding();
      out.add(
          new RuleFinding(
              finding.rule(),
              finding.subject(),
              new Finding(
                  Severity.INFO,
                  "Allowed (" + match.reason() + ", " + match.where() + "): " + original.message(),
                  original.where(),
                  "",
                  original.checklistId())));
    }
    List<Entry> placeholders =
        valid.stream().filter(e -> Baseline.isPlaceholder(e.reason())).toList();
    if (!placeholders.isEmpty()) {
      out.add(
          new RuleFinding(
              Rule.ALLOW_LIST,
              file,
              Finding.warning(
                  placeholders.size() + " allow-list entr" + (placeholders.size() == 1 ? "y" : "ies")
                      + " still ha" + (placeholders.size() == 1 ? "s" : "ve") + " the placeholder reason '"
                      + placeholders.get(0).reason() + "' (accepted at adoption, open work)",
                  placeholders.get(0).where(),
                  "replace each 'baseline <date>' reason in " + file + " with why the finding is"
                      + " accepted, or fix the finding and remove its entry")));
    }
    for (Entry entry : valid) {
      if (!used.contains(entry)) {
        out.add(
            new RuleFinding(
                Rule.byId(entry.rule()).get(),
                entry.subject(),
                Finding.warning(
                    "Allow-list entry '" + entry.rule() + " " + entry.subject() + "' matches no finding",
                    entry.where(),
                    OpenApiSuggestions.staleAllowListEntry(file))));
      }
    }
    return out;
  }

  /** Whether a valid entry (known rule, a reason) accepts {@code finding}. */
  boolean accepts(RuleFinding finding) {
    return entries.stream()
        .filter(e -> !e.reason().isBlank())
        .anyMatch(e -> e.rule().equals(finding.rule().id()) && sameSubject(e.subject(), finding.subject()));
  }

  /** How many entries still have the placeholder reason {@code baseline <date>}. */
  public long placeholders() {
    return entries.stream().filter(e -> Baseline.isPlaceholder(e.reason())).count();
  }

  static boolean sameSubject(String listed, String found) {
    return canonical(listed).equals(canonical(found));
  }

  private static String canonical(String subject) {
    String s = subject.strip();
    int space = s.indexOf(' ');
    if (space > 0 && s.substring(space + 1).strip().startsWith("/")) {
      return s.substring(0, space).toUpperCase(Locale.ROOT) + " " + Route.normalize(s.substring(space + 1));
    }
    return s;
  }
}
