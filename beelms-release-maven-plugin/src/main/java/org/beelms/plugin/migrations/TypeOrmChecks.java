package org.beelms.plugin.migrations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.beelms.plugin.gate.Finding;

/**
 * The static checks of TypeORM migrations: class naming, unique timestamps, the migrations the
 * previous release shipped (unchanged, not renamed, not deleted, nothing new below them), and the
 * expand/contract/unknown class of each new one through the same {@link SafetyClassifier} as
 * Flyway SQL; what is not read (computed SQL, call chains, the runner passed to a helper, an empty
 * {@code up}) is unknown, with its line.
 */
final class TypeOrmChecks {

  private TypeOrmChecks() {}

  /** One error per class TypeORM cannot load, and one per timestamp used twice. */
  static List<Finding> naming(TypeOrmMigrationSet set, UnaryOperator<String> where) {
    List<Finding> findings = new ArrayList<>();
    Map<Long, List<TypeOrmMigration>> byTimestamp = new LinkedHashMap<>();
    for (TypeOrmMigration m : set.migrations()) {
      for (String problem : m.problems()) {
        findings.add(
            Finding.error(
                m.fileName() + " is not a TypeORM migration TypeORM can run: " + problem,
                where.apply(m.relativePath()),
                "declare exactly one `export class " + m.className()
                    + " implements MigrationInterface` with up() and down() in " + m.fileName()));
      }
      byTimestamp.computeIfAbsent(m.timestamp(), k -> new ArrayList<>()).add(m);
    }
    byTimestamp.forEach(
        (ts, list) -> {
          if (list.size() > 1) {
            findings.add(
                Finding.error(
                    "Duplicate migration timestamp " + ts + ": "
                        + list.stream().map(TypeOrmMigration::fileName).collect(Collectors.joining(", ")),
                    list.stream().map(m -> where.apply(m.relativePath())).collect(Collectors.joining(", ")),
                    "regenerate one of them with a new timestamp (npx typeorm migration:create);"
                        + " TypeORM orders and records migrations by timestamp and name"));
          }
        });
    return findings;
  }

  /** Immutability, renames and deletions of the migrations released in {@code tag}. */
  static List<Finding> released(
      TypeOrmMigrationSet previous,
      TypeOrmMigrationSet current,
      String tag,
      UnaryOperator<String> where,
      UnaryOperator<String> gitPath) {
    List<Finding> findings = new ArrayList<>();
    for (TypeOrmMigration released : previous.migrations()) {
      String path = released.relativePath();
      Optional<TypeOrmMigration> now = current.byPath(path);
      String restore = MigrationSuggestions.restoreReleased(tag, gitPath.apply(path))
          .replace("a higher version", "a newer timestamp");
      if (now.isPresent()) {
        TypeOrmMigration m = now.get();
        if (m.contentHash().equals(released.contentHash())) {
          continue;
        }
        if (m.formatHash().equals(released.formatHash())) {
          findings.add(
              Finding.info(
                  released.fileName() + " was released in " + tag + " and only its formatting"
                      + " changed since (whitespace, quotes, semicolons): TypeORM does not checksum"
                      + " migrations, the SQL it runs is the same",
                  where.apply(path)));
          continue;
        }
        findings.add(
            Finding.error(
                released.fileName() + " was released in " + tag + " and has been edited since"
                    + " (sha256 " + released.contentHash().substring(0, 12) + " at " + tag + ", "
                    + m.contentHash().substring(0, 12) + " now); databases that applied it never"
                    + " run the edit, fresh ones do",
                where.apply(path),
                restore));
        continue;
      }
      Optional<TypeOrmMigration> renamed =
          current.migrations().stream()
              .filter(m -> previous.byPath(m.relativePath()).isEmpty())
              .filter(m -> m.timestamp() == released.timestamp()
                  || m.formatHash().equals(released.formatHash()))
              .findFirst();
      if (renamed.isPresent()) {
        findings.add(
            Finding.error(
                released.fileName() + " was released in " + tag + " and has been renamed to "
                    + renamed.get().fileName() + "; databases that recorded "
                    + released.className() + " in their migrations table run it again",
                where.apply(renamed.get().relativePath()),
                restore + "; delete " + renamed.get().fileName()));
      } else {
        findings.add(
            Finding.error(
                released.fileName() + " was released in " + tag + " and has been deleted; fresh"
                    + " databases no longer get its schema, TypeORM's table still lists "
                    + released.className(),
                where.apply(path),
                restore));
      }
    }
    Optional<Long> newest = previous.newestTimestamp();
    for (TypeOrmMigration m : newMigrations(previous, current)) {
      if (newest.isPresent() && m.timestamp() < newest.get()
          && previous.migrations().stream().noneMatch(r -> r.timestamp() == m.timestamp())) {
        findings.add(
            Finding.error(
                m.fileName() + " is new since " + tag + " but its timestamp " + m.timestamp()
                    + " is below " + newest.get() + ", the newest migration released in " + tag
                    + " (out of order)",
                where.apply(m.relativePath()),
                "rename it with a timestamp above " + newest.get() + " (file "
                    + (newest.get() + 1) + "-" + m.name() + ".ts, class " + m.name() + (newest.get() + 1)
                    + "): databases already at " + tag + " would run it after newer migrations"));
      }
    }
    return findings;
  }

  /** The migrations whose path the previous release did not ship. */
  static List<TypeOrmMigration> newMigrations(TypeOrmMigrationSet previous, TypeOrmMigrationSet current) {
    if (previous == null) {
      return current.migrations();
    }
    return current.migrations().stream()
        .filter(m -> previous.byPath(m.relativePath()).isEmpty())
        .toList();
  }

  /** The report of each migration, classified in order by one {@link SafetyClassifier}. */
  static List<MigrationReport> classify(List<TypeOrmMigration> migrations) {
    SafetyClassifier classifier = new SafetyClassifier();
    List<MigrationReport> reports = new ArrayList<>();
    for (TypeOrmMigration m : migrations) {
      MigrationReport sql = classifier.classify(m.asSqlFile());
      List<SafetyReason> reasons = new ArrayList<>(sql.reasons());
      for (TypeOrmStatement s : m.up()) {
        if (s.sql().isEmpty()) {
          reasons.add(
              new SafetyReason(SafetyClass.UNKNOWN, s.line(), s.call(), s.notRead() + ": review by hand"));
        }
      }
      if (m.up().isEmpty()) {
        reasons.add(
            new SafetyReason(
                SafetyClass.UNKNOWN,
                m.upLine(),
                "up(queryRunner)",
                "up() runs no statement that could be read (no queryRunner call): review by hand"));
      }
      reasons.sort((a, b) -> Integer.compare(a.line(), b.line()));
      SafetyClass cls = SafetyClass.of(reasons);
      reports.add(
          new MigrationReport(
              String.valueOf(m.timestamp()),
              m.name(),
              m.relativePath(),
              (int) m.contentHash().hashCode(),
              cls,
              reasons,
              sql.lockWarnings(),
              MigrationTool.TYPEORM.id(),
              down(m)));
    }
    return reports;
  }

  private static final Set<String> KEYWORDS =
      Set.of("TABLE", "INDEX", "CONSTRAINT", "COLUMN", "TYPE", "EXTENSION", "PRIMARY", "FOREIGN",
          "UNIQUE", "CHECK", "DEFAULT", "NOT", "IF", "VIEW", "SEQUENCE", "SCHEMA", "TRIGGER",
          "FUNCTION", "ON", "VALUE", "ATTRIBUTE", "EXPRESSION", "IDENTITY");
  private static final String IDENT = "\"?([A-Za-z_][\\w$]*)\"?";
  private static final Pattern[][] INVERSES = {
    {p("CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT), p("DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + IDENT)},
    {p("CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT),
      p("DROP\\s+INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?(?:\"?public\"?\\.)?" + IDENT)},
    {p("ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT), p("DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?" + IDENT)},
    {p("ADD\\s+CONSTRAINT\\s+" + IDENT), p("DROP\\s+CONSTRAINT\\s+(?:IF\\s+EXISTS\\s+)?" + IDENT)},
    {p("CREATE\\s+TYPE\\s+" + IDENT), p("DROP\\s+TYPE\\s+(?:IF\\s+EXISTS\\s+)?" + IDENT)},
    {p("CREATE\\s+EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT), p("DROP\\s+EXTENSION\\s+(?:IF\\s+EXISTS\\s+)?" + IDENT)},
  };

  /** The table an ALTER TABLE or CREATE INDEX statement acts on, schema left out. */
  private static final Pattern STATEMENT_TABLE =
      p("^\\s*(?:ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
          + "|CREATE\\s+(?:UNIQUE\\s+)?INDEX\\b[^;]*?\\bON\\s+(?:ONLY\\s+)?)"
          + "(?:\"?[A-Za-z_][\\w$]*\"?\\.)?" + IDENT);

  private static Pattern p(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  /**
   * Whether {@code down()} undoes {@code up()}: each object up creates (table, index, column,
   * constraint, type) is dropped by down, by name or with the table up created it on, and each it
   * drops is re-created.
   */
  static String down(TypeOrmMigration m) {
    if (m.down().isEmpty()) {
      return "empty: down() does nothing, `migration:revert` cannot undo it";
    }
    if (m.down().stream().anyMatch(s -> s.sql().isEmpty())) {
      return "unknown: down() computes its SQL, review by hand";
    }
    String up = TypeOrmMigration.placed(m.up());
    String down = TypeOrmMigration.placed(m.down());
    Set<String> droppedWithTable = names(up, INVERSES[0][0]);
    droppedWithTable.retainAll(names(down, INVERSES[0][1]));
    List<String> missing = new ArrayList<>();
    for (Pattern[] pair : INVERSES) {
      missing.addAll(unmatched(up, pair[0], down, pair[1], droppedWithTable, "nothing in down() drops "));
      missing.addAll(unmatched(up, pair[1], down, pair[0], Set.of(), "nothing in down() restores "));
    }
    Matcher r = p("RENAME\\s+(?:COLUMN\\s+)?" + IDENT + "\\s+TO\\s+" + IDENT).matcher(up);
    while (r.find()) {
      if (!p("RENAME\\s+(?:COLUMN\\s+)?\"?" + Pattern.quote(r.group(2)) + "\"?\\s+TO\\s+\"?"
          + Pattern.quote(r.group(1)) + "\\b").matcher(down).find()) {
        missing.add("nothing in down() renames " + r.group(2) + " back to " + r.group(1));
      }
    }
    return missing.isEmpty() ? "undoes up()" : "does not undo up(): " + String.join("; ", missing);
  }

  /**
   * The objects {@code up} makes (matched by {@code made}) that {@code down} does not undo: neither
   * by name (matched by {@code undo}) nor by dropping the table they are on, when that table is in
   * {@code droppedTables} (created by up, dropped by down: DROP TABLE drops its columns, indexes
   * and constraints with it).
   */
  private static List<String> unmatched(
      String up, Pattern made, String down, Pattern undo, Set<String> droppedTables, String what) {
    Set<String> undone = names(down, undo);
    List<String> missing = new ArrayList<>();
    Matcher u = made.matcher(up);
    while (u.find()) {
      String name = u.group(1);
      if (KEYWORDS.contains(name.toUpperCase(Locale.ROOT))) {
        continue;
      }
      if (!undone.contains(name.toLowerCase(Locale.ROOT))
          && !tableOfStatementAt(up, u.start()).map(droppedTables::contains).orElse(false)) {
        missing.add(what + name);
      }
    }
    return missing;
  }

  /** The names {@code pattern} captures in {@code sql}, lower case. */
  private static Set<String> names(String sql, Pattern pattern) {
    Set<String> names = new java.util.HashSet<>();
    Matcher m = pattern.matcher(sql);
    while (m.find()) {
      names.add(m.group(1).toLowerCase(Locale.ROOT));
    }
    return names;
  }

  /** The table (lower case) of the statement of {@code sql} holding {@code position}, if it names one. */
  private static Optional<String> tableOfStatementAt(String sql, int position) {
    int start = sql.lastIndexOf(';', position - 1) + 1;
    int end = sql.indexOf(';', position);
    Matcher t = STATEMENT_TABLE.matcher(sql.substring(start, end < 0 ? sql.length() : end));
    return t.find() ? Optional.of(t.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }
}
