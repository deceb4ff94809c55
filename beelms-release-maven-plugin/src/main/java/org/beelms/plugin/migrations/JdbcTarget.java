package org.beelms.plugin.migrations;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database reached over JDBC: the URL and the credentials. The password never
 * leaves this record in text form: {@link #toString()} and {@link #redact(String)} hide it.
 *
 * @param url a {@code jdbc:postgresql://host:port/database} URL
 * @param user the user to connect as; empty to let the URL or the driver decide
 * @param password the password; empty when the server needs none
 * @param setting the parameter the URL came from, so errors can name it (e.g. {@code <jdbcUrl> /
 *     -Dbeelms.migrations.jdbcUrl})
 */
public record JdbcTarget(String url, String user, String password, String setting) {

  private static final Pattern PASSWORD_IN_URL =
      Pattern.compile("(?i)(password=)[^&;]*");

  public JdbcTarget {
    Objects.requireNonNull(url, "url");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
    setting = setting == null || setting.isBlank() ? "JDBC URL" : setting;
    if (org.beelms.smoke.client.Redactor.hasUserInfo(url)) {
      throw new IllegalArgumentException(
          setting + " carries user info (user:password@ in the URL); the value is not shown. Remove"
              + " the credentials from it: give the user with <jdbcUser> (-Dbeelms.migrations.jdbcUser)"
              + " and the password through a settings.xml <server> (<passwordServerId> /"
              + " <targetServerId>) or the BEELMS_MIGRATIONS_* environment variables");
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          setting
              + " is '"
              + redactUrl(url)
              + "'; use a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/beelms");
    }
  }

  /** {@code text} with the password and any {@code password=} URL parameter replaced by stars. */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String result = text;
    if (!password.isEmpty()) {
      result = result.replace(password, "****");
    }
    return redactUrl(result);
  }

  /** The URL as it may be shown: without a password parameter. */
  public String safeUrl() {
    return redactUrl(url);
  }

  private static String redactUrl(String url) {
    return org.beelms.smoke.client.Redactor.maskUrlUserInfo(
        PASSWORD_IN_URL.matcher(url).replaceAll("$1****"));
  }

  @Override
  public String toString() {
    return "JdbcTarget[url="
        + safeUrl()
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "(none)" : "****")
        + "]";
  }
}
