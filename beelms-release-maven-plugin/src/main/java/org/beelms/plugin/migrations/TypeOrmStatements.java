package org.beelms.plugin.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the calls of one method ({@code up} or {@code down}) of a TypeORM migration: the SQL of
 * {@code queryRunner.query(...)} string literals, and the PostgreSQL equivalent of the QueryRunner
 * API calls, so that one SQL classifier judges both styles.
 */
final class TypeOrmStatements {

  private static final Pattern STRING_PROP_TEMPLATE =
      Pattern.compile("\\b%s\\s*:\\s*(['\"`])((?:(?!\\1).)*)\\1", Pattern.DOTALL);

  private TypeOrmStatements() {}

  private static Pattern method(String name) {
    return Pattern.compile(
        "\\b(?:public\\s+|async\\s+)*" + name + "\\s*\\(\\s*([A-Za-z_$][\\w$]*)?[^)]*\\)[^{;]*\\{");
  }

  static boolean methodMissing(TypeScriptSource source, String name) {
    return source.find(method(name), 0, source.mask().length()).isEmpty();
  }

  /** The line of the method's declaration; empty when the file has none. */
  static java.util.OptionalInt methodLine(TypeScriptSource source, String name) {
    return source.find(method(name), 0, source.mask().length())
        .map(m -> java.util.OptionalInt.of(source.line(m.start())))
        .orElse(java.util.OptionalInt.empty());
  }

  /**
   * The calls of method {@code name}: {@code <runner>.query(...)} and the QueryRunner API read as
   * SQL, {@code <runner>.manager.query(...)} (and {@code .connection.query}) read like {@code
   * query}; any other chain through the runner ({@code <runner>.manager.getRepository(...)}) and
   * every other use of the runner ({@code this.helper(queryRunner)}, an alias) as not read.
   */
  static List<TypeOrmStatement> of(TypeScriptSource source, String name) {
    Optional<Matcher> m = source.find(method(name), 0, source.mask().length());
    if (m.isEmpty()) {
      return List.of();
    }
    int open = m.get().end() - 1;
    int close = source.closing(open);
    if (close < 0) {
      close = source.mask().length();
    }
    String runner = m.get().group(1) == null ? "queryRunner" : m.get().group(1);
    String id = "[A-Za-z_$][\\w$]*";
    Pattern call = Pattern.compile("(?<![\\w$.])" + Pattern.quote(runner)
        + "((?:\\s*\\.\\s*" + id + ")*?)\\s*\\.\\s*(" + id + ")\\s*\\(");
    Pattern use = Pattern.compile("(?<![\\w$.])" + Pattern.quote(runner) + "(?![\\w$])");
    List<TypeOrmStatement> out = new ArrayList<>();
    List<int[]> read = new ArrayList<>();
    int from = open + 1;
    Optional<Matcher> c;
    while ((c = source.find(call, from, close)).isPresent()) {
      int paren = c.get().end() - 1;
      int end = source.closing(paren);
      if (end < 0) {
        break;
      }
      String chain = c.get().group(1).replaceAll("\\s+", "");
      String method = c.get().group(2);
      List<int[]> args = source.arguments(paren, end);
      String callText = shorten(source.text().substring(c.get().start(), end + 1));
      int line = source.line(c.get().start());
      if (method.equals("query") && (chain.isEmpty() || chain.equals(".manager")
          || chain.equals(".connection"))) {
        Optional<String> sql =
            args.isEmpty() ? Optional.empty() : source.literal(args.get(0)[0], args.get(0)[1]);
        int sqlLine = args.isEmpty() ? line : source.line(firstNonBlank(source, args.get(0)[0]));
        out.add(new TypeOrmStatement(sqlLine, callText, sql, false));
      } else if (chain.isEmpty()) {
        List<String> argTexts =
            args.stream().map(a -> source.text().substring(a[0], a[1]).strip()).toList();
        out.add(new TypeOrmStatement(line, callText, api(method, argTexts), true));
      } else {
        out.add(new TypeOrmStatement(line, callText, Optional.empty(), false,
            "call chain " + runner + chain + "." + method + "(...) not read"));
      }
      read.add(new int[] {c.get().start(), end});
      from = end + 1;
    }
    from = open + 1;
    Optional<Matcher> u;
    while ((u = source.find(use, from, close)).isPresent()) {
      int at = u.get().start();
      from = u.get().end();
      if (read.stream().anyMatch(r -> at >= r[0] && at <= r[1])) {
        continue;
      }
      out.add(new TypeOrmStatement(source.line(at), shorten(lineAt(source.text(), at)),
          Optional.empty(), false,
          runner + " passed on or aliased (e.g. to a helper method): what it runs is not read"));
    }
    out.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return out;
  }

  private static String lineAt(String text, int offset) {
    int start = text.lastIndexOf('\n', offset) + 1;
    int end = text.indexOf('\n', offset);
    return text.substring(start, end < 0 ? text.length() : end).strip();
  }

  private static int firstNonBlank(TypeScriptSource s, int from) {
    int i = from;
    while (i < s.text().length() && Character.isWhitespace(s.text().charAt(i))) {
      i++;
    }
    return i;
  }

  private static String shorten(String call) {
    String one = call.replaceAll("\\s+", " ");
    return one.length() > 160 ? one.substring(0, 157) + "..." : one;
  }

  /** The PostgreSQL a QueryRunner API call runs; empty when it cannot be read statically. */
  static Optional<String> api(String method, List<String> args) {
    Optional<String> table = args.isEmpty() ? Optional.empty() : nameOf(args.get(0));
    if (table.isEmpty()) {
      return Optional.empty();
    }
    String t = q(table.get());
    String a1 = args.size() > 1 ? args.get(1) : "";
    String a2 = args.size() > 2 ? args.get(2) : "";
    return switch (method) {
      case "createTable" -> Optional.of("CREATE TABLE " + t + " (" + columnsOf(args.get(0)) + ")");
      case "dropTable" -> Optional.of("DROP TABLE " + t);
      case "renameTable" -> nameOf(a1).map(n -> "ALTER TABLE " + t + " RENAME TO " + q(n));
      case "addColumn" -> Optional.of("ALTER TABLE " + t + " ADD COLUMN " + column(a1));
      case "addColumns" -> Optional.of(
          "ALTER TABLE " + t + " "
              + objects(a1).stream().map(c -> "ADD COLUMN " + column(c)).collect(Collectors.joining(", ")));
      case "dropColumn" -> nameOf(a1).map(c -> "ALTER TABLE " + t + " DROP COLUMN " + q(c));
      case "dropColumns" -> Optional.of(
          "ALTER TABLE " + t + " "
              + objects(a1).stream().map(TypeOrmStatements::nameOf).flatMap(Optional::stream)
                  .map(c -> "DROP COLUMN " + q(c)).collect(Collectors.joining(", ")));
      case "renameColumn" -> nameOf(a1).flatMap(
          from -> nameOf(a2).map(to -> "ALTER TABLE " + t + " RENAME COLUMN " + q(from) + " TO " + q(to)));
      case "changeColumn" -> nameOf(a1).map(old -> changeColumn(t, old, a2));
      case "createIndex" -> Optional.of(index(t, a1));
      case "dropIndex" -> nameOf(a1).map(i -> "DROP INDEX " + q(i));
      case "createForeignKey" -> Optional.of(foreignKey(t, a1));
      case "createForeignKeys" -> Optional.of(
          objects(a1).stream().map(f -> foreignKey(t, f)).collect(Collectors.joining(";\n")));
      case "dropForeignKey" -> nameOf(a1).map(k -> "ALTER TABLE " + t + " DROP CONSTRAINT " + q(k));
      case "createPrimaryKey" -> Optional.of(
          "ALTER TABLE " + t + " ADD PRIMARY KEY (" + columnList(a1) + ")");
      case "dropPrimaryKey" -> Optional.of("ALTER TABLE " + t + " DROP CONSTRAINT " + q(table.get() + "_pkey"));
      case "createUniqueConstraint" -> Optional.of(
          "ALTER TABLE " + t + " ADD CONSTRAINT " + q(prop(a1, "name").orElse("uq")) + " UNIQUE ("
              + columnList(prop(a1, "columnNames").orElse("")) + ")");
      case "dropUniqueConstraint", "dropCheckConstraint" ->
          nameOf(a1).map(k -> "ALTER TABLE " + t + " DROP CONSTRAINT " + q(k));
      default -> Optional.empty();
    };
  }

  private static String changeColumn(String t, String old, String definition) {
    String to = prop(definition, "name").orElse(old);
    StringBuilder sql = new StringBuilder();
    if (!to.equals(old)) {
      sql.append("ALTER TABLE ").append(t).append(" RENAME COLUMN ").append(q(old)).append(" TO ")
          .append(q(to)).append(";\n");
    }
    sql.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(q(to)).append(" TYPE ")
        .append(prop(definition, "type").orElse("unknown"));
    return sql.toString();
  }

  /** A TableColumn (or plain object) as a column definition; TypeORM's isNullable defaults to false. */
  private static String column(String definition) {
    StringBuilder c = new StringBuilder(q(prop(definition, "name").orElse("unnamed")));
    c.append(' ').append(prop(definition, "type").orElse("text"));
    boolean nullable = bool(definition, "isNullable") || bool(definition, "isGenerated");
    boolean primary = bool(definition, "isPrimary");
    Optional<String> def = rawProp(definition, "default");
    if (primary) {
      c.append(" PRIMARY KEY");
    } else if (!nullable) {
      c.append(" NOT NULL");
    }
    def.ifPresent(d -> c.append(" DEFAULT ").append(nameOf(d).orElse(d)));
    if (bool(definition, "isUnique")) {
      c.append(" UNIQUE");
    }
    return c.toString();
  }

  private static String columnsOf(String table) {
    List<String> cols = rawProp(table, "columns").map(TypeOrmStatements::objects).orElse(List.of());
    return cols.isEmpty() ? "\"id\" integer" : cols.stream().map(TypeOrmStatements::column).collect(Collectors.joining(", "));
  }

  private static String index(String t, String definition) {
    String name = prop(definition, "name").orElse("idx");
    return "CREATE " + (bool(definition, "isUnique") ? "UNIQUE " : "") + "INDEX " + q(name) + " ON "
        + t + " (" + columnList(rawProp(definition, "columnNames").orElse("")) + ")";
  }

  private static String foreignKey(String t, String definition) {
    return "ALTER TABLE " + t + " ADD CONSTRAINT " + q(prop(definition, "name").orElse("fk"))
        + " FOREIGN KEY (" + columnList(rawProp(definition, "columnNames").orElse("")) + ") REFERENCES "
        + q(prop(definition, "referencedTableName").orElse("unknown")) + " ("
        + columnList(rawProp(definition, "referencedColumnNames").orElse("")) + ")";
  }

  private static String columnList(String array) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("(['\"`])((?:(?!\\1).)*)\\1").matcher(array);
    while (m.find()) {
      names.add(q(m.group(2)));
    }
    return String.join(", ", names);
  }

  /** A string literal, or the {@code name} of an object ({@code new Table({name: 'x'})}). */
  static Optional<String> nameOf(String arg) {
    String a = arg.strip();
    if (a.length() >= 2 && "'\"`".indexOf(a.charAt(0)) >= 0 && a.charAt(a.length() - 1) == a.charAt(0)
        && a.indexOf(a.charAt(0), 1) == a.length() - 1 && !a.contains("${")) {
      return Optional.of(a.substring(1, a.length() - 1));
    }
    return a.contains("{") ? prop(a, "name") : Optional.empty();
  }

  private static Optional<String> prop(String object, String key) {
    Matcher m = Pattern.compile(String.format(STRING_PROP_TEMPLATE.pattern(), key), Pattern.DOTALL)
        .matcher(topLevel(object));
    return m.find() ? Optional.of(m.group(2)) : Optional.empty();
  }

  private static boolean bool(String object, String key) {
    return Pattern.compile("\\b" + key + "\\s*:\\s*true\\b").matcher(topLevel(object)).find();
  }

  /** The raw value text of {@code key} at the object's top level (up to a top-level comma or '}'). */
  private static Optional<String> rawProp(String object, String key) {
    String s = object;
    Matcher m = Pattern.compile("\\b" + key + "\\s*:").matcher(s);
    while (m.find()) {
      if (depthAt(s, m.start()) != topDepth(s)) {
        continue;
      }
      int depth = 0;
      int i = m.end();
      char quote = 0;
      for (; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (quote != 0) {
          if (ch == '\\') {
            i++;
          } else if (ch == quote) {
            quote = 0;
          }
        } else if (ch == '\'' || ch == '"' || ch == '`') {
          quote = ch;
        } else if (ch == '(' || ch == '{' || ch == '[') {
          depth++;
        } else if (ch == ')' || ch == '}' || ch == ']') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (ch == ',' && depth == 0) {
          break;
        }
      }
      return Optional.of(s.substring(m.end(), i).strip());
    }
    return Optional.empty();
  }

  /** The text of the first object literal's top level, nested objects blanked. */
  private static String topLevel(String object) {
    int d = topDepth(object);
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (char ch : object.toCharArray()) {
      if (ch == '{' || ch == '[' || ch == '(') {
        depth++;
      }
      out.append(depth <= d ? ch : ' ');
      if (ch == '}' || ch == ']' || ch == ')') {
        depth--;
      }
    }
    return out.toString();
  }

  private static int topDepth(String s) {
    int brace = s.indexOf('{');
    return brace < 0 ? 0 : depthAt(s, brace + 1);
  }

  private static int depthAt(String s, int pos) {
    int depth = 0;
    for (int i = 0; i < pos && i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '{' || ch == '[' || ch == '(') {
        depth++;
      } else if (ch == '}' || ch == ']' || ch == ')') {
        depth--;
      }
    }
    return depth;
  }

  /** The object literals ({@code {...}}) directly inside an array literal. */
  private static List<String> objects(String array) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = -1;
    int base = array.indexOf('[');
    for (int i = base + 1; i < array.length(); i++) {
      char ch = array.charAt(i);
      if (ch == '{') {
        if (depth == 0) {
          start = i;
        }
        depth++;
      } else if (ch == '}') {
        depth--;
        if (depth == 0 && start >= 0) {
          out.add(array.substring(start, i + 1));
        }
      } else if (ch == ']' && depth == 0) {
        break;
      }
    }
    return out;
  }

  private static String q(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
