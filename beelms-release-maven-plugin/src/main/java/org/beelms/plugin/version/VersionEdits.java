package org.beelms.plugin.version;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Minimal textual version edits: only the characters of the version value change, so formatting,
 * comments and key order stay as they were. Each method returns the new text, or the same text
 * when there was nothing to change.
 */
public final class VersionEdits {

  private static final Pattern XML_TOKEN =
      Pattern.compile("<!--.*?-->|<!\\[CDATA\\[.*?]]>|<\\?.*?\\?>|<(/?)([A-Za-z_][\\w.:-]*)[^>]*?(/?)>",
          Pattern.DOTALL);

  private VersionEdits() {}

  /** Where one element's text sits in a pom, and which element path it is under. */
  record Span(String path, int start, int end) {}

  /** Every simple element's text in {@code xml}, with its path ({@code project/parent/version}). */
  static List<Span> xmlTexts(String xml) {
    List<Span> spans = new ArrayList<>();
    Deque<String> stack = new ArrayDeque<>();
    Matcher m = XML_TOKEN.matcher(xml);
    int openEnd = -1;
    while (m.find()) {
      if (m.group(2) == null) {
        continue;
      }
      String name = m.group(2);
      if (m.group(1).isEmpty()) {
        if (m.group(3).isEmpty()) {
          stack.addLast(name);
          openEnd = m.end();
        }
      } else {
        String path = String.join("/", stack);
        if (!stack.isEmpty() && stack.peekLast().equals(name)) {
          stack.removeLast();
        }
        if (openEnd >= 0) {
          spans.add(new Span(path, openEnd, m.start()));
        }
        openEnd = -1;
      }
    }
    return spans;
  }

  /** The text of the first element at {@code path}, e.g. {@code project/artifactId}. */
  public static Optional<String> pomValue(String pom, String path) {
    return xmlTexts(pom).stream()
        .filter(s -> s.path().equals(path))
        .findFirst()
        .map(s -> pom.substring(s.start(), s.end()).strip());
  }

  /**
   * Sets a pom's own {@code <version>} (when it declares one) and its {@code <parent><version>}
   * when the parent's artifactId is one of {@code reactorArtifacts}.
   */
  public static String pomVersion(String pom, String version, Set<String> reactorArtifacts) {
    boolean reactorParent =
        pomValue(pom, "project/parent/artifactId").filter(reactorArtifacts::contains).isPresent();
    if (!reactorParent && pomValue(pom, "project/version").isEmpty()) {
      // The version is inherited from a parent outside the reactor: the pom gets its own, on the
      // line after its artifactId, indented like it.
      Optional<Span> artifact =
          xmlTexts(pom).stream().filter(s -> s.path().equals("project/artifactId")).findFirst();
      if (artifact.isPresent()) {
        int lineStart = pom.lastIndexOf('\n', artifact.get().start()) + 1;
        String indent = pom.substring(lineStart, artifact.get().start()).replaceAll("\\S.*", "");
        int close = pom.indexOf('>', artifact.get().end()) + 1;
        return pom.substring(0, close) + "\n" + indent + "<version>" + version + "</version>"
            + pom.substring(close);
      }
    }
    return replaceSpans(pom, version, s -> s.path().equals("project/version")
        || (reactorParent && s.path().equals("project/parent/version")));
  }

  private static String replaceSpans(String text, String value, Predicate<Span> which) {
    List<Span> spans = xmlTexts(text).stream().filter(which).toList();
    StringBuilder out = new StringBuilder(text);
    for (int i = spans.size() - 1; i >= 0; i--) {
      Span s = spans.get(i);
      String old = text.substring(s.start(), s.end());
      int lead = old.length() - old.stripLeading().length();
      int trail = old.length() - old.stripTrailing().length();
      out.replace(s.start() + lead, s.end() - trail, value);
    }
    return out.toString();
  }

  /**
   * Sets the top-level {@code "version"} of a {@code package.json}; with {@code lockfile}, also
   * {@code packages[""].version}, the project's own entry in a {@code package-lock.json}.
   */
  public static String packageJsonVersion(String json, String version, boolean lockfile) {
    List<int[]> values = new ArrayList<>();
    Deque<String> path = new ArrayDeque<>();
    String lastKey = null;
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        int end = stringEnd(json, i);
        int after = skipSpace(json, end + 1);
        if (after < json.length() && json.charAt(after) == ':') {
          lastKey = unquote(json.substring(i + 1, end));
          int value = skipSpace(json, after + 1);
          String where = String.join("\u0000", path);
          boolean own = path.size() == 1 && "version".equals(lastKey);
          boolean lockOwn =
              lockfile && path.size() == 3 && where.equals("\u0000packages\u0000")
                  && "version".equals(lastKey);
          if ((own || lockOwn) && value < json.length() && json.charAt(value) == '"') {
            values.add(new int[] {value + 1, stringEnd(json, value)});
          }
          i = after + 1;
          continue;
        }
        i = end + 1;
        continue;
      }
      if (c == '{') {
        path.addLast(lastKey == null ? "" : lastKey);
        lastKey = null;
      } else if (c == '}') {
        path.removeLast();
      } else if (c == '[') {
        path.addLast("[");
      } else if (c == ']') {
        path.removeLast();
      }
      if (c == ',' ) {
        lastKey = null;
      }
      i++;
    }
    StringBuilder out = new StringBuilder(json);
    for (int k = values.size() - 1; k >= 0; k--) {
      out.replace(values.get(k)[0], values.get(k)[1], version);
    }
    return out.toString();
  }

  private static int stringEnd(String json, int open) {
    int i = open + 1;
    while (i < json.length() && json.charAt(i) != '"') {
      i += json.charAt(i) == '\\' ? 2 : 1;
    }
    return i;
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String unquote(String key) {
    return key.replace("\\\"", "\"");
  }

  private static final Pattern YAML_KEY = Pattern.compile("^(\\s*)([A-Za-z_][\\w-]*)\\s*:(.*)$");
  private static final Pattern YAML_VALUE =
      Pattern.compile("^(\\s*)(\"[^\"]*\"|'[^']*'|[^#\\s][^#]*?)(\\s*(?:#.*)?)$");

  /** Sets {@code info.version} of an OpenAPI document in YAML, keeping quotes and comments. */
  public static String openApiVersion(String yaml, String version) {
    String[] lines = yaml.split("\n", -1);
    boolean inInfo = false;
    int infoIndent = -1;
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      Matcher key = YAML_KEY.matcher(line);
      int indent = line.length() - line.stripLeading().length();
      if (indent == 0) {
        inInfo = key.matches() && key.group(2).equals("info");
        infoIndent = -1;
        continue;
      }
      if (!inInfo || !key.matches()) {
        continue;
      }
      if (infoIndent < 0) {
        infoIndent = indent;
      }
      if (indent == infoIndent && key.group(2).equals("version")) {
        Matcher value = YAML_VALUE.matcher(key.group(3));
        if (value.matches()) {
          String old = value.group(2);
          String quoted =
              old.startsWith("\"") ? "\"" + version + "\""
                  : old.startsWith("'") ? "'" + version + "'" : version;
          lines[n] = line.substring(0, line.length() - key.group(3).length())
              + value.group(1) + quoted + value.group(3);
        }
        break;
      }
    }
    return String.join("\n", lines);
  }
}
