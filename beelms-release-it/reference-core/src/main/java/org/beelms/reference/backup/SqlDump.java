package org.beelms.reference.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A plain SQL dump of the {@code public} schema and its restore, done through the JDBC driver
 * because the embedded PostgreSQL binaries (zonky) bring {@code initdb}, {@code pg_ctl} and
 * {@code postgres} but no {@code pg_dump} or {@code psql}. The dump has pg_dump's plain shape:
 * extensions, sequences, {@code CREATE TABLE} from the catalogue (column types, defaults, not
 * null), each table's rows as a {@code COPY … FROM stdin} block written by PostgreSQL's own COPY
 * (CopyManager), then primary, unique and check constraints, foreign keys and the other indexes
 * as the server prints them ({@code pg_get_constraintdef}, {@code pg_get_indexdef}). The migration
 * history table is an ordinary table of the schema, so a restore brings it back too.
 *
 * <p>Restore replaces the schema in one transaction: {@code DROP SCHEMA public CASCADE}, then the
 * script; a failure leaves the database as it was.
 */
public final class SqlDump {

  private static final String SCHEMA = "public";

  private SqlDump() {
  }

  /** Writes the dump of the {@code public} schema to {@code out}, in one repeatable-read snapshot. */
  public static void dump(Connection connection, Writer out) throws SQLException, IOException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try {
      out.write("-- beelms reference core SQL dump (schema public), restored by SqlDump.restore\n");
      for (String extension : strings(connection,
          "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname")) {
        out.write("CREATE EXTENSION IF NOT EXISTS " + quote(extension) + ";\n");
      }
      List<String[]> sequences = rows(connection,
          "SELECT sequencename, COALESCE(last_value, 0)::text, (last_value IS NOT NULL)::text FROM pg_sequences"
              + " WHERE schemaname = ? ORDER BY sequencename", 3, SCHEMA);
      for (String[] sequence : sequences) {
        out.write("CREATE SEQUENCE " + quote(sequence[0]) + ";\n");
      }
      List<String[]> tables = rows(connection,
          "SELECT c.oid::text, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
              + " WHERE n.nspname = ? AND c.relkind = 'r' ORDER BY c.relname", 2, SCHEMA);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (String[] table : tables) {
        List<String[]> columns = rows(connection,
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull::text,"
                + " COALESCE(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a"
                + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            4, table[0]);
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String[] column : columns) {
          names.add(quote(column[0]));
          definitions.add("    " + quote(column[0]) + " " + column[1]
              + (column[3].isEmpty() ? "" : " DEFAULT " + column[3])
              + ("true".equals(column[2]) ? " NOT NULL" : ""));
        }
        out.write("CREATE TABLE " + quote(table[1]) + " (\n" + String.join(",\n", definitions) + "\n);\n");
        String columnList = quote(table[1]) + " (" + String.join(", ", names) + ")";
        out.write("COPY " + columnList + " FROM stdin;\n");
        StringWriter rows = new StringWriter();
        copy.copyOut("COPY " + SCHEMA + "." + columnList + " TO STDOUT", rows);
        out.write(rows.toString());
        out.write("\\.\n");
      }
      for (String[] sequence : sequences) {
        out.write("SELECT setval('" + quote(sequence[0]).replace("'", "''") + "', " + sequence[1] + ", "
            + sequence[2] + ");\n");
      }
      // Keys and checks before foreign keys, which need the referenced keys.
      writeConstraints(connection, out, "contype IN ('p', 'u', 'c', 'x')");
      writeConstraints(connection, out, "contype = 'f'");
      for (String index : strings(connection,
          "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
              + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND NOT EXISTS"
              + " (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 1", SCHEMA)) {
        out.write(index + ";\n");
      }
      connection.commit();
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  /** The dump as text. */
  public static String dump(Connection connection) throws SQLException, IOException {
    StringWriter out = new StringWriter();
    dump(connection, out);
    return out.toString();
  }

  /** Replaces the {@code public} schema by the one in {@code script}, in one transaction. */
  public static void restore(Connection connection, Reader script) throws SQLException, IOException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement(); BufferedReader lines = new BufferedReader(script)) {
      statement.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
      statement.execute("CREATE SCHEMA " + SCHEMA);
      statement.execute("SET LOCAL search_path TO " + SCHEMA);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder pending = new StringBuilder();
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (pending.isEmpty() && (line.isBlank() || line.startsWith("--"))) {
          continue;
        }
        if (pending.isEmpty() && line.startsWith("COPY ") && line.endsWith(" FROM stdin;")) {
          StringBuilder data = new StringBuilder();
          String row;
          while ((row = lines.readLine()) != null && !row.equals("\\.")) {
            number++;
            data.append(row).append('\n');
          }
          if (row == null) {
            throw new IOException("dump line " + number + ": the COPY block of '" + line + "' has no end (\\.)");
          }
          number++;
          copy.copyIn(line.substring(0, line.length() - " FROM stdin;".length()).replaceFirst("^COPY ", "COPY "
              + SCHEMA + ".") + " FROM STDIN", new StringReader(data.toString()));
          continue;
        }
        pending.append(line).append('\n');
        if (line.endsWith(";")) {
          try {
            statement.execute(pending.toString());
          } catch (SQLException e) {
            throw new SQLException("dump line " + number + ": " + e.getMessage(), e.getSQLState(), e);
          }
          pending.setLength(0);
        }
      }
      if (!pending.isEmpty()) {
        throw new IOException("the dump ends inside a statement: " + pending.toString().strip());
      }
      connection.commit();
    } catch (SQLException | IOException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static void writeConstraints(Connection connection, Writer out, String kinds)
      throws SQLException, IOException {
    for (String[] constraint : rows(connection,
        "SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k"
            + " JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ? AND " + kinds + " ORDER BY c.relname, k.conname", 3, SCHEMA)) {
      out.write("ALTER TABLE " + quote(constraint[0]) + " ADD CONSTRAINT " + quote(constraint[1]) + " "
          + constraint[2] + ";\n");
    }
  }

  private static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
    return rows(connection, sql, 1, parameters).stream().map(r -> r[0]).toList();
  }

  private static List<String[]> rows(Connection connection, String sql, int width, String... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      List<String[]> out = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String[] row = new String[width];
          for (int i = 0; i < width; i++) {
            row[i] = rs.getString(i + 1);
          }
          out.add(row);
        }
      }
      return out;
    }
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
