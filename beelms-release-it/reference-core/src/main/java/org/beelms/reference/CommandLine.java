package org.beelms.reference;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.beelms.reference.pages.FrontEnd;

/**
 * Turns command-line flags and {@code BEELMS_*} environment variables into a {@link ReferenceCoreConfig}.
 * Flags win over environment variables; both are converted here once, so the rest of the server only
 * sees typed settings.
 */
public final class CommandLine {

  public static final String USAGE = """
      Usage: java -jar beelms-reference-core-runnable.jar [flags]

      Server (flag / environment variable):
        --host ADDR                 BEELMS_HOST            address to bind (default 127.0.0.1)
        --port N                    BEELMS_PORT            port, 0 = any free port (default 3000)
        --api-prefix PATH           BEELMS_API_PREFIX      API prefix (default /api)
        --jdbc-url URL              BEELMS_JDBC_URL        external PostgreSQL; none = embedded in a temp dir
        --jdbc-user NAME            BEELMS_JDBC_USER
        --jdbc-password SECRET      BEELMS_JDBC_PASSWORD
        --jwt-secret SECRET         BEELMS_JWT_SECRET      HS256 secret, >= 32 chars (default: random per process)
        --jwt-ttl DURATION          BEELMS_JWT_TTL         token lifetime, ISO-8601 (default PT1H)
        --admin-email EMAIL         BEELMS_ADMIN_EMAIL     admin account (default admin@beelms.local)
        --admin-password SECRET     BEELMS_ADMIN_PASSWORD  required; the admin account is created/reset with it
        --version VERSION           BEELMS_VERSION         version health reports (default: this build's)
        --no-rate-limits            BEELMS_RATE_LIMITS=false
        --register-limit-per-hour N      (default 5)
        --login-limit-per-minute N       (default 5)
        --login-failures-before-lock N   (default 5)
        --login-lock-duration DURATION   (default PT15M)

      Deployment variants:
        --require-accept-terms      register requires "acceptTerms": true (accepts captchaToken)
        --no-task-route             only POST /courses/{courseId}/curriculum/{itemId}/complete completes tasks
        --quiz-submit-status 201    quiz submit answers 201 instead of 200

      Identity (the real core's shape; what proves which release runs):
        --health-without-version    GET /health answers {"status":"ok"} only, like the real beelms core
        --running-file PATH         written with --running-image once this release "runs" (an identity command reads it)
        --running-image REF         what the running file says, e.g. host/repo@sha256:... (default: the version)
        --previous-version VERSION  health and the X-App-Version header show this version for --previous-for
        --previous-for DURATION     how long after start the previous identity keeps answering (e.g. PT5S);
                                    the running file is written only then

      Faults (for proving that smoke checks turn red); ROUTE is "METHOD /path/{param}" without the prefix:
        --fault-remove-route ROUTE  the route answers 404 JSON as if not implemented (repeatable)
        --fault-unguard ROUTE       the JWT guard of the route is off (repeatable)
        --fault-500 ROUTE           the route answers 500 JSON (repeatable)
        --fault-slow-ms N           every API answer is delayed N ms
        --fault-slow-route ROUTE    ... only this route's answers
        --fault-db-down             the API's database is unreachable after startup
        --fault-version VERSION     health reports this version
        --fault-accept-alg-none     the JWT guard accepts unsigned (alg none) tokens
        --fault-leak-password-hash  GET /users/me answers passwordHash and tokenVersion
        --fault-500-on-malformed-id a path id that is not a UUID answers 500 instead of 404
        --fault-price-as-string     course answers carry priceCents as a string
        --fault-page-script         the client-rendered pages (/app/...) throw in their script after the API call

      Client-rendered pages (a consent bar and a persisted language preference are always there):
        --hanging-third-party       every page loads a script from another origin that never answers
        --fault-hydration[=WHEN]    pages outside the wiki log "Hydration failed ..."; WHEN is
                                    after-language-switch (default: once ?lang= chose a language
                                    other than bg) or always
        --fault-login-without-session
                                    the login form goes on to /my-courses without logging in
        --spa-fallback              a front end's catch-all answers its index page (200 text/html)
                                    in place of every API error
      """;

  private CommandLine() {
  }

  /** The configuration, or {@link UsageException} naming the bad flag; {@link HelpRequested} for --help. */
  public static ReferenceCoreConfig parse(String[] args, Map<String, String> environment) {
    ReferenceCoreConfigBuilder builder = ReferenceCoreConfig.builder();
    applyEnvironment(builder, environment);
    boolean healthWithoutVersion = false;
    Map<String, String> identity = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg;
      String inlineValue = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        flag = arg.substring(0, equals);
        inlineValue = arg.substring(equals + 1);
      }
      switch (flag) {
        case "--help", "-h" -> throw new HelpRequested();
        case "--no-rate-limits" -> builder.rateLimitsEnabled(noValue(flag, inlineValue));
        case "--require-accept-terms" -> builder.requireAcceptTerms(!noValue(flag, inlineValue));
        case "--no-task-route" -> builder.taskRouteEnabled(noValue(flag, inlineValue));
        case "--fault-db-down" -> builder.faultDbDown(!noValue(flag, inlineValue));
        case "--fault-accept-alg-none" -> builder.faultAcceptAlgNone(!noValue(flag, inlineValue));
        case "--fault-leak-password-hash" -> builder.faultLeakPasswordHash(!noValue(flag, inlineValue));
        case "--fault-500-on-malformed-id" -> builder.faultMalformedId500(!noValue(flag, inlineValue));
        case "--fault-price-as-string" -> builder.faultPriceAsString(!noValue(flag, inlineValue));
        case "--fault-page-script" -> builder.faultPageScript(!noValue(flag, inlineValue));
        case "--hanging-third-party" -> {
          boolean hanging = !noValue(flag, inlineValue);
          builder.changeFrontEnd(f -> f.withHangingThirdParty(hanging));
        }
        case "--fault-hydration" -> {
          FrontEnd.Hydration when = hydration(inlineValue);
          builder.changeFrontEnd(f -> f.withHydration(when));
        }
        case "--fault-login-without-session" -> {
          boolean fault = !noValue(flag, inlineValue);
          builder.changeFrontEnd(f -> f.withLoginWithoutSession(fault));
        }
        case "--spa-fallback" -> {
          boolean fallback = !noValue(flag, inlineValue);
          builder.changeFrontEnd(f -> f.withSpaFallback(fallback));
        }
        case "--health-without-version" -> healthWithoutVersion = !noValue(flag, inlineValue);
        case "--running-file", "--running-image", "--previous-version", "--previous-for" -> {
          if (inlineValue == null && i + 1 >= args.length) {
            throw new UsageException("flag " + flag + " needs a value");
          }
          identity.put(flag, inlineValue != null ? inlineValue : args[++i]);
        }
        default -> {
          BiConsumer<ReferenceCoreConfigBuilder, String> setter = valueFlag(flag);
          if (setter == null) {
            throw new UsageException("unknown flag '" + flag + "'; see --help for the flags");
          }
          String value = inlineValue;
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new UsageException("flag " + flag + " needs a value");
            }
            value = args[++i];
          }
          setter.accept(builder, value);
        }
      }
    }
    builder.identity(new IdentitySwitches(healthWithoutVersion,
        java.util.Optional.ofNullable(identity.get("--running-file")).map(java.nio.file.Path::of),
        identity.get("--running-image"), identity.get("--previous-version"),
        identity.containsKey("--previous-for") ? duration("--previous-for", identity.get("--previous-for")) : Duration.ZERO));
    try {
      return builder.build();
    } catch (InvalidConfigurationException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Boolean switches take no value; {@code false} is returned so callers can write {@code enabled(false)}. */
  private static boolean noValue(String flag, String inlineValue) {
    if (inlineValue != null) {
      throw new UsageException("flag " + flag + " takes no value");
    }
    return false;
  }

  private static BiConsumer<ReferenceCoreConfigBuilder, String> valueFlag(String flag) {
    return switch (flag) {
      case "--host" -> ReferenceCoreConfigBuilder::host;
      case "--port" -> (b, v) -> b.port(integer(flag, v));
      case "--api-prefix" -> ReferenceCoreConfigBuilder::apiPrefix;
      case "--jdbc-url" -> ReferenceCoreConfigBuilder::jdbcUrl;
      case "--jdbc-user" -> ReferenceCoreConfigBuilder::jdbcUser;
      case "--jdbc-password" -> ReferenceCoreConfigBuilder::jdbcPassword;
      case "--jwt-secret" -> ReferenceCoreConfigBuilder::jwtSecret;
      case "--jwt-ttl" -> (b, v) -> b.jwtTtl(duration(flag, v));
      case "--admin-email" -> ReferenceCoreConfigBuilder::adminEmail;
      case "--admin-password" -> ReferenceCoreConfigBuilder::adminPassword;
      case "--version" -> ReferenceCoreConfigBuilder::version;
      case "--register-limit-per-hour" -> (b, v) -> b.registerLimitPerHour(integer(flag, v));
      case "--login-limit-per-minute" -> (b, v) -> b.loginLimitPerMinute(integer(flag, v));
      case "--login-failures-before-lock" -> (b, v) -> b.loginFailuresBeforeLock(integer(flag, v));
      case "--login-lock-duration" -> (b, v) -> b.loginLockDuration(duration(flag, v));
      case "--quiz-submit-status" -> (b, v) -> b.quizSubmitStatus(integer(flag, v));
      case "--fault-remove-route" -> ReferenceCoreConfigBuilder::faultRemoveRoute;
      case "--fault-unguard" -> ReferenceCoreConfigBuilder::faultUnguard;
      case "--fault-500" -> ReferenceCoreConfigBuilder::fault500;
      case "--fault-slow-ms" -> (b, v) -> b.faultSlow(Duration.ofMillis(integer(flag, v)));
      case "--fault-slow-route" -> ReferenceCoreConfigBuilder::faultSlowRoute;
      case "--fault-version" -> ReferenceCoreConfigBuilder::faultVersion;
      default -> null;
    };
  }

  private static void applyEnvironment(ReferenceCoreConfigBuilder builder, Map<String, String> environment) {
    List<String[]> known = new ArrayList<>();
    known.add(new String[] {"BEELMS_HOST", "--host"});
    known.add(new String[] {"BEELMS_PORT", "--port"});
    known.add(new String[] {"BEELMS_API_PREFIX", "--api-prefix"});
    known.add(new String[] {"BEELMS_JDBC_URL", "--jdbc-url"});
    known.add(new String[] {"BEELMS_JDBC_USER", "--jdbc-user"});
    known.add(new String[] {"BEELMS_JDBC_PASSWORD", "--jdbc-password"});
    known.add(new String[] {"BEELMS_JWT_SECRET", "--jwt-secret"});
    known.add(new String[] {"BEELMS_JWT_TTL", "--jwt-ttl"});
    known.add(new String[] {"BEELMS_ADMIN_EMAIL", "--admin-email"});
    known.add(new String[] {"BEELMS_ADMIN_PASSWORD", "--admin-password"});
    known.add(new String[] {"BEELMS_VERSION", "--version"});
    for (String[] variable : known) {
      String value = environment.get(variable[0]);
      if (value != null && !value.isEmpty()) {
        try {
          valueFlag(variable[1]).accept(builder, value);
        } catch (UsageException e) {
          throw new UsageException("environment variable " + variable[0] + ": " + e.getMessage());
        }
      }
    }
    String rateLimits = environment.get("BEELMS_RATE_LIMITS");
    if (rateLimits != null && !rateLimits.isEmpty()) {
      if (!rateLimits.equalsIgnoreCase("true") && !rateLimits.equalsIgnoreCase("false")) {
        throw new UsageException("environment variable BEELMS_RATE_LIMITS must be true or false");
      }
      builder.rateLimitsEnabled(Boolean.parseBoolean(rateLimits));
    }
  }

  private static FrontEnd.Hydration hydration(String value) {
    try {
      return FrontEnd.Hydration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("flag " + flag + " needs an integer, got '" + value + "'");
    }
  }

  private static Duration duration(String flag, String value) {
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new UsageException("flag " + flag + " needs an ISO-8601 duration such as PT1H or PT15M, got '"
          + value + "'");
    }
  }

  /** A flag or variable is wrong; the message names it. The CLI exits with code 2. */
  public static final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
      super(message);
    }
  }

  /** {@code --help} was given. */
  public static final class HelpRequested extends RuntimeException {
    public HelpRequested() {
      super("help requested", null, false, false);
    }
  }
}
