package org.beelms.plugin.backup;

import java.util.Objects;

/**
 * The environment's database as JDBC reaches it ({@code <database>} and the account of
 * {@code <databaseServerId>}), used only to read the migration history after a restore.
 *
 * @param url e.g. {@code jdbc:postgresql://db.internal:5432/beelms}
 * @param user the account; empty to let the driver decide
 * @param password never printed
 */
public record DatabaseAccess(String url, String user, String password) {

  public DatabaseAccess {
    Objects.requireNonNull(url, "url");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /** The URL without its query string (which may hold a password). */
  public String shown() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  @Override
  public String toString() {
    return "DatabaseAccess[url=" + shown() + ", user=" + user + ", password=****]";
  }
}
