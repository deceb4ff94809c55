package org.beelms.plugin.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TypeScript or JavaScript source read without Node: comments and the contents of string
 * literals are blanked out in a masked copy of the same length (newlines kept), so regular
 * expressions and bracket matching on the mask never see code inside a string, and positions
 * map straight back to the original text.
 */
final class TypeScriptSource {

  private final String text;
  private final String mask;

  TypeScriptSource(String text) {
    this.text = text;
    this.mask = mask(text);
  }

  String text() {
    return text;
  }

  String mask() {
    return mask;
  }

  /** The 1-based line of {@code offset}. */
  int line(int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The index of the bracket closing the one at {@code open}, or -1 when it is not closed. */
  int closing(int open) {
    char o = mask.charAt(open);
    char c = o == '(' ? ')' : o == '{' ? '}' : ']';
    int depth = 0;
    for (int i = open; i < mask.length(); i++) {
      char ch = mask.charAt(i);
      if (ch == o) {
        depth++;
      } else if (ch == c && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The first match of {@code pattern} on the mask at or after {@code from}, before {@code to}. */
  Optional<Matcher> find(Pattern pattern, int from, int to) {
    Matcher m = pattern.matcher(mask);
    m.region(from, to);
    return m.find() ? Optional.of(m) : Optional.empty();
  }

  /** The top-level comma-separated arguments between {@code open} (a '(') and its closing. */
  List<int[]> arguments(int open, int close) {
    List<int[]> args = new ArrayList<>();
    int depth = 0;
    int start = open + 1;
    for (int i = open + 1; i < close; i++) {
      char ch = mask.charAt(i);
      if (ch == '(' || ch == '{' || ch == '[') {
        depth++;
      } else if (ch == ')' || ch == '}' || ch == ']') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        args.add(new int[] {start, i});
        start = i + 1;
      }
    }
    if (!text.substring(start, close).isBlank()) {
      args.add(new int[] {start, close});
    }
    return args;
  }

  /**
   * The value of a string literal spanning exactly {@code [from, to)} (after trimming): single,
   * double or template quotes, escapes resolved; empty when the text is anything else (a
   * variable, a concatenation, a template with {@code ${...}}).
   */
  Optional<String> literal(int from, int to) {
    String raw = text.substring(from, to).strip();
    if (raw.length() < 2) {
      return Optional.empty();
    }
    char q = raw.charAt(0);
    if ((q != '\'' && q != '"' && q != '`') || raw.charAt(raw.length() - 1) != q) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < raw.length() - 1; i++) {
      char ch = raw.charAt(i);
      if (ch == '\\' && i + 1 < raw.length() - 1) {
        char next = raw.charAt(++i);
        switch (next) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case '\n' -> { }
          default -> out.append(next);
        }
      } else if (ch == q) {
        return Optional.empty(); // two literals joined by something: not one literal
      } else if (q == '`' && ch == '$' && i + 1 < raw.length() - 1 && raw.charAt(i + 1) == '{') {
        return Optional.empty();
      } else {
        out.append(ch);
      }
    }
    return Optional.of(out.toString());
  }

  private static String mask(String s) {
    StringBuilder m = new StringBuilder(s);
    int i = 0;
    int n = s.length();
    while (i < n) {
      char ch = s.charAt(i);
      if (ch == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
        while (i < n && s.charAt(i) != '\n') {
          m.setCharAt(i++, ' ');
        }
      } else if (ch == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        blank(m, s, i, end);
        i = end;
      } else if (ch == '\'' || ch == '"' || ch == '`') {
        int j = i + 1;
        while (j < n && s.charAt(j) != ch) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        blank(m, s, i + 1, Math.min(j, n));
        i = j + 1;
      } else {
        i++;
      }
    }
    return m.toString();
  }

  private static void blank(StringBuilder m, String s, int from, int to) {
    for (int k = from; k < to && k < s.length(); k++) {
      if (s.charAt(k) != '\n') {
        m.setCharAt(k, ' ');
      }
    }
  }
}
