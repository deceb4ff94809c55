package org.beelms.plugin.migrations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One TypeORM migration file read statically: {@code <epoch-ms>-<Name>.ts|.js} holding one class
 * {@code <Name><epoch-ms>} that implements {@code MigrationInterface}, with the statements of its
 * {@code up} and {@code down} methods as SQL (from {@code queryRunner.query(...)} literals and from
 * the QueryRunner API) or as "computed" when the SQL is only known at run time.
 */
public final class TypeOrmMigration {

  /** A migration file name: 13-digit epoch milliseconds, a dash, the name. */
  static final Pattern FILE_NAME = Pattern.compile("(\\d{10,})-([A-Za-z_$][\\w$]*)\\.(ts|js)");

  private static final Pattern CLASS =
      Pattern.compile("\\bclass\\s+([A-Za-z_$][\\w$]*)(\\s+implements\\s+([\\w$.,\\s]+?))?\\s*\\{");

  private final String relativePath;
  private final byte[] content;
  private final long timestamp;
  private final String name;
  private final List<String> problems = new ArrayList<>();
  private final List<TypeOrmStatement> up;
  private final List<TypeOrmStatement> down;
  private final int upLine;

  TypeOrmMigration(String relativePath, byte[] content) {
    this.relativePath = relativePath.replace('\\', '/');
    this.content = content.clone();
    Matcher m = FILE_NAME.matcher(fileName());
    if (!m.matches()) {
      throw new IllegalArgumentException(fileName() + " is not <epoch-ms>-<Name>.ts|.js");
    }
    this.timestamp = Long.parseLong(m.group(1));
    this.name = m.group(2);
    TypeScriptSource source = new TypeScriptSource(text());
    checkClass(source, m.group(3));
    this.up = TypeOrmStatements.of(source, "up");
    this.down = TypeOrmStatements.of(source, "down");
    this.upLine = TypeOrmStatements.methodLine(source, "up").orElse(1);
    if (TypeOrmStatements.methodMissing(source, "up")) {
      problems.add("it has no up(queryRunner) method, so TypeORM applies nothing");
    }
  }

  /** True when {@code fileName} is named like a TypeORM migration. */
  static boolean isMigrationName(String fileName) {
    return FILE_NAME.matcher(fileName).matches() && !fileName.endsWith(".d.ts");
  }

  private void checkClass(TypeScriptSource source, String extension) {
    Matcher c = CLASS.matcher(source.mask());
    List<String> classes = new ArrayList<>();
    boolean implementsInterface = false;
    String expected = name + timestamp;
    while (c.find()) {
      classes.add(c.group(1));
      if (c.group(1).equals(expected) && c.group(3) != null
          && c.group(3).contains("MigrationInterface")) {
        implementsInterface = true;
      }
    }
    if (classes.isEmpty()) {
      problems.add("it declares no class; TypeORM expects class " + expected);
    } else if (classes.size() > 1) {
      problems.add("it declares " + classes.size() + " classes " + classes
          + "; TypeORM expects exactly one, " + expected);
    } else if (!classes.get(0).equals(expected)) {
      problems.add("its class is " + classes.get(0) + ", TypeORM needs " + expected
          + " (name + timestamp) to order and record it");
    } else if (extension.equals("ts") && !implementsInterface) {
      problems.add("class " + expected + " does not implement MigrationInterface");
    }
  }

  public String relativePath() {
    return relativePath;
  }

  public String fileName() {
    int slash = relativePath.lastIndexOf('/');
    return slash < 0 ? relativePath : relativePath.substring(slash + 1);
  }

  public long timestamp() {
    return timestamp;
  }

  public String name() {
    return name;
  }

  /** The class name TypeORM records in its {@code migrations} table. */
  public String className() {
    return name + timestamp;
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  byte[] content() {
    return content.clone();
  }

  /** What is wrong with the class; empty when TypeORM can load it. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  public List<TypeOrmStatement> up() {
    return up;
  }

  public List<TypeOrmStatement> down() {
    return down;
  }

  /** The line of {@code up}'s declaration (1 when there is none). */
  public int upLine() {
    return upLine;
  }

  /**
   * True when {@code up} runs at least one statement and every statement of {@code up} and {@code
   * down} is a plain SQL literal: an empty {@code up} is not plain SQL (nothing was read, so
   * nothing can be "reproduced" from it).
   */
  public boolean isPlainSql() {
    return !up.isEmpty() && up.stream().allMatch(s -> s.sql().isPresent() && !s.api())
        && down.stream().allMatch(s -> s.sql().isPresent() && !s.api());
  }

  /** SHA-256 of the bytes. */
  public String contentHash() {
    return sha256(content);
  }

  /**
   * SHA-256 of the text without whitespace, semicolons, trailing commas, and with every quote
   * read as one: equal for two files that differ only in formatting.
   */
  public String formatHash() {
    String t = text().replaceAll(",(\\s*[)}\\]])", "$1").replaceAll("[\\s;]", "")
        .replace('\'', '"');
    return sha256(t.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The SQL of {@code up}, each statement placed at the line of its call in the source so the
   * SQL classifier's line numbers are the file's; computed statements are left out.
   */
  public String upSql() {
    return placed(up);
  }

  static String placed(List<TypeOrmStatement> statements) {
    StringBuilder sql = new StringBuilder();
    int line = 1;
    for (TypeOrmStatement s : statements) {
      if (s.sql().isEmpty()) {
        continue;
      }
      while (line < s.line()) {
        sql.append('\n');
        line++;
      }
      String text = s.sql().get().strip();
      if (!text.endsWith(";")) {
        text = text + ";";
      }
      sql.append(text).append('\n');
      line += (int) text.chars().filter(ch -> ch == '\n').count() + 1;
    }
    return sql.toString();
  }

  /** The name Flyway would give this migration's SQL: {@code V<timestamp>__<Name>.sql}. */
  String flywayName() {
    return "V" + timestamp + "__" + name + ".sql";
  }

  /** This migration's up SQL as a Flyway file, for the SQL classifier and the scratch database. */
  MigrationFile asSqlFile() {
    String dir = relativePath.contains("/") ? relativePath.substring(0, relativePath.lastIndexOf('/') + 1) : "";
    return new MigrationFile(dir + flywayName(), upSql().getBytes(StandardCharsets.UTF_8));
  }

  Optional<TypeOrmStatement> firstComputed() {
    return up.stream().filter(s -> s.sql().isEmpty()).findFirst();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return relativePath;
  }
}
