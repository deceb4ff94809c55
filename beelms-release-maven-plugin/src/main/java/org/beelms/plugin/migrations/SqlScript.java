package org.beelms.plugin.migrations;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements the way psql and Flyway do: on semicolons outside
 * string literals ({@code '...'}, {@code E'...'} with backslash escapes), quoted identifiers,
 * dollar-quoted bodies ({@code $$...$$}, {@code $fn$...$fn$}), line comments and nested block
 * comments; parentheses do not matter for splitting. Comments are dropped.
 */
public final class SqlScript {

  private SqlScript() {}

  public static List<SqlStatement> split(String sql) {
    List<SqlStatement> statements = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    StringBuilder shape = new StringBuilder();
    int line = 1;
    int startLine = -1;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
      if (c == '-' && next == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        appendSpace(text, shape);
        continue;
      }
      if (c == '/' && next == '*') {
        int depth = 0;
        while (i < n) {
          if (sql.startsWith("/*", i)) {
            depth++;
            i += 2;
          } else if (sql.startsWith("*/", i)) {
            depth--;
            i += 2;
            if (depth == 0) {
              break;
            }
          } else {
            if (sql.charAt(i) == '\n') {
              line++;
            }
            i++;
          }
        }
        appendSpace(text, shape);
        continue;
      }
      if (c == ';') {
        flush(statements, text, shape, startLine);
        startLine = -1;
        i++;
        continue;
      }
      if (Character.isWhitespace(c)) {
        if (c == '\n') {
          line++;
        }
        appendSpace(text, shape);
        i++;
        continue;
      }
      if (startLine < 0) {
        startLine = line;
      }
      if (c == '\'') {
        boolean escapes = isEscapeStringPrefix(sql, i);
        int end = endOfQuoted(sql, i, '\'', escapes);
        String literal = sql.substring(i, end);
        line += count(literal, '\n');
        text.append(literal);
        shape.append("''");
        i = end;
        continue;
      }
      if (c == '"') {
        int end = endOfQuoted(sql, i, '"', false);
        String ident = sql.substring(i, end);
        line += count(ident, '\n');
        text.append(ident);
        shape.append(ident);
        i = end;
        continue;
      }
      if (c == '$') {
        String tag = dollarTag(sql, i);
        if (tag != null) {
          int close = sql.indexOf(tag, i + tag.length());
          int end = close < 0 ? n : close + tag.length();
          String body = sql.substring(i, end);
          line += count(body, '\n');
          text.append(body);
          shape.append("$$ $$");
          i = end;
          continue;
        }
      }
      text.append(c);
      shape.append(c);
      i++;
    }
    flush(statements, text, shape, startLine);
    return statements;
  }

  private static void appendSpace(StringBuilder text, StringBuilder shape) {
    if (text.length() > 0 && text.charAt(text.length() - 1) != ' ') {
      text.append(' ');
    }
    if (shape.length() > 0 && shape.charAt(shape.length() - 1) != ' ') {
      shape.append(' ');
    }
  }

  private static void flush(
      List<SqlStatement> statements, StringBuilder text, StringBuilder shape, int startLine) {
    String t = text.toString().trim();
    if (!t.isEmpty()) {
      statements.add(new SqlStatement(startLine, t, shape.toString().trim()));
    }
    text.setLength(0);
    shape.setLength(0);
  }

  /** {@code E'...'} (not part of a longer identifier) takes backslash escapes. */
  private static boolean isEscapeStringPrefix(String sql, int quote) {
    if (quote == 0 || Character.toUpperCase(sql.charAt(quote - 1)) != 'E') {
      return false;
    }
    return quote < 2 || !Character.isLetterOrDigit(sql.charAt(quote - 2)) && sql.charAt(quote - 2) != '_';
  }

  /** Index just past the closing quote; a doubled quote is an escaped one. */
  private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
        continue;
      }
      if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** The dollar-quote tag starting at {@code i} ({@code $$} or {@code $name$}), or null. */
  private static String dollarTag(String sql, int i) {
    if (i > 0) {
      char before = sql.charAt(i - 1);
      if (Character.isLetterOrDigit(before) || before == '_') {
        return null;
      }
    }
    int j = i + 1;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if (c == '$') {
        return sql.substring(i, j + 1);
      }
      boolean ok = j == i + 1 ? Character.isLetter(c) || c == '_' : Character.isLetterOrDigit(c) || c == '_';
      if (!ok) {
        return null;
      }
      j++;
    }
    return null;
  }

  private static int count(String s, char c) {
    int k = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        k++;
      }
    }
    return k;
  }
}
