package org.beelms.plugin.migrations;

import java.util.Map;
import java.util.Optional;

/**
 * A user and password for a database, resolved from (in order) the explicit user parameter, a
 * {@code settings.xml} server, and environment variables. {@link #toString()} hides the password.
 */
public record Credentials(String user, String password) {

  /** Environment variables read for the scratch database ({@code jdbcUrl}). */
  public static final String ENV_PREFIX = "BEELMS_MIGRATIONS";

  /** Environment variables read for the target database ({@code targetJdbcUrl}). */
  public static final String TARGET_ENV_PREFIX = "BEELMS_MIGRATIONS_TARGET";

  public Credentials {
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /**
   * Resolves credentials.
   *
   * @param explicitUser the user parameter; wins when set
   * @param server the {@code settings.xml} server's username and password, when a server id is
   *     configured and found
   * @param env the environment ({@code System.getenv()})
   * @param envPrefix {@link #ENV_PREFIX} or {@link #TARGET_ENV_PREFIX}: {@code <prefix>_USER} and
   *     {@code <prefix>_PASSWORD} are the fallbacks
   */
  public static Credentials resolve(
      String explicitUser, Optional<Credentials> server, Map<String, String> env, String envPrefix) {
    String user = firstNonBlank(explicitUser, server.map(Credentials::user).orElse(null),
        env.get(envPrefix + "_USER"));
    String password = firstNonBlank(server.map(Credentials::password).orElse(null),
        env.get(envPrefix + "_PASSWORD"));
    return new Credentials(user, password);
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "";
  }

  public JdbcTarget at(String url, String setting) {
    return new JdbcTarget(url, user, password, setting);
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
  }
}
