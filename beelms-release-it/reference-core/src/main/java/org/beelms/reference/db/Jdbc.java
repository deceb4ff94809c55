package org.beelms.reference.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Small JDBC helper: bounded statements, parameters bound in order, {@link SQLException} wrapped once. */
public final class Jdbc {

  /** No API query is allowed to hang a request thread for long. */
  private static final int QUERY_TIMEOUT_SECONDS = 10;

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
    return withConnection(sql, connection -> query(connection, sql, mapper, parameters));
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
    List<T> rows = query(sql, mapper, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public long count(String sql, Object... parameters) {
    return queryOne(sql, row -> row.getLong(1), parameters).orElse(0L);
  }

  public int update(String sql, Object... parameters) {
    return withConnection(sql, connection -> update(connection, sql, parameters));
  }

  /** Runs {@code work} in one transaction, rolled back if it throws. */
  public <T> T inTransaction(String what, Work<T> work) {
    return withConnection(what, connection -> {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    });
  }

  public static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
         ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  /**
   * {@code SELECT 1} with its own timeout; false (never an exception) when no connection can be had or the
   * database does not answer. Connection acquisition is bounded by the pool's connection timeout.
   */
  public boolean ping(int timeoutSeconds) {
    try (Connection connection = dataSource.getConnection();
         Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(timeoutSeconds);
      try (ResultSet row = statement.executeQuery("SELECT 1")) {
        return row.next() && row.getInt(1) == 1;
      }
    } catch (SQLException e) {
      return false;
    }
  }

  private <T> T withConnection(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new DataAccessException(firstLine(what), e);
    }
  }

  private static String firstLine(String sql) {
    String trimmed = sql.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }

  /** ISO-8601 UTC text of a timestamptz column, or null. */
  public static String timestamp(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant().toString();
  }

  public static UUID uuid(ResultSet row, String column) throws SQLException {
    return row.getObject(column, UUID.class);
  }
}
