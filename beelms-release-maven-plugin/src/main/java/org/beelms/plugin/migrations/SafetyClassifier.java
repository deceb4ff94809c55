package org.beelms.plugin.migrations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classes the migrations new in a release as {@link SafetyClass#EXPAND}, {@link
 * SafetyClass#CONTRACT} or {@link SafetyClass#UNKNOWN} by reading their statements, and warns about
 * statements that lock or rewrite tables that already existed before the release.
 *
 * <p>Feed it the new migrations in Flyway's order: it remembers the tables and indexes they
 * create, so work on a table born in this release is neither a contract nor a lock problem (no
 * running code and no production rows depend on it yet); {@code CREATE TABLE IF NOT EXISTS} never
 * makes a table new (it may have existed). Statements it does not read ({@code DO} blocks, {@code
 * CALL}, {@code EXECUTE}, anything not recognised) are classed unknown with a reason that says
 * "review by hand": never safe.
 */
public final class SafetyClassifier {

  private static final String ID = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
  private static final String QNAME = ID + "(?:\\s*\\.\\s*" + ID + ")*";
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;

  private static final Pattern CREATE_TABLE =
      p("^CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED)\\s+)?TABLE\\s+"
          + "(IF\\s+NOT\\s+EXISTS\\s+)?(" + QNAME + ")");
  private static final Pattern CREATE_INDEX =
      p("^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?"
          + "(" + QNAME + "\\s+)?ON\\s+(?:ONLY\\s+)?(" + QNAME + ")");
  private static final Pattern DROP_INDEX =
      p("^DROP\\s+INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?(" + QNAME + ")");
  private static final Pattern DROP_OBJECT =
      p("^DROP\\s+(TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|TYPE|DOMAIN|SCHEMA|FUNCTION|PROCEDURE"
          + "|TRIGGER|EXTENSION|POLICY|RULE|OWNED|ROLE|USER)\\s+(?:IF\\s+EXISTS\\s+)?(.*)$");
  private static final Pattern ALTER_TABLE =
      p("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(" + QNAME + ")\\s*\\*?\\s+(.*)$");
  private static final Pattern RENAME_TABLE = p("^RENAME\\s+TO\\s+(" + ID + ")");
  private static final Pattern RENAME_CONSTRAINT = p("^RENAME\\s+CONSTRAINT\\b");
  private static final Pattern RENAME_COLUMN =
      p("^RENAME\\s+(?:COLUMN\\s+)?(" + ID + ")\\s+TO\\s+(" + ID + ")");
  private static final Pattern SET_SCHEMA = p("^SET\\s+SCHEMA\\b");
  private static final Pattern ADD_CONSTRAINT =
      p("^ADD\\s+(?:CONSTRAINT\\s+" + ID + "\\s+)?(PRIMARY\\s+KEY|UNIQUE|CHECK|FOREIGN\\s+KEY|EXCLUDE)\\b(.*)$");
  private static final Pattern ADD_COLUMN =
      p("^ADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + ID + ")\\s*(.*)$");
  private static final Pattern DROP_CONSTRAINT = p("^DROP\\s+CONSTRAINT\\b");
  private static final Pattern DROP_COLUMN =
      p("^DROP\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?(" + ID + ")");
  private static final Pattern ALTER_COLUMN =
      p("^ALTER\\s+(?:COLUMN\\s+)?(" + ID + ")\\s+(.*)$");
  /** ALTER TABLE actions that change nothing the previous release's code reads or writes. */
  private static final Pattern TABLE_PROPERTY =
      p("^(?:OWNER\\s+TO|SET\\s*\\(|RESET\\s*\\(|CLUSTER\\s+ON|SET\\s+WITHOUT\\s+CLUSTER"
          + "|SET\\s+(?:LOGGED|UNLOGGED|TABLESPACE|ACCESS\\s+METHOD)|REPLICA\\s+IDENTITY"
          + "|ALTER\\s+CONSTRAINT|(?:ENABLE|DISABLE)\\s+TRIGGER)");
  private static final Pattern VALIDATE_CONSTRAINT = p("^VALIDATE\\s+CONSTRAINT\\b");
  private static final Pattern ALTER_TYPE = p("^ALTER\\s+TYPE\\s+" + QNAME + "\\s+(\\w+)");
  private static final Pattern ALTER_RENAMABLE =
      p("^ALTER\\s+(VIEW|MATERIALIZED\\s+VIEW|SEQUENCE|FUNCTION|PROCEDURE|SCHEMA|DOMAIN)\\b.*\\b(RENAME|SET\\s+SCHEMA)\\b");
  private static final Pattern DELETE = p("^DELETE\\s+FROM\\s+(?:ONLY\\s+)?(" + QNAME + ")");
  private static final Pattern TRUNCATE = p("^TRUNCATE\\s+(?:TABLE\\s+)?(.*)$");
  /** What follows the names of a DROP or TRUNCATE. */
  private static final Pattern NAMES_TAIL =
      p("(?:\\s+(?:CASCADE|RESTRICT|(?:RESTART|CONTINUE)\\s+IDENTITY))+\\s*$");
  private static final Pattern REWRITE = p("^(CLUSTER|VACUUM\\s+(?:\\(.*FULL.*\\)|FULL))\\b");
  private static final Pattern NOT_NULL = p("\\bNOT\\s+NULL\\b|\\bPRIMARY\\s+KEY\\b");
  private static final Pattern HAS_DEFAULT =
      p("\\bDEFAULT\\b|\\bGENERATED\\b|^(?:SMALL|BIG)?SERIAL\\d?\\b");
  private static final Pattern REWRITING_DEFAULT =
      p("\\bDEFAULT\\b.*\\b(random|gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc"
          + "|uuid_generate_v4|clock_timestamp|timeofday|nextval|txid_current)\\s*\\(");
  private static final Pattern REWRITING_COLUMN =
      p("^(?:SMALL|BIG)?SERIAL\\d?\\b|\\bGENERATED\\s+(?:ALWAYS|BY\\s+DEFAULT)\\s+AS\\b");
  private static final Pattern INLINE_UNIQUE = p("\\bUNIQUE\\b|\\bPRIMARY\\s+KEY\\b");

  private final Set<String> tablesCreated = new HashSet<>();
  private final Set<String> indexesCreated = new HashSet<>();

  private static Pattern p(String regex) {
    return Pattern.compile(regex, FLAGS);
  }

  /** Classes one migration; call in Flyway's order for every migration new in the release. */
  public MigrationReport classify(MigrationFile file) {
    List<SafetyReason> reasons = new ArrayList<>();
    List<LockWarning> locks = new ArrayList<>();
    for (SqlStatement statement : SqlScript.split(file.sql())) {
      new StatementRules(statement, reasons, locks).apply();
    }
    SafetyClass safetyClass = SafetyClass.of(reasons);
    return new MigrationReport(
        file.version().map(MigrationVersion::toString).orElse(""),
        file.description(),
        file.relativePath(),
        file.checksum(),
        safetyClass,
        reasons,
        locks);
  }

  /** The last part of a possibly qualified name, unquoted, lower-cased unless it was quoted. */
  static String objectName(String qualified) {
    String last = qualified.trim();
    int dot = lastDotOutsideQuotes(last);
    if (dot >= 0) {
      last = last.substring(dot + 1).trim();
    }
    if (last.startsWith("\"") && last.endsWith("\"") && last.length() >= 2) {
      return last.substring(1, last.length() - 1).replace("\"\"", "\"");
    }
    return last.toLowerCase(Locale.ROOT);
  }

  private static int lastDotOutsideQuotes(String s) {
    boolean quoted = false;
    int dot = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        dot = i;
      }
    }
    return dot;
  }

  /**
   * The names of a DROP or TRUNCATE ({@code a, ONLY b *, s."C" CASCADE}), each as {@link
   * #objectName}; a statement that names none yields {@code ?} so it is never read as "nothing".
   */
  static List<String> names(String list) {
    String names = NAMES_TAIL.matcher(list.trim()).replaceFirst("");
    List<String> out = new ArrayList<>();
    for (String part : topLevelCommaSplit(names)) {
      String name = part.replaceFirst("(?i)^ONLY\\s+", "").replaceFirst("\\s*\\*$", "").trim();
      if (!name.isEmpty()) {
        out.add(objectName(name));
      }
    }
    return out.isEmpty() ? List.of("?") : out;
  }

  /** Splits {@code a, b (c, d), e} on top-level commas. */
  static List<String> topLevelCommaSplit(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(s.substring(start, i).trim());
        start = i + 1;
      }
    }
    parts.add(s.substring(start).trim());
    return parts;
  }

  /** The rules applied to one statement, writing into the migration's reasons and warnings. */
  private final class StatementRules {
    private final SqlStatement statement;
    private final String shape;
    private final List<SafetyReason> reasons;
    private final List<LockWarning> locks;

    StatementRules(SqlStatement statement, List<SafetyReason> reasons, List<LockWarning> locks) {
      this.statement = statement;
      this.shape = statement.shape();
      this.reasons = reasons;
      this.locks = locks;
    }

    void expand(String why) {
      reasons.add(new SafetyReason(SafetyClass.EXPAND, statement.line(), statement.excerpt(), why));
    }

    void contract(String why) {
      reasons.add(
          new SafetyReason(SafetyClass.CONTRACT, statement.line(), statement.excerpt(), why));
    }

    void lock(String why, String fix) {
      locks.add(new LockWarning(statement.line(), statement.excerpt(), why, fix));
    }

    void apply() {
      Matcher m;
      if ((m = CREATE_TABLE.matcher(shape)).find()) {
        String table = objectName(m.group(2));
        if (m.group(1) == null) {
          tablesCreated.add(table);
          expand("creates table " + table);
        } else {
          expand("creates table " + table + " if it does not exist (not counted as new: it may"
              + " exist already, so later changes to it are judged as on an existing table)");
        }
      } else if ((m = CREATE_INDEX.matcher(shape)).find()) {
        createIndex(m);
      } else if ((m = DROP_INDEX.matcher(shape)).find()) {
        String index = objectName(m.group(2));
        expand("drops index " + index + " (the previous release's code still runs, maybe slower)");
        if (m.group(1) == null && !indexesCreated.contains(index)) {
          lock(
              "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table",
              "use DROP INDEX CONCURRENTLY in a migration of its own");
        }
      } else if ((m = DROP_OBJECT.matcher(shape)).find()) {
        String kind = m.group(1).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        List<String> names = names(m.group(2));
        List<String> existing =
            names.stream().filter(n -> !kind.equals("table") || !tablesCreated.contains(n)).toList();
        if (existing.isEmpty() && !names.isEmpty()) {
          expand("drops table " + String.join(", ", names) + ", created in this release");
        } else {
          contract("drops " + kind + " " + String.join(", ", existing)
              + " that the previous release's code may use");
        }
      } else if ((m = ALTER_TABLE.matcher(shape)).find()) {
        alterTable(objectName(m.group(1)), m.group(2).trim());
      } else if ((m = ALTER_TYPE.matcher(shape)).find()) {
        String action = m.group(1).toUpperCase(Locale.ROOT);
        if (action.equals("RENAME") || action.equals("DROP") || action.equals("ALTER")
            || action.equals("SET")) {
          contract("changes a type the previous release's code may use (" + action + ")");
        } else {
          expand("extends a type (" + action + ")");
        }
      } else if (ALTER_RENAMABLE.matcher(shape).find()) {
        contract("renames or moves an object the previous release's code may use");
      } else if ((m = TRUNCATE.matcher(shape)).find()) {
        dataRemoval(names(m.group(1)), "empties table ");
      } else if ((m = DELETE.matcher(shape)).find()) {
        dataRemoval(List.of(objectName(m.group(1))), "deletes rows of table ");
      } else if (REWRITE.matcher(shape).find()) {
        expand("maintenance statement");
        lock(
            "rewrites the table under an ACCESS EXCLUSIVE lock",
            "run it by hand in a maintenance window, not in a migration");
      } else if (startsWith("REVOKE")) {
        contract("revokes privileges the previous release's code may need");
      } else if (startsWith("UPDATE")) {
        expand("changes existing rows (backfill); the previous release's code keeps working");
      } else if (startsWith("INSERT") || startsWith("COPY")) {
        expand("adds data");
      } else if (startsWith("CREATE")) {
        String what = shape.replaceFirst("(?is)^CREATE\\s+(OR\\s+REPLACE\\s+)?", "")
            .split("\\s+")[0].toLowerCase(Locale.ROOT);
        expand(
            shape.matches("(?is)^CREATE\\s+OR\\s+REPLACE\\b.*")
                ? "replaces " + what + " (keep what the previous release's code calls compatible)"
                : "creates " + what);
      } else if (startsWith("ALTER INDEX") || startsWith("COMMENT") || startsWith("GRANT")
          || startsWith("SELECT") || startsWith("SET")
          || startsWith("RESET") || startsWith("ANALYZE") || startsWith("REFRESH")
          || startsWith("ALTER SEQUENCE") || startsWith("ALTER DEFAULT PRIVILEGES")) {
        expand("does not remove anything the previous release's code uses");
      } else if (startsWith("DO")) {
        unknown("anonymous code block (DO): what it runs is not read, review by hand");
      } else {
        unknown("statement not recognised (" + firstWords() + "): not read, review by hand");
      }
    }

    void unknown(String why) {
      reasons.add(new SafetyReason(SafetyClass.UNKNOWN, statement.line(), statement.excerpt(), why));
    }

    private String firstWords() {
      String[] words = shape.split("\\s+", 3);
      return words.length > 1 ? words[0] + " " + words[1] : words[0];
    }

    private boolean startsWith(String keywords) {
      return shape.regionMatches(true, 0, keywords, 0, keywords.length())
          && (shape.length() == keywords.length()
              || !Character.isLetterOrDigit(shape.charAt(keywords.length())));
    }

    /** Every table named counts: one that existed before the release makes it a contract. */
    private void dataRemoval(List<String> tables, String what) {
      List<String> existing = tables.stream().filter(t -> !tablesCreated.contains(t)).toList();
      if (existing.isEmpty() && !tables.isEmpty()) {
        expand(what + String.join(", ", tables) + ", created in this release");
      } else {
        contract(what + String.join(", ", existing) + " that the previous release's code may read");
      }
    }

    private void createIndex(Matcher m) {
      String table = objectName(m.group(4));
      if (m.group(3) != null) {
        indexesCreated.add(objectName(m.group(3)));
      }
      expand("creates " + (m.group(1) != null ? "unique " : "") + "index on " + table);
      if (m.group(2) == null && !tablesCreated.contains(table)) {
        lock(
            "CREATE INDEX without CONCURRENTLY on "
                + table
                + ", which existed before this release, blocks writes to it while the index builds",
            "use CREATE INDEX CONCURRENTLY in a migration of its own (Flyway runs it outside a"
                + " transaction)");
      }
    }

    private void alterTable(String table, String rest) {
      boolean isNew = tablesCreated.contains(table);
      Matcher m;
      if ((m = RENAME_TABLE.matcher(rest)).find()) {
        String to = objectName(m.group(1));
        if (isNew) {
          tablesCreated.add(to);
          expand("renames table " + table + ", created in this release");
        } else {
          contract("renames table " + table + " to " + to + ": the previous release's code uses the old name");
        }
        return;
      }
      if (RENAME_CONSTRAINT.matcher(rest).find()) {
        expand("renames a constraint of " + table);
        return;
      }
      if ((m = RENAME_COLUMN.matcher(rest)).find()) {
        String from = objectName(m.group(1));
        String to = objectName(m.group(2));
        if (isNew) {
          expand("renames column " + table + "." + from + " of a table created in this release");
        } else {
          contract("renames column " + table + "." + from + " to " + to
              + ": the previous release's code uses the old name");
        }
        return;
      }
      if (SET_SCHEMA.matcher(rest).find()) {
        if (isNew) {
          expand("moves table " + table + ", created in this release");
        } else {
          contract("moves table " + table + " to another schema");
        }
        return;
      }
      for (String action : topLevelCommaSplit(rest)) {
        alterTableAction(table, isNew, action);
      }
    }

    private void alterTableAction(String table, boolean isNew, String action) {
      Matcher m;
      String created = ", on table " + table + " created in this release";
      if ((m = ADD_CONSTRAINT.matcher(action)).find()) {
        String kind = m.group(1).replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        String tail = m.group(2);
        boolean notValid = tail.matches("(?is).*\\bNOT\\s+VALID\\b.*");
        boolean usingIndex = tail.matches("(?is).*\\bUSING\\s+INDEX\\b.*");
        if (isNew) {
          expand("adds a " + kind + " constraint" + created);
        } else if (notValid) {
          expand("adds a " + kind + " constraint NOT VALID to " + table + " (checked for new rows only)");
        } else {
          contract("adds a " + kind + " constraint to existing table " + table
              + ": writes the previous release's code makes may now fail");
          if (usingIndex) {
            return;
          }
          if (kind.equals("FOREIGN KEY") || kind.equals("CHECK")) {
            lock("adding a " + kind + " constraint to " + table
                    + " checks every row while holding a lock that blocks writes",
                "add it with NOT VALID, then VALIDATE CONSTRAINT in a later migration");
          } else {
            lock("adding a " + kind + " constraint to " + table
                    + " builds a unique index while blocking writes",
                "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX");
          }
        }
      } else if (DROP_CONSTRAINT.matcher(action).find()) {
        if (isNew) {
          expand("drops a constraint" + created);
        } else {
          contract("drops a constraint of " + table
              + " that the previous release's code may rely on (e.g. ON CONFLICT on a unique key)");
        }
      } else if ((m = DROP_COLUMN.matcher(action)).find()) {
        String column = objectName(m.group(1));
        if (isNew) {
          expand("drops column " + column + created);
        } else {
          contract("drops column " + table + "." + column
              + " that the previous release's code may read or write");
        }
      } else if ((m = ALTER_COLUMN.matcher(action)).find()) {
        alterColumn(table, isNew, objectName(m.group(1)), m.group(2).trim());
      } else if (VALIDATE_CONSTRAINT.matcher(action).find()) {
        expand("validates a constraint of " + table + " (does not block writes)");
      } else if ((m = ADD_COLUMN.matcher(action)).find()) {
        addColumn(table, isNew, objectName(m.group(1)), m.group(2));
      } else if (TABLE_PROPERTY.matcher(action).find()) {
        expand("changes a storage or ownership property of table " + table);
      } else {
        unknown("ALTER TABLE " + table + " action not recognised ("
            + action.split("\\s+", 3)[0] + "): not read, review by hand");
      }
    }

    private void addColumn(String table, boolean isNew, String column, String definition) {
      boolean notNull = NOT_NULL.matcher(definition).find();
      boolean hasDefault = HAS_DEFAULT.matcher(definition).find();
      String name = table + "." + column;
      if (isNew) {
        expand("adds column " + name + " to a table created in this release");
        return;
      }
      if (notNull && !hasDefault) {
        contract("adds NOT NULL column " + name + " without a default to existing table " + table
            + ": the previous release's inserts fail, and so does the migration if rows exist");
      } else {
        expand("adds column " + name + (notNull ? " NOT NULL with a default" : " (nullable)"));
      }
      if (REWRITING_DEFAULT.matcher(definition).find() || REWRITING_COLUMN.matcher(definition).find()) {
        lock("adding " + name + " with a volatile default (or serial/identity/generated) rewrites"
                + " the whole table under an ACCESS EXCLUSIVE lock",
            "add the column without a default (or with a constant one), backfill in batches, then"
                + " SET DEFAULT");
      }
      if (INLINE_UNIQUE.matcher(definition).find()) {
        lock("adding " + name + " as UNIQUE or PRIMARY KEY builds an index while blocking writes",
            "add the column, CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX");
      }
    }

    private void alterColumn(String table, boolean isNew, String column, String change) {
      String name = table + "." + column;
      String upper = change.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (isNew) {
        expand("changes column " + name + " of a table created in this release");
      } else if (upper.startsWith("TYPE") || upper.startsWith("SET DATA TYPE")) {
        contract("changes the type of " + name + ": the previous release's code reads and writes the old type");
        lock("changing the type of " + name + " usually rewrites the table under an ACCESS EXCLUSIVE lock",
            "add a new column, backfill it, switch the code, then drop the old column");
      } else if (upper.startsWith("SET NOT NULL")) {
        contract("makes " + name + " NOT NULL: the previous release's code may write NULL there");
        lock("SET NOT NULL on " + name + " scans the whole table under an ACCESS EXCLUSIVE lock",
            "add CHECK (" + column + " IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL");
      } else if (upper.startsWith("DROP DEFAULT")) {
        contract("drops the default of " + name + ": inserts of the previous release's code that omit it change or fail");
      } else if (upper.startsWith("DROP NOT NULL")) {
        expand("lets " + name + " be NULL");
      } else if (upper.startsWith("SET DEFAULT")) {
        expand("sets a default on " + name);
      } else {
        expand("changes a property of column " + name);
      }
    }
  }
}
