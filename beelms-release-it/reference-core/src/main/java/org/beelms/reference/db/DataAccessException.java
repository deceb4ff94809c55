package org.beelms.reference.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** A database call failed; keeps the {@link SQLException} and tells whether the database was unreachable. */
public final class DataAccessException extends RuntimeException {

  public DataAccessException(String what, SQLException cause) {
    super(what + " failed: " + cause.getMessage(), cause);
  }

  /** True when no connection could be had (SQL state class 08 or a pool timeout), i.e. the database is down. */
  public boolean databaseUnreachable() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }
}
