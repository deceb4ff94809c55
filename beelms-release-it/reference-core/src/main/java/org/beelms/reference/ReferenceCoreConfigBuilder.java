package org.beelms.reference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.beelms.reference.api.ApiResources;
import org.beelms.reference.pages.FrontEnd;

/**
 * Collects the reference core's settings ({@link ReferenceCoreConfig#builder()}, the command line,
 * the environment); {@link #build()} validates all of them and reports every problem at once, each
 * naming the builder method, the flag and the environment variable.
 */
public final class ReferenceCoreConfigBuilder {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern PREFIX = Pattern.compile("^(/[A-Za-z0-9._~-]+)+$");

  String host = ReferenceCoreConfig.DEFAULT_HOST;
  int port = ReferenceCoreConfig.DEFAULT_PORT;
  String apiPrefix = ReferenceCoreConfig.DEFAULT_API_PREFIX;
  String jdbcUrl;
  String jdbcUser;
  String jdbcPassword;
  String jwtSecret;
  Duration jwtTtl = ReferenceCoreConfig.DEFAULT_JWT_TTL;
  String adminEmail = ReferenceCoreConfig.DEFAULT_ADMIN_EMAIL;
  String adminPassword;
  String version;
  boolean rateLimitsEnabled = true;
  int registerLimitPerHour = 5;
  int loginLimitPerMinute = 5;
  int loginFailuresBeforeLock = 5;
  Duration loginLockDuration = Duration.ofMinutes(15);
  boolean requireAcceptTerms;
  boolean taskRouteEnabled = true;
  int quizSubmitStatus = 200;
  final Set<ApiRoute> faultRemovedRoutes = new LinkedHashSet<>();
  final Set<ApiRoute> faultUnguardedRoutes = new LinkedHashSet<>();
  final Set<ApiRoute> faultFailingRoutes = new LinkedHashSet<>();
  Duration faultSlowDelay = Duration.ZERO;
  ApiRoute faultSlowRoute;
  boolean faultDbDown;
  String faultVersion;
  boolean faultAcceptAlgNone;
  boolean faultLeakPasswordHash;
  boolean faultMalformedId500;
  boolean faultPriceAsString;
  FrontEnd frontEnd = FrontEnd.DEFAULT;
  IdentitySwitches identity = IdentitySwitches.NONE;
  private final List<String> routeProblems = new ArrayList<>();

  ReferenceCoreConfigBuilder() {
  }

  /** Address to bind (flag {@code --host}, env {@code BEELMS_HOST}); default 127.0.0.1. */
  public ReferenceCoreConfigBuilder host(String host) {
    this.host = host;
    return this;
  }

  /** Port to bind, 0 for any free port (flag {@code --port}, env {@code BEELMS_PORT}); default 3000. */
  public ReferenceCoreConfigBuilder port(int port) {
    this.port = port;
    return this;
  }

  /** API prefix (flag {@code --api-prefix}, env {@code BEELMS_API_PREFIX}); default {@code /api}. */
  public ReferenceCoreConfigBuilder apiPrefix(String apiPrefix) {
    this.apiPrefix = apiPrefix;
    return this;
  }

  /** External PostgreSQL (flag {@code --jdbc-url}, env {@code BEELMS_JDBC_URL}); null for embedded. */
  public ReferenceCoreConfigBuilder jdbcUrl(String jdbcUrl) {
    this.jdbcUrl = blankToNull(jdbcUrl);
    return this;
  }

  public ReferenceCoreConfigBuilder jdbcUser(String jdbcUser) {
    this.jdbcUser = blankToNull(jdbcUser);
    return this;
  }

  public ReferenceCoreConfigBuilder jdbcPassword(String jdbcPassword) {
    this.jdbcPassword = jdbcPassword;
    return this;
  }

  /** HS256 secret, at least 32 characters (flag {@code --jwt-secret}, env {@code BEELMS_JWT_SECRET}); null for a random one. */
  public ReferenceCoreConfigBuilder jwtSecret(String jwtSecret) {
    this.jwtSecret = jwtSecret;
    return this;
  }

  public ReferenceCoreConfigBuilder jwtTtl(Duration jwtTtl) {
    this.jwtTtl = jwtTtl;
    return this;
  }

  public ReferenceCoreConfigBuilder adminEmail(String adminEmail) {
    this.adminEmail = adminEmail;
    return this;
  }

  /** Required: the admin account's password, set (or reset) at every start. */
  public ReferenceCoreConfigBuilder adminPassword(String adminPassword) {
    this.adminPassword = adminPassword;
    return this;
  }

  public ReferenceCoreConfigBuilder identity(IdentitySwitches switches) {
    this.identity = switches == null ? IdentitySwitches.NONE : switches;
    return this;
  }

  /** Version reported by health; default the project version of this build. */
  public ReferenceCoreConfigBuilder version(String version) {
    this.version = blankToNull(version);
    return this;
  }

  public ReferenceCoreConfigBuilder rateLimitsEnabled(boolean enabled) {
    this.rateLimitsEnabled = enabled;
    return this;
  }

  public ReferenceCoreConfigBuilder registerLimitPerHour(int limit) {
    this.registerLimitPerHour = limit;
    return this;
  }

  public ReferenceCoreConfigBuilder loginLimitPerMinute(int limit) {
    this.loginLimitPerMinute = limit;
    return this;
  }

  public ReferenceCoreConfigBuilder loginFailuresBeforeLock(int failures) {
    this.loginFailuresBeforeLock = failures;
    return this;
  }

  public ReferenceCoreConfigBuilder loginLockDuration(Duration lockDuration) {
    this.loginLockDuration = lockDuration;
    return this;
  }

  /** Deployment variant: register requires {@code "acceptTerms": true} (and accepts {@code captchaToken}). */
  public ReferenceCoreConfigBuilder requireAcceptTerms(boolean require) {
    this.requireAcceptTerms = require;
    return this;
  }

  /** Deployment variant: false leaves only {@code curriculum/{itemId}/complete} for completing tasks. */
  public ReferenceCoreConfigBuilder taskRouteEnabled(boolean enabled) {
    this.taskRouteEnabled = enabled;
    return this;
  }

  /** Deployment variant: the status of a successful quiz submit, 200 (default) or 201. */
  public ReferenceCoreConfigBuilder quizSubmitStatus(int status) {
    this.quizSubmitStatus = status;
    return this;
  }

  /** Fault: the route answers 404 JSON as if it were not implemented. Repeatable. */
  public ReferenceCoreConfigBuilder faultRemoveRoute(String route) {
    return addRoute(route, faultRemovedRoutes, "faultRemoveRoute", "--fault-remove-route");
  }

  public ReferenceCoreConfigBuilder faultRemoveRoute(ApiRoute route) {
    faultRemovedRoutes.add(route);
    return this;
  }

  /** Fault: the JWT guard of the route is off; a request without a token acts as some existing user. Repeatable. */
  public ReferenceCoreConfigBuilder faultUnguard(String route) {
    return addRoute(route, faultUnguardedRoutes, "faultUnguard", "--fault-unguard");
  }

  public ReferenceCoreConfigBuilder faultUnguard(ApiRoute route) {
    faultUnguardedRoutes.add(route);
    return this;
  }

  /** Fault: the route answers 500 JSON. Repeatable. */
  public ReferenceCoreConfigBuilder fault500(String route) {
    return addRoute(route, faultFailingRoutes, "fault500", "--fault-500");
  }

  public ReferenceCoreConfigBuilder fault500(ApiRoute route) {
    faultFailingRoutes.add(route);
    return this;
  }

  /** Fault: every API answer (or only {@link #faultSlowRoute}) is delayed by this much. */
  public ReferenceCoreConfigBuilder faultSlow(Duration delay) {
    this.faultSlowDelay = delay;
    return this;
  }

  public ReferenceCoreConfigBuilder faultSlowRoute(String route) {
    if (route == null) {
      this.faultSlowRoute = null;
      return this;
    }
    Set<ApiRoute> parsed = new LinkedHashSet<>();
    addRoute(route, parsed, "faultSlowRoute", "--fault-slow-route");
    parsed.stream().findFirst().ifPresent(r -> this.faultSlowRoute = r);
    return this;
  }

  public ReferenceCoreConfigBuilder faultSlowRoute(ApiRoute route) {
    this.faultSlowRoute = route;
    return this;
  }

  /** Fault: after migrations the API's connection pool points at a closed port. */
  public ReferenceCoreConfigBuilder faultDbDown(boolean down) {
    this.faultDbDown = down;
    return this;
  }

  /** Fault: health reports this version instead of the real one. */
  public ReferenceCoreConfigBuilder faultVersion(String version) {
    this.faultVersion = blankToNull(version);
    return this;
  }

  /** Fault: the JWT guard accepts unsigned {@code alg: none} tokens whose subject is an existing account. */
  public ReferenceCoreConfigBuilder faultAcceptAlgNone(boolean accept) {
    this.faultAcceptAlgNone = accept;
    return this;
  }

  /** Fault: {@code GET /users/me} also answers {@code passwordHash} and {@code tokenVersion}. */
  public ReferenceCoreConfigBuilder faultLeakPasswordHash(boolean leak) {
    this.faultLeakPasswordHash = leak;
    return this;
  }

  /** Fault: a path id that is not a UUID answers 500 with the database's cast error instead of 404. */
  public ReferenceCoreConfigBuilder faultMalformedId500(boolean fail) {
    this.faultMalformedId500 = fail;
    return this;
  }

  /** Fault: course answers carry {@code priceCents} as a string ({@code "4900"}) instead of an integer. */
  public ReferenceCoreConfigBuilder faultPriceAsString(boolean asString) {
    this.faultPriceAsString = asString;
    return this;
  }

  /** Breaks the script of the client-rendered pages ({@code /app/...}): see {@link ReferenceCoreConfig#faultPageScript()}. */
  public ReferenceCoreConfigBuilder faultPageScript(boolean broken) {
    this.frontEnd = frontEnd.withBrokenScript(broken);
    return this;
  }

  /** The client-rendered pages' switches: see {@link FrontEnd}. */
  public ReferenceCoreConfigBuilder frontEnd(FrontEnd pages) {
    this.frontEnd = java.util.Objects.requireNonNull(pages, "frontEnd");
    return this;
  }

  /** Changes the client-rendered pages' switches set so far (one command-line flag at a time). */
  public ReferenceCoreConfigBuilder changeFrontEnd(java.util.function.UnaryOperator<FrontEnd> change) {
    return frontEnd(change.apply(frontEnd));
  }

  private ReferenceCoreConfigBuilder addRoute(String text, Set<ApiRoute> target, String method, String flag) {
    try {
      target.add(ApiRoute.parse(text).withoutPrefix(apiPrefix).withoutPrefix(ReferenceCoreConfig.DEFAULT_API_PREFIX));
    } catch (IllegalArgumentException e) {
      routeProblems.add(method + " (" + flag + "): " + e.getMessage());
    }
    return this;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** Validates every setting and returns the configuration, or throws naming each bad setting and its fix. */
  public ReferenceCoreConfig build() {
    List<String> problems = new ArrayList<>(routeProblems);
    problems.addAll(identity.problems());
    if (host == null || host.isBlank()) {
      problems.add("host (--host, BEELMS_HOST) is empty; give an address to bind, e.g. 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      problems.add("port (--port, BEELMS_PORT) is " + port + "; give 0..65535 (0 = any free port)");
    }
    if (apiPrefix == null || !PREFIX.matcher(ApiRoute.normalisePath(apiPrefix)).matches()) {
      problems.add("apiPrefix (--api-prefix, BEELMS_API_PREFIX) '" + apiPrefix
          + "' is not a path such as /api; the HTML pages own the root");
    }
    if (jdbcUrl != null && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      problems.add("jdbcUrl (--jdbc-url, BEELMS_JDBC_URL) must start with jdbc:postgresql: (it is "
          + ReferenceCoreConfig.redactUrl(jdbcUrl) + "); leave it out for an embedded PostgreSQL");
    }
    if (jdbcUrl == null && (jdbcUser != null || jdbcPassword != null)) {
      problems.add("jdbcUser/jdbcPassword (--jdbc-user/--jdbc-password) are set without jdbcUrl (--jdbc-url, "
          + "BEELMS_JDBC_URL); give the URL too or leave all three out for the embedded PostgreSQL");
    }
    if (jwtSecret != null && jwtSecret.length() < ReferenceCoreConfig.MIN_JWT_SECRET_LENGTH) {
      problems.add("jwtSecret (--jwt-secret, BEELMS_JWT_SECRET) is shorter than " + ReferenceCoreConfig.MIN_JWT_SECRET_LENGTH
          + " characters; HS256 needs at least 256 bits (or leave it out for a random per-process secret)");
    }
    if (jwtTtl == null || jwtTtl.isNegative() || jwtTtl.isZero()) {
      problems.add("jwtTtl (--jwt-ttl, BEELMS_JWT_TTL) must be a positive ISO-8601 duration such as PT1H");
    }
    if (adminEmail == null || !EMAIL.matcher(adminEmail.trim()).matches()) {
      problems.add("adminEmail (--admin-email, BEELMS_ADMIN_EMAIL) is not an email address");
    }
    if (adminPassword == null || adminPassword.isEmpty()) {
      problems.add("adminPassword (--admin-password, BEELMS_ADMIN_PASSWORD) is required: the admin account "
          + "is created or reset with it at every start");
    } else if (adminPassword.length() < ReferenceCoreConfig.MIN_PASSWORD_LENGTH) {
      problems.add("adminPassword (--admin-password, BEELMS_ADMIN_PASSWORD) is shorter than "
          + ReferenceCoreConfig.MIN_PASSWORD_LENGTH + " characters, the API's own password rule");
    }
    if (registerLimitPerHour < 1 || loginLimitPerMinute < 1 || loginFailuresBeforeLock < 1) {
      problems.add("rate limits (--register-limit-per-hour, --login-limit-per-minute, --login-failures-before-lock)"
          + " must be at least 1; switch them off with --no-rate-limits instead");
    }
    if (loginLockDuration == null || loginLockDuration.isNegative() || loginLockDuration.isZero()) {
      problems.add("loginLockDuration (--login-lock-duration) must be a positive ISO-8601 duration such as PT15M");
    }
    if (quizSubmitStatus != 200 && quizSubmitStatus != 201) {
      problems.add("quizSubmitStatus (--quiz-submit-status) is " + quizSubmitStatus + "; give 200 or 201");
    }
    if (faultSlowDelay == null || faultSlowDelay.isNegative() || faultSlowDelay.compareTo(Duration.ofMinutes(1)) > 0) {
      problems.add("faultSlow (--fault-slow-ms) must be between 0 and 60000 ms");
    }
    Set<ApiRoute> known = ApiResources.routes();
    checkKnown("faultRemoveRoute (--fault-remove-route)", faultRemovedRoutes, known, problems);
    checkKnown("faultUnguard (--fault-unguard)", faultUnguardedRoutes, known, problems);
    checkKnown("fault500 (--fault-500)", faultFailingRoutes, known, problems);
    if (faultSlowRoute != null) {
      checkKnown("faultSlowRoute (--fault-slow-route)", Set.of(faultSlowRoute), known, problems);
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigurationException(problems);
    }
    return new ReferenceCoreConfig(this);
  }

  private static void checkKnown(String setting, Set<ApiRoute> routes, Set<ApiRoute> known, List<String> problems) {
    for (ApiRoute route : routes) {
      if (!known.contains(route)) {
        problems.add(setting + ": '" + route + "' is not a route of the API; known routes: " + known);
      }
    }
  }
}
