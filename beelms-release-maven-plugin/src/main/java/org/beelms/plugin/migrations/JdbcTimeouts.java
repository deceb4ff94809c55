package org.beelms.plugin.migrations;

import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The bounds of every JDBC connection migrations-check opens (scratch databases, the Flyway
 * runner, the target database checks): the TCP connect, the login (startup and authentication)
 * and each socket read. A database that accepts TCP and then stalls fails within them, never
 * waits for ever.
 *
 * @param connect the TCP connect bound ({@code connectTimeout})
 * @param login the whole login bound ({@code loginTimeout})
 * @param socket the bound of one read from the server ({@code socketTimeout}): a statement that
 *     answers nothing for this long fails
 */
public record JdbcTimeouts(Duration connect, Duration login, Duration socket) {

  /** 10 s to connect, 30 s to log in, 10 min per read (a scratch migration or a target read). */
  public static final JdbcTimeouts DEFAULT =
      new JdbcTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(10));

  private static final Pattern ANY_TIMEOUT_PARAMETER =
      Pattern.compile("(?i)[?&](connectTimeout|loginTimeout|socketTimeout)=");

  /** The PostgreSQL driver's properties for these bounds, in whole seconds (at least 1). */
  public Properties properties() {
    Properties p = new Properties();
    p.setProperty("connectTimeout", seconds(connect));
    p.setProperty("loginTimeout", seconds(login));
    p.setProperty("socketTimeout", seconds(socket));
    return p;
  }

  /**
   * {@code url} with these bounds as parameters, for a caller that only takes a URL (Flyway); a
   * URL that sets any of them itself is left as it is (the user's bound wins).
   */
  public String applyTo(String url) {
    if (ANY_TIMEOUT_PARAMETER.matcher(url).find()) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "connectTimeout=" + seconds(connect)
        + "&loginTimeout=" + seconds(login) + "&socketTimeout=" + seconds(socket);
  }

  /** How the bounds are said in an error, e.g. {@code connect 10 s, login 30 s, read 600 s}. */
  public String describe() {
    return "connect " + seconds(connect) + " s, login " + seconds(login) + " s, read " + seconds(socket) + " s";
  }

  private static String seconds(Duration d) {
    return String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000));
  }
}
