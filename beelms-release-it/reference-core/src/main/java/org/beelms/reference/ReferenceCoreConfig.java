package org.beelms.reference;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.beelms.reference.api.ApiResources;
import org.beelms.reference.pages.FrontEnd;

/**
 * Everything the reference core needs to start, validated once when built. Immutable; {@link #toString()}
 * never shows a password or the JWT secret.
 *
 * <p>Each setting has a builder method, a command-line flag and (for the deployment settings) an
 * environment variable; validation messages name all three so the fix is obvious wherever the value
 * came from.
 */
public final class ReferenceCoreConfig {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 3000;
  public static final String DEFAULT_API_PREFIX = "/api";
  public static final String DEFAULT_ADMIN_EMAIL = "admin@beelms.local";
  public static final Duration DEFAULT_JWT_TTL = Duration.ofHours(1);
  public static final int MIN_PASSWORD_LENGTH = 8;
  /** HS256 wants at least 256 bits of key. */
  public static final int MIN_JWT_SECRET_LENGTH = 32;

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern PREFIX = Pattern.compile("^(/[A-Za-z0-9._~-]+)+$");

  private final String host;
  private final int port;
  private final String apiPrefix;
  private final Optional<String> jdbcUrl;
  private final Optional<String> jdbcUser;
  private final Optional<String> jdbcPassword;
  private final String jwtSecret;
  private final boolean jwtSecretGenerated;
  private final Duration jwtTtl;
  private final String adminEmail;
  private final String adminPassword;
  private final String version;
  private final RateLimits rateLimits;
  private final boolean requireAcceptTerms;
  private final boolean taskRouteEnabled;
  private final int quizSubmitStatus;
  private final Set<ApiRoute> faultRemovedRoutes;
  private final Set<ApiRoute> faultUnguardedRoutes;
  private final Set<ApiRoute> faultFailingRoutes;
  private final Duration faultSlowDelay;
  private final Optional<ApiRoute> faultSlowRoute;
  private final boolean faultDbDown;
  private final Optional<String> faultVersion;
  private final boolean faultAcceptAlgNone;
  private final boolean faultLeakPasswordHash;
  private final boolean faultMalformedId500;
  private final boolean faultPriceAsString;
  private final FrontEnd frontEnd;
  private final IdentitySwitches identity;

  private ReferenceCoreConfig(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.apiPrefix = ApiRoute.normalisePath(builder.apiPrefix);
    this.jdbcUrl = Optional.ofNullable(builder.jdbcUrl);
    this.jdbcUser = Optional.ofNullable(builder.jdbcUser);
    this.jdbcPassword = Optional.ofNullable(builder.jdbcPassword);
    this.jwtSecretGenerated = builder.jwtSecret == null;
    this.jwtSecret = jwtSecretGenerated ? randomSecret() : builder.jwtSecret;
    this.jwtTtl = builder.jwtTtl;
    this.adminEmail = builder.adminEmail.trim().toLowerCase(Locale.ROOT);
    this.adminPassword = builder.adminPassword;
    this.version = builder.version != null ? builder.version : projectVersion();
    this.rateLimits = new RateLimits(builder.rateLimitsEnabled, builder.registerLimitPerHour,
        builder.loginLimitPerMinute, builder.loginFailuresBeforeLock, builder.loginLockDuration);
    this.requireAcceptTerms = builder.requireAcceptTerms;
    this.taskRouteEnabled = builder.taskRouteEnabled;
    this.quizSubmitStatus = builder.quizSubmitStatus;
    this.faultRemovedRoutes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.faultRemovedRoutes));
    this.faultUnguardedRoutes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.faultUnguardedRoutes));
    this.faultFailingRoutes = Collections.unmodifiableSet(new LinkedHashSet<>(builder.faultFailingRoutes));
    this.faultSlowDelay = builder.faultSlowDelay;
    this.faultSlowRoute = Optional.ofNullable(builder.faultSlowRoute);
    this.faultDbDown = builder.faultDbDown;
    this.faultVersion = Optional.ofNullable(builder.faultVersion);
    this.faultAcceptAlgNone = builder.faultAcceptAlgNone;
    this.faultLeakPasswordHash = builder.faultLeakPasswordHash;
    this.faultMalformedId500 = builder.faultMalformedId500;
    this.faultPriceAsString = builder.faultPriceAsString;
    this.frontEnd = builder.frontEnd;
    this.identity = builder.identity;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values, to derive a variant of it. */
  public Builder toBuilder() {
    Builder builder = new Builder()
        .host(host).port(port).apiPrefix(apiPrefix)
        .jdbcUrl(jdbcUrl.orElse(null)).jdbcUser(jdbcUser.orElse(null)).jdbcPassword(jdbcPassword.orElse(null))
        .jwtTtl(jwtTtl).adminEmail(adminEmail).adminPassword(adminPassword).version(version)
        .rateLimitsEnabled(rateLimits.enabled()).registerLimitPerHour(rateLimits.registerPerHour())
        .loginLimitPerMinute(rateLimits.loginPerMinute()).loginFailuresBeforeLock(rateLimits.failuresBeforeLock())
        .loginLockDuration(rateLimits.lockDuration())
        .requireAcceptTerms(requireAcceptTerms).taskRouteEnabled(taskRouteEnabled).quizSubmitStatus(quizSubmitStatus)
        .faultSlow(faultSlowDelay).faultDbDown(faultDbDown).faultVersion(faultVersion.orElse(null))
        .faultAcceptAlgNone(faultAcceptAlgNone).faultLeakPasswordHash(faultLeakPasswordHash)
        .faultMalformedId500(faultMalformedId500).faultPriceAsString(faultPriceAsString)
        .frontEnd(frontEnd).identity(identity);
    if (!jwtSecretGenerated) {
      builder.jwtSecret(jwtSecret);
    }
    faultRemovedRoutes.forEach(builder::faultRemoveRoute);
    faultUnguardedRoutes.forEach(builder::faultUnguard);
    faultFailingRoutes.forEach(builder::fault500);
    faultSlowRoute.ifPresent(builder::faultSlowRoute);
    return builder;
  }

  public static String projectVersion() {
    return IdentitySwitches.projectVersion();
  }

  private static String randomSecret() {
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public String host() {
    return host;
  }

  /** The port to bind; 0 means any free port (see {@code RunningReferenceCore.apiUri()} for the one bound). */
  public int port() {
    return port;
  }

  /** The API prefix, e.g. {@code /api}: one leading slash, none trailing. */
  public String apiPrefix() {
    return apiPrefix;
  }

  /** The external database; empty means an embedded PostgreSQL in a temporary directory. */
  public Optional<String> jdbcUrl() {
    return jdbcUrl;
  }

  public Optional<String> jdbcUser() {
    return jdbcUser;
  }

  public Optional<String> jdbcPassword() {
    return jdbcPassword;
  }

  public String jwtSecret() {
    return jwtSecret;
  }

  /** True when no secret was configured and a random one was made for this process (tokens die with it). */
  public boolean jwtSecretGenerated() {
    return jwtSecretGenerated;
  }

  public Duration jwtTtl() {
    return jwtTtl;
  }

  public String adminEmail() {
    return adminEmail;
  }

  public String adminPassword() {
    return adminPassword;
  }

  /** The version health reports when no version fault is set. */
  public String version() {
    return version;
  }

  /** The version health reports: the fault version when set, else {@link #version()}. */
  public String reportedVersion() {
    return faultVersion.orElse(version);
  }

  public RateLimits rateLimits() {
    return rateLimits;
  }

  public boolean requireAcceptTerms() {
    return requireAcceptTerms;
  }

  public boolean taskRouteEnabled() {
    return taskRouteEnabled;
  }

  public int quizSubmitStatus() {
    return quizSubmitStatus;
  }

  /** Routes answering 404 as if not implemented: the remove-route faults plus the task route when it is switched off. */
  public Set<ApiRoute> absentRoutes() {
    Set<ApiRoute> absent = new LinkedHashSet<>(faultRemovedRoutes);
    if (!taskRouteEnabled) {
      absent.add(ApiResources.TASK_COMPLETE_ROUTE);
    }
    return Collections.unmodifiableSet(absent);
  }

  public Set<ApiRoute> faultRemovedRoutes() {
    return faultRemovedRoutes;
  }

  public Set<ApiRoute> faultUnguardedRoutes() {
    return faultUnguardedRoutes;
  }

  public Set<ApiRoute> faultFailingRoutes() {
    return faultFailingRoutes;
  }

  /** Delay added to API answers; zero for none. */
  public Duration faultSlowDelay() {
    return faultSlowDelay;
  }

  /** The only route the slow fault applies to; empty means every API answer. */
  public Optional<ApiRoute> faultSlowRoute() {
    return faultSlowRoute;
  }

  public boolean faultDbDown() {
    return faultDbDown;
  }

  public Optional<String> faultVersion() {
    return faultVersion;
  }

  /** The JWT guard accepts unsigned tokens ({@code alg: none}) naming an existing account. */
  public boolean faultAcceptAlgNone() {
    return faultAcceptAlgNone;
  }

  /** {@code GET /users/me} answers the account's password hash and token version too. */
  public boolean faultLeakPasswordHash() {
    return faultLeakPasswordHash;
  }

  /** A path id that is not a UUID answers 500 (the database's cast error) instead of 404. */
  public boolean faultMalformedId500() {
    return faultMalformedId500;
  }

  /** Course answers carry {@code priceCents} as a JSON string instead of an integer. */
  public boolean faultPriceAsString() {
    return faultPriceAsString;
  }

  /** The client-rendered pages' script throws once the API answered: the list never appears (the HTML looks fine). */
  public boolean faultPageScript() {
    return frontEnd.brokenScript();
  }

  /** The client-rendered pages' switches (page script, hanging third party, hydration mismatch). */
  public FrontEnd frontEnd() {
    return frontEnd;
  }

  /** How it shows which release it is (the real core's health shape, an old identity answering on). */
  public IdentitySwitches identity() {
    return identity;
  }

  @Override
  public String toString() {
    return "ReferenceCoreConfig{host=" + host + ", port=" + port + ", apiPrefix=" + apiPrefix
        + ", jdbcUrl=" + jdbcUrl.map(ReferenceCoreConfig::redactUrl).orElse("<embedded PostgreSQL>")
        + ", jdbcUser=" + jdbcUser.orElse("-")
        + ", jdbcPassword=" + jdbcPassword.map(p -> "****").orElse("-")
        + ", jwtSecret=" + (jwtSecretGenerated ? "<generated>" : "****")
        + ", jwtTtl=" + jwtTtl + ", adminEmail=" + adminEmail + ", adminPassword=****"
        + ", version=" + version + ", rateLimits=" + rateLimits
        + ", requireAcceptTerms=" + requireAcceptTerms + ", taskRouteEnabled=" + taskRouteEnabled
        + ", quizSubmitStatus=" + quizSubmitStatus
        + ", faultRemovedRoutes=" + faultRemovedRoutes + ", faultUnguardedRoutes=" + faultUnguardedRoutes
        + ", faultFailingRoutes=" + faultFailingRoutes + ", faultSlowDelay=" + faultSlowDelay
        + ", faultSlowRoute=" + faultSlowRoute.map(ApiRoute::toString).orElse("<all>")
        + ", faultDbDown=" + faultDbDown + ", faultVersion=" + faultVersion.orElse("-")
        + ", faultAcceptAlgNone=" + faultAcceptAlgNone + ", faultLeakPasswordHash=" + faultLeakPasswordHash
        + ", faultMalformedId500=" + faultMalformedId500 + ", faultPriceAsString=" + faultPriceAsString
        + ", frontEnd=" + frontEnd + ", identity=" + identity + "}";
  }

  /** A JDBC URL may carry {@code password=...}; show everything before the query string only. */
  static String redactUrl(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?<redacted>";
  }

  /** In-memory rate limits of register and login, as beelms core documents them. */
  public record RateLimits(boolean enabled, int registerPerHour, int loginPerMinute, int failuresBeforeLock,
      Duration lockDuration) {
  }

  /** Collects settings; {@link #build()} validates all of them and reports every problem at once. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String apiPrefix = DEFAULT_API_PREFIX;
    private String jdbcUrl;
    private String jdbcUser;
    private String jdbcPassword;
    private String jwtSecret;
    private Duration jwtTtl = DEFAULT_JWT_TTL;
    private String adminEmail = DEFAULT_ADMIN_EMAIL;
    private String adminPassword;
    private String version;
    private boolean rateLimitsEnabled = true;
    private int registerLimitPerHour = 5;
    private int loginLimitPerMinute = 5;
    private int loginFailuresBeforeLock = 5;
    private Duration loginLockDuration = Duration.ofMinutes(15);
    private boolean requireAcceptTerms;
    private boolean taskRouteEnabled = true;
    private int quizSubmitStatus = 200;
    private final Set<ApiRoute> faultRemovedRoutes = new LinkedHashSet<>();
    private final Set<ApiRoute> faultUnguardedRoutes = new LinkedHashSet<>();
    private final Set<ApiRoute> faultFailingRoutes = new LinkedHashSet<>();
    private Duration faultSlowDelay = Duration.ZERO;
    private ApiRoute faultSlowRoute;
    private boolean faultDbDown;
    private String faultVersion;
    private boolean faultAcceptAlgNone;
    private boolean faultLeakPasswordHash;
    private boolean faultMalformedId500;
    private boolean faultPriceAsString;
    private FrontEnd frontEnd = FrontEnd.DEFAULT;
    private IdentitySwitches identity = IdentitySwitches.NONE;
    private final List<String> routeProblems = new ArrayList<>();

    private Builder() {
    }

    /** Address to bind (flag {@code --host}, env {@code BEELMS_HOST}); default 127.0.0.1. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Port to bind, 0 for any free port (flag {@code --port}, env {@code BEELMS_PORT}); default 3000. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** API prefix (flag {@code --api-prefix}, env {@code BEELMS_API_PREFIX}); default {@code /api}. */
    public Builder apiPrefix(String apiPrefix) {
      this.apiPrefix = apiPrefix;
      return this;
    }

    /** External PostgreSQL (flag {@code --jdbc-url}, env {@code BEELMS_JDBC_URL}); null for embedded. */
    public Builder jdbcUrl(String jdbcUrl) {
      this.jdbcUrl = blankToNull(jdbcUrl);
      return this;
    }

    public Builder jdbcUser(String jdbcUser) {
      this.jdbcUser = blankToNull(jdbcUser);
      return this;
    }

    public Builder jdbcPassword(String jdbcPassword) {
      this.jdbcPassword = jdbcPassword;
      return this;
    }

    /** HS256 secret, at least 32 characters (flag {@code --jwt-secret}, env {@code BEELMS_JWT_SECRET}); null for a random one. */
    public Builder jwtSecret(String jwtSecret) {
      this.jwtSecret = jwtSecret;
      return this;
    }

    public Builder jwtTtl(Duration jwtTtl) {
      this.jwtTtl = jwtTtl;
      return this;
    }

    public Builder adminEmail(String adminEmail) {
      this.adminEmail = adminEmail;
      return this;
    }

    /** Required: the admin account's password, set (or reset) at every start. */
    public Builder adminPassword(String adminPassword) {
      this.adminPassword = adminPassword;
      return this;
    }

    public Builder identity(IdentitySwitches switches) {
      this.identity = switches == null ? IdentitySwitches.NONE : switches;
      return this;
    }

    /** Version reported by health; default the project version of this build. */
    public Builder version(String version) {
      this.version = blankToNull(version);
      return this;
    }

    public Builder rateLimitsEnabled(boolean enabled) {
      this.rateLimitsEnabled = enabled;
      return this;
    }

    public Builder registerLimitPerHour(int limit) {
      this.registerLimitPerHour = limit;
      return this;
    }

    public Builder loginLimitPerMinute(int limit) {
      this.loginLimitPerMinute = limit;
      return this;
    }

    public Builder loginFailuresBeforeLock(int failures) {
      this.loginFailuresBeforeLock = failures;
      return this;
    }

    public Builder loginLockDuration(Duration lockDuration) {
      this.loginLockDuration = lockDuration;
      return this;
    }

    /** Deployment variant: register requires {@code "acceptTerms": true} (and accepts {@code captchaToken}). */
    public Builder requireAcceptTerms(boolean require) {
      this.requireAcceptTerms = require;
      return this;
    }

    /** Deployment variant: false leaves only {@code curriculum/{itemId}/complete} for completing tasks. */
    public Builder taskRouteEnabled(boolean enabled) {
      this.taskRouteEnabled = enabled;
      return this;
    }

    /** Deployment variant: the status of a successful quiz submit, 200 (default) or 201. */
    public Builder quizSubmitStatus(int status) {
      this.quizSubmitStatus = status;
      return this;
    }

    /** Fault: the route answers 404 JSON as if it were not implemented. Repeatable. */
    public Builder faultRemoveRoute(String route) {
      return addRoute(route, faultRemovedRoutes, "faultRemoveRoute", "--fault-remove-route");
    }

    public Builder faultRemoveRoute(ApiRoute route) {
      faultRemovedRoutes.add(route);
      return this;
    }

    /** Fault: the JWT guard of the route is off; a request without a token acts as some existing user. Repeatable. */
    public Builder faultUnguard(String route) {
      return addRoute(route, faultUnguardedRoutes, "faultUnguard", "--fault-unguard");
    }

    public Builder faultUnguard(ApiRoute route) {
      faultUnguardedRoutes.add(route);
      return this;
    }

    /** Fault: the route answers 500 JSON. Repeatable. */
    public Builder fault500(String route) {
      return addRoute(route, faultFailingRoutes, "fault500", "--fault-500");
    }

    public Builder fault500(ApiRoute route) {
      faultFailingRoutes.add(route);
      return this;
    }

    /** Fault: every API answer (or only {@link #faultSlowRoute}) is delayed by this much. */
    public Builder faultSlow(Duration delay) {
      this.faultSlowDelay = delay;
      return this;
    }

    public Builder faultSlowRoute(String route) {
      if (route == null) {
        this.faultSlowRoute = null;
        return this;
      }
      Set<ApiRoute> parsed = new LinkedHashSet<>();
      addRoute(route, parsed, "faultSlowRoute", "--fault-slow-route");
      parsed.stream().findFirst().ifPresent(r -> this.faultSlowRoute = r);
      return this;
    }

    public Builder faultSlowRoute(ApiRoute route) {
      this.faultSlowRoute = route;
      return this;
    }

    /** Fault: after migrations the API's connection pool points at a closed port. */
    public Builder faultDbDown(boolean down) {
      this.faultDbDown = down;
      return this;
    }

    /** Fault: health reports this version instead of the real one. */
    public Builder faultVersion(String version) {
      this.faultVersion = blankToNull(version);
      return this;
    }

    /** Fault: the JWT guard accepts unsigned {@code alg: none} tokens whose subject is an existing account. */
    public Builder faultAcceptAlgNone(boolean accept) {
      this.faultAcceptAlgNone = accept;
      return this;
    }

    /** Fault: {@code GET /users/me} also answers {@code passwordHash} and {@code tokenVersion}. */
    public Builder faultLeakPasswordHash(boolean leak) {
      this.faultLeakPasswordHash = leak;
      return this;
    }

    /** Fault: a path id that is not a UUID answers 500 with the database's cast error instead of 404. */
    public Builder faultMalformedId500(boolean fail) {
      this.faultMalformedId500 = fail;
      return this;
    }

    /** Fault: course answers carry {@code priceCents} as a string ({@code "4900"}) instead of an integer. */
    public Builder faultPriceAsString(boolean asString) {
      this.faultPriceAsString = asString;
      return this;
    }

    /** Breaks the script of the client-rendered pages ({@code /app/...}): see {@link #faultPageScript()}. */
    public Builder faultPageScript(boolean broken) {
      this.frontEnd = frontEnd.withBrokenScript(broken);
      return this;
    }

    /** The client-rendered pages' switches: see {@link FrontEnd}. */
    public Builder frontEnd(FrontEnd pages) {
      this.frontEnd = java.util.Objects.requireNonNull(pages, "frontEnd");
      return this;
    }

    /** Changes the client-rendered pages' switches set so far (one command-line flag at a time). */
    public Builder changeFrontEnd(java.util.function.UnaryOperator<FrontEnd> change) {
      return frontEnd(change.apply(frontEnd));
    }

    private Builder addRoute(String text, Set<ApiRoute> target, String method, String flag) {
      try {
        target.add(ApiRoute.parse(text).withoutPrefix(apiPrefix).withoutPrefix(DEFAULT_API_PREFIX));
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
            + redactUrl(jdbcUrl) + "); leave it out for an embedded PostgreSQL");
      }
      if (jdbcUrl == null && (jdbcUser != null || jdbcPassword != null)) {
        problems.add("jdbcUser/jdbcPassword (--jdbc-user/--jdbc-password) are set without jdbcUrl (--jdbc-url, "
            + "BEELMS_JDBC_URL); give the URL too or leave all three out for the embedded PostgreSQL");
      }
      if (jwtSecret != null && jwtSecret.length() < MIN_JWT_SECRET_LENGTH) {
        problems.add("jwtSecret (--jwt-secret, BEELMS_JWT_SECRET) is shorter than " + MIN_JWT_SECRET_LENGTH
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
      } else if (adminPassword.length() < MIN_PASSWORD_LENGTH) {
        problems.add("adminPassword (--admin-password, BEELMS_ADMIN_PASSWORD) is shorter than "
            + MIN_PASSWORD_LENGTH + " characters, the API's own password rule");
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
}
