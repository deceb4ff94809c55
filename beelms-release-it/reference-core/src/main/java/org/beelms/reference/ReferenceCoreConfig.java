package org.beelms.reference;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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

  ReferenceCoreConfig(ReferenceCoreConfigBuilder builder) {
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

  public static ReferenceCoreConfigBuilder builder() {
    return new ReferenceCoreConfigBuilder();
  }

  /** A builder holding this configuration's values, to derive a variant of it. */
  public ReferenceCoreConfigBuilder toBuilder() {
    ReferenceCoreConfigBuilder builder = new ReferenceCoreConfigBuilder()
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
}
