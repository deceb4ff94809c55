package org.beelms.plugin.smoke;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.beelms.smoke.client.Redactor;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.runner.SmokeRunRequest;

/**
 * Keeps the smoke after {@code beelms:deploy} and {@code beelms:rollback} on the environment that
 * was deployed: its entry in the release record says "environment X, mode Y passed", and the health
 * wait checked X's declared URL, so the smoke must have run there too (issue 29, item 7).
 *
 * <p>The settings that say where and how the smoke runs ({@code url}, {@code apiPrefix}, {@code
 * webUrl}, {@code environment}, {@code mode}, and the suites) come from the environment's
 * declaration only. A {@code -Dbeelms.smoke.<key>} that names another value is refused before
 * anything moves, naming the setting; the same value as declared is accepted (a CI that passes the
 * environment's own URL to every goal is not retargeting anything). Environment variables {@code
 * BEELMS_SMOKE_<KEY>} rank below the declaration, so they matter only for a key the environment
 * does not declare ({@code webUrl}, {@code apiPrefix}): then they are refused too. {@code
 * beelms:smoke} keeps every override: its record is not a deploy entry.
 */
public final class PinnedSmokeTarget {

  /** The library's keys that choose the target and the mode of a smoke run. */
  static final List<String> TARGET_KEYS = List.of("url", "apiPrefix", "webUrl", "environment", "mode");

  /** {@code beelms:smoke}'s suites property; deploy and rollback take theirs from {@code -Dbeelms.deploy.smokeSuites}. */
  static final String SUITES_PROPERTY = SmokeConfig.PREFIX + "suites";

  private PinnedSmokeTarget() {}

  /**
   * Throws when {@code commandLine} ({@code beelms.smoke.*} user properties) or {@code
   * environmentVariables} would point the smoke of {@code goal} elsewhere than {@code environment}.
   *
   * @param goal {@code deploy} or {@code rollback}
   * @param suites the suites the goal runs ({@code -Dbeelms.deploy.smokeSuites}); a {@code
   *     -Dbeelms.smoke.suites} naming other suites is refused; null = not checked here
   */
  public static void refuseOverrides(
      Environment environment, String goal, Map<String, String> commandLine,
      Map<String, String> environmentVariables, String suites) {
    Map<String, String> declared = declared(environment);
    Map<String, String> pinned = pinned(environment);
    for (String key : TARGET_KEYS) {
      String given = commandLine.get(SmokeConfig.PREFIX + key);
      if (given != null && !given.isBlank() && !same(key, given, pinned.get(key))) {
        throw new IllegalArgumentException(refusal("-D" + SmokeConfig.PREFIX + key, "remove it", environment, goal, key));
      }
      String fromVariable = environmentVariables.get(SmokeConfig.envName(key));
      if (!declared.containsKey(key) && fromVariable != null && !fromVariable.isBlank()
          && !same(key, fromVariable, defaultOf(key))) {
        throw new IllegalArgumentException(refusal("environment variable " + SmokeConfig.envName(key),
            "unset it (or declare <" + declaredElement(key) + "> on the environment)", environment, goal, key));
      }
    }
    String givenSuites = commandLine.get(SUITES_PROPERTY);
    if (suites != null && givenSuites != null && !givenSuites.isBlank() && !sameSuites(givenSuites, suites)) {
      throw new IllegalArgumentException("-D" + SUITES_PROPERTY + " is not allowed with beelms:" + goal
          + ": the smoke after beelms:" + goal + " runs the suites of -Dbeelms.deploy.smokeSuites ("
          + suites + ") and the environment's <smokeTiers>; remove it, or run beelms:smoke separately");
    }
  }

  /**
   * The declared target settings, to be given the highest precedence of a pinned run so that no
   * lower source (a variable, the {@code beelms.smoke.config} file) changes them; {@code apiPrefix}
   * is the library's default when the environment declares none. {@code webUrl} is absent when the
   * environment has none: {@link #refuseUndeclaredWebUrl} checks the resolved run.
   */
  static Map<String, String> declared(Environment environment) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("url", environment.url().toString());
    environment.webUrl().ifPresent(u -> out.put("webUrl", u.toString()));
    out.put("environment", environment.name());
    out.put("mode", environment.modeName());
    Optional.ofNullable(environment.properties().get("apiPrefix")).ifPresent(p -> out.put("apiPrefix", p));
    return out;
  }

  /** The pinned run's declared settings with {@code apiPrefix} filled in by its default. */
  static Map<String, String> pinned(Environment environment) {
    Map<String, String> out = declared(environment);
    out.putIfAbsent("apiPrefix", SmokeConfig.DEFAULT_API_PREFIX);
    return out;
  }

  /** A web front end the environment does not declare (from the {@code beelms.smoke.config} file) is refused. */
  static void refuseUndeclaredWebUrl(Environment environment, SmokeConfig resolved, String goal) {
    if (environment.webUrl().isEmpty() && resolved.webUrl().isPresent()) {
      throw new IllegalArgumentException(refusal("a smoke webUrl from the beelms.smoke.config file",
          "remove it (or declare <webUrl> on the environment)", environment, goal, "webUrl"));
    }
  }

  private static String refusal(String setting, String remedy, Environment environment, String goal, String key) {
    return setting + " is not allowed with beelms:" + goal + ": the smoke after beelms:" + goal
        + " runs against environment '" + environment.name() + "' (" + declaredValue(environment, key)
        + " from <environments>); " + remedy + ", or run beelms:smoke separately";
  }

  private static String declaredValue(Environment environment, String key) {
    return switch (key) {
      case "url" -> "<url> " + Redactor.maskUrlUserInfo(environment.url().toString());
      case "webUrl" -> environment.webUrl()
          .map(u -> "<webUrl> " + Redactor.maskUrlUserInfo(u.toString())).orElse("no <webUrl>");
      case "mode" -> "<mode> " + environment.modeName();
      case "apiPrefix" -> "apiPrefix " + environment.properties().getOrDefault("apiPrefix",
          SmokeConfig.DEFAULT_API_PREFIX + " (the default)");
      default -> "<name> " + environment.name();
    };
  }

  private static String declaredElement(String key) {
    return key.equals("apiPrefix") ? "properties>/<beelms.smoke.apiPrefix" : key;
  }

  private static String defaultOf(String key) {
    return key.equals("apiPrefix") ? SmokeConfig.DEFAULT_API_PREFIX : null;
  }

  /** The same value, spelled alike up to case (mode), surrounding blanks and a trailing slash. */
  private static boolean same(String key, String given, String declared) {
    if (declared == null) {
      return false;
    }
    String a = trimSlash(given.trim());
    String b = trimSlash(declared.trim());
    return key.equals("mode") || key.equals("environment") ? a.equalsIgnoreCase(b) : a.equals(b);
  }

  private static String trimSlash(String s) {
    String out = s;
    while (out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  private static boolean sameSuites(String given, String suites) {
    try {
      Set<String> a = SmokeRunRequest.parseSuites(given.toLowerCase(Locale.ROOT));
      Set<String> b = SmokeRunRequest.parseSuites(suites);
      return a.equals(b);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
