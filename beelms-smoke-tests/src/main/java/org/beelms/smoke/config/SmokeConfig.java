package org.beelms.smoke.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one immutable, validated configuration of a smoke run. Build it with {@link #builder()} or resolve it from
 * sources with {@link #resolve(List)}: JUnit configuration parameters / system properties {@code beelms.smoke.<key>}
 * &gt; environment {@code BEELMS_SMOKE_<KEY>} &gt; the properties file named by {@code beelms.smoke.config} &gt;
 * defaults. {@link #toString()} redacts passwords.
 */
public final class SmokeConfig {

    public static final String PREFIX = "beelms.smoke.";
    /** Set by the runner on the parameters it passes: they are complete, the extension consults no other source. */
    public static final String RESOLVED_MARKER = PREFIX + "resolved";

    public static final String DEFAULT_API_PREFIX = "/api";
    public static final String DEFAULT_ENVIRONMENT = "staging";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_RETRY_BUDGET = 10;
    /** beelms core allows 5 registrations per hour per client IP; the smoke tier's one counts. */
    public static final int DEFAULT_REGISTRATION_BUDGET = 5;
    public static final int DEFAULT_LOAD_USERS = 5;
    public static final int MAX_LOAD_USERS = 50;
    /** Checks run at the same time by default: the smoke checks wait on the network, not on the CPU. */
    public static final int DEFAULT_PARALLELISM = 4;
    /** The most checks run at the same time. */
    public static final int MAX_PARALLELISM = 16;
    public static final Duration DEFAULT_LOAD_DURATION = Duration.ofSeconds(30);
    public static final Duration MAX_LOAD_DURATION = Duration.ofMinutes(10);
    public static final double DEFAULT_LOAD_MAX_ERROR_RATE = 0.01;
    public static final Duration DEFAULT_LOAD_MAX_P95 = Duration.ofSeconds(1);

    /** Every key (without prefix) the library reads; {@code status.<op>} keys are listed per {@link StatusKey}. */
    public static final List<String> KEYS;

    static {
        List<String> keys = new ArrayList<>(List.of("url", "apiPrefix", "webUrl", "environment", "mode",
                "user.email", "user.password", "admin.email", "admin.password", "connectTimeout", "readTimeout",
                "readyTimeout", "retryBudget", "expectedVersion", "identity.mode", "identity.proof", "register.extraFields", "taskCompletion", "config",
                "spec", "failOnContractDeviation", "registrationBudget", "load.users", "load.duration",
                "load.maxErrorRate", "load.maxP95", "parallelism", "browser.chromium", "browser.chromedriver",
                "browser.timeout", "browser.window", "page.loginPath", "page.consent", "page.consentSelectors",
                "screenshots", "waivers", "requiredChecks"));
        for (StatusKey k : StatusKey.values()) {
            keys.add("status." + k.key());
        }
        KEYS = List.copyOf(keys);
    }

    private final URI url;
    private final String apiPrefix;
    private final URI apiBaseUri;
    private final URI webUrl;
    private final String environment;
    private final SmokeMode mode;
    private final Credentials user;
    private final Credentials admin;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration readyTimeout;
    private final int retryBudget;
    private final String expectedVersion;
    private final RunningIdentity identity;
    private final Map<String, Object> registerExtraFields;
    private final TaskCompletion taskCompletion;
    private final Map<StatusKey, Set<Integer>> acceptedStatuses;
    private final Map<String, String> sources;
    private final Path spec;
    private final Path waivers;
    private final boolean failOnContractDeviation;
    private final int registrationBudget;
    private final int parallelism;
    private final List<String> requiredChecks;
    private final int loadUsers;
    private final Duration loadDuration;
    private final double loadMaxErrorRate;
    private final Duration loadMaxP95;
    private final BrowserSettings browser;

    private SmokeConfig(Builder b) {
        if (b.url == null) {
            throw SmokeConfigException.missing("url", "the target beelms core API, e.g. http://127.0.0.1:3000/api");
        }
        this.apiPrefix = normalisePrefix(b.apiPrefix == null ? DEFAULT_API_PREFIX : b.apiPrefix);
        this.url = checkHttp("url", b.source("url"), b.url);
        this.apiBaseUri = apiBase(url, apiPrefix);
        this.webUrl = b.webUrl == null ? null : checkHttp("webUrl", b.source("webUrl"), b.webUrl);
        this.mode = b.mode == null ? SmokeMode.STAGING : b.mode;
        // a run without an environment name is named after its mode: production runs are never reported as staging
        this.environment = b.environment == null || b.environment.isBlank()
                ? (mode == SmokeMode.PRODUCTION ? "production" : DEFAULT_ENVIRONMENT) : b.environment.trim();
        this.user = b.user;
        this.admin = b.admin;
        if (mode == SmokeMode.PRODUCTION && user == null) {
            throw SmokeConfigException.missing("user.email",
                    "mode production needs a pre-provisioned smoke account (user.email and user.password); "
                            + "it never registers one");
        }
        this.connectTimeout = positive("connectTimeout", b, b.connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        this.readTimeout = positive("readTimeout", b, b.readTimeout, DEFAULT_READ_TIMEOUT);
        this.readyTimeout = positive("readyTimeout", b, b.readyTimeout, DEFAULT_READY_TIMEOUT);
        if (b.retryBudget != null && b.retryBudget < 0) {
            throw SmokeConfigException.invalid("retryBudget", b.source("retryBudget"), String.valueOf(b.retryBudget),
                    "a whole number >= 0");
        }
        this.retryBudget = b.retryBudget == null ? DEFAULT_RETRY_BUDGET : b.retryBudget;
        this.expectedVersion = b.expectedVersion == null || b.expectedVersion.isBlank() ? null : b.expectedVersion.trim();
        this.identity = b.identity == null ? RunningIdentity.HEALTH : b.identity;
        this.registerExtraFields = Collections.unmodifiableMap(new LinkedHashMap<>(b.registerExtraFields));
        this.taskCompletion = b.taskCompletion == null ? TaskCompletion.AUTO : b.taskCompletion;
        EnumMap<StatusKey, Set<Integer>> statuses = new EnumMap<>(StatusKey.class);
        for (StatusKey k : StatusKey.values()) {
            Set<Integer> configured = b.acceptedStatuses.get(k);
            statuses.put(k, configured == null || configured.isEmpty() ? k.contract() : Set.copyOf(configured));
        }
        this.acceptedStatuses = Collections.unmodifiableMap(statuses);
        this.sources = Collections.unmodifiableMap(new TreeMap<>(b.sources));
        this.spec = b.spec;
        this.waivers = b.waivers;
        this.failOnContractDeviation = b.failOnContractDeviation;
        if (b.registrationBudget != null && b.registrationBudget < 0) {
            throw SmokeConfigException.invalid("registrationBudget", b.source("registrationBudget"),
                    String.valueOf(b.registrationBudget), "a whole number >= 0 (0: the run never registers)");
        }
        this.registrationBudget = b.registrationBudget == null ? DEFAULT_REGISTRATION_BUDGET : b.registrationBudget;
        if (b.parallelism != null && (b.parallelism < 1 || b.parallelism > MAX_PARALLELISM)) {
            throw SmokeConfigException.invalid("parallelism", b.source("parallelism"), String.valueOf(b.parallelism),
                    "a whole number from 1 (one check at a time) to " + MAX_PARALLELISM);
        }
        this.parallelism = b.parallelism == null ? DEFAULT_PARALLELISM : b.parallelism;
        this.requiredChecks = b.requiredChecks == null ? org.beelms.smoke.runner.RequiredChecks.DEFAULTS
                : List.copyOf(b.requiredChecks);
        if (b.loadUsers != null && (b.loadUsers < 1 || b.loadUsers > MAX_LOAD_USERS)) {
            throw SmokeConfigException.invalid("load.users", b.source("load.users"), String.valueOf(b.loadUsers),
                    "a whole number from 1 to " + MAX_LOAD_USERS);
        }
        this.loadUsers = b.loadUsers == null ? DEFAULT_LOAD_USERS : b.loadUsers;
        this.loadDuration = positive("load.duration", b, b.loadDuration, DEFAULT_LOAD_DURATION);
        if (loadDuration.compareTo(MAX_LOAD_DURATION) > 0) {
            throw SmokeConfigException.invalid("load.duration", b.source("load.duration"), loadDuration.toString(),
                    "at most " + MAX_LOAD_DURATION + " (the parallel-user smoke is bounded)");
        }
        if (b.loadMaxErrorRate != null && !(b.loadMaxErrorRate >= 0 && b.loadMaxErrorRate <= 1)) {
            throw SmokeConfigException.invalid("load.maxErrorRate", b.source("load.maxErrorRate"),
                    String.valueOf(b.loadMaxErrorRate), "a fraction from 0 to 1, e.g. 0.01 for 1 %");
        }
        this.loadMaxErrorRate = b.loadMaxErrorRate == null ? DEFAULT_LOAD_MAX_ERROR_RATE : b.loadMaxErrorRate;
        this.loadMaxP95 = positive("load.maxP95", b, b.loadMaxP95, DEFAULT_LOAD_MAX_P95);
        BrowserSettings br = b.browser == null ? BrowserSettings.DEFAULTS : b.browser;
        positive("browser.timeout", b, br.timeout(), BrowserSettings.DEFAULT_TIMEOUT);
        this.browser = br;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.apiPrefix = apiPrefix;
        b.webUrl = webUrl;
        b.environment = environment;
        b.mode = mode;
        b.user = user;
        b.admin = admin;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.readyTimeout = readyTimeout;
        b.retryBudget = retryBudget;
        b.expectedVersion = expectedVersion;
        b.identity = identity;
        b.registerExtraFields.putAll(registerExtraFields);
        b.taskCompletion = taskCompletion;
        acceptedStatuses.forEach((k, v) -> b.acceptedStatuses.put(k, new LinkedHashSet<>(v)));
        b.sources.putAll(sources);
        b.spec = spec;
        b.waivers = waivers;
        b.failOnContractDeviation = failOnContractDeviation;
        b.registrationBudget = registrationBudget;
        b.parallelism = parallelism;
        b.requiredChecks = requiredChecks;
        b.loadUsers = loadUsers;
        b.loadDuration = loadDuration;
        b.loadMaxErrorRate = loadMaxErrorRate;
        b.loadMaxP95 = loadMaxP95;
        b.browser = browser;
        return b;
    }

    // ---------------------------------------------------------------- resolution

    /**
     * Resolves from the usual sources: JUnit configuration parameters via {@code parameters} (may be {@code null}),
     * then system properties, then the environment, then the file named by {@code beelms.smoke.config}, then defaults.
     */
    public static SmokeConfig resolve(Function<String, Optional<String>> parameters, Map<String, String> environment) {
        List<ConfigSource> sources = new ArrayList<>();
        if (parameters != null) {
            sources.add(ConfigSource.junitParameters(parameters));
        }
        sources.add(ConfigSource.systemProperties(System.getProperties()));
        sources.add(ConfigSource.environment(environment));
        return resolve(sources);
    }

    /** Resolves from system properties, {@code System.getenv()}, the optional file and defaults. */
    public static SmokeConfig fromSystem() {
        return resolve(null, System.getenv());
    }

    /**
     * Resolves from {@code sources}, highest precedence first. A {@code config} key found in any of them names a
     * properties file that is consulted after all of them; defaults come last.
     */
    public static SmokeConfig resolve(List<ConfigSource> sources) {
        List<ConfigSource> all = new ArrayList<>(sources);
        Lookup configFile = lookup(all, "config");
        if (configFile != null) {
            all.add(ConfigSource.propertiesFile(Path.of(configFile.value)));
        }
        for (ConfigSource source : all) {
            for (String key : source.knownKeys()) {
                if (!isKnownKey(key)) {
                    throw new SmokeConfigException(key, source.describe(key),
                            "Unknown smoke configuration key '" + key + "' (from " + source.describe(key)
                                    + "). Known keys: " + String.join(", ", KEYS) + ".");
                }
            }
        }
        Builder b = new Builder();
        Lookup v;
        if ((v = lookup(all, "url")) != null) {
            b.url = parseUri("url", v);
            b.sources.put("url", v.source);
        }
        if ((v = lookup(all, "apiPrefix")) != null) {
            b.apiPrefix(v.value).sources.put("apiPrefix", v.source);
        }
        if ((v = lookup(all, "webUrl")) != null) {
            b.webUrl = parseUri("webUrl", v);
            b.sources.put("webUrl", v.source);
        }
        if ((v = lookup(all, "environment")) != null) {
            b.environment(v.value).sources.put("environment", v.source);
        }
        if ((v = lookup(all, "mode")) != null) {
            b.mode(parseEnum(SmokeMode.class, "mode", v)).sources.put("mode", v.source);
        }
        b.user = credentials(all, "user", b.sources);
        b.admin = credentials(all, "admin", b.sources);
        for (String key : List.of("connectTimeout", "readTimeout", "readyTimeout")) {
            if ((v = lookup(all, key)) != null) {
                Duration d = parseDuration(key, v);
                switch (key) {
                    case "connectTimeout" -> b.connectTimeout = d;
                    case "readTimeout" -> b.readTimeout = d;
                    default -> b.readyTimeout = d;
                }
                b.sources.put(key, v.source);
            }
        }
        if ((v = lookup(all, "retryBudget")) != null) {
            try {
                int n = Integer.parseInt(v.value.trim());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                b.retryBudget = n;
            } catch (NumberFormatException e) {
                throw SmokeConfigException.invalid("retryBudget", v.source, v.value, "a whole number >= 0, e.g. 10");
            }
            b.sources.put("retryBudget", v.source);
        }
        if ((v = lookup(all, "expectedVersion")) != null) {
            b.expectedVersion(v.value).sources.put("expectedVersion", v.source);
        }
        Lookup mode = lookup(all, "identity.mode");
        Lookup proof = lookup(all, "identity.proof");
        if (mode != null || proof != null) {
            b.identity(new RunningIdentity(mode == null ? null : mode.value,
                    Optional.ofNullable(proof == null ? null : proof.value)));
        }
        if ((v = lookup(all, "register.extraFields")) != null) {
            b.registerExtraFields.putAll(parseExtraFields(v));
            b.sources.put("register.extraFields", v.source);
        }
        if ((v = lookup(all, "taskCompletion")) != null) {
            b.taskCompletion(parseEnum(TaskCompletion.class, "taskCompletion", v)).sources.put("taskCompletion", v.source);
        }
        if ((v = lookup(all, "spec")) != null) {
            b.spec = Path.of(v.value.trim());
            b.sources.put("spec", v.source);
        }
        if ((v = lookup(all, "waivers")) != null && !v.value.isBlank()) {
            b.waivers = Path.of(v.value.trim());
            b.sources.put("waivers", v.source);
        }
        if ((v = lookup(all, "failOnContractDeviation")) != null) {
            b.failOnContractDeviation = parseBoolean("failOnContractDeviation", v);
            b.sources.put("failOnContractDeviation", v.source);
        }
        if ((v = lookup(all, "registrationBudget")) != null) {
            b.registrationBudget = parseWhole("registrationBudget", v, 0, Integer.MAX_VALUE);
            b.sources.put("registrationBudget", v.source);
        }
        if ((v = lookup(all, "parallelism")) != null) {
            b.parallelism = parseWhole("parallelism", v, 1, MAX_PARALLELISM);
            b.sources.put("parallelism", v.source);
        }
        if ((v = lookup(all, "requiredChecks")) != null) {
            b.requiredChecks = org.beelms.smoke.runner.RequiredChecks.parse(v.value, v.source);
            b.sources.put("requiredChecks", v.source);
        }
        if ((v = lookup(all, "load.users")) != null) {
            b.loadUsers = parseWhole("load.users", v, 1, MAX_LOAD_USERS);
            b.sources.put("load.users", v.source);
        }
        if ((v = lookup(all, "load.duration")) != null) {
            b.loadDuration = parseDuration("load.duration", v);
            b.sources.put("load.duration", v.source);
        }
        if ((v = lookup(all, "load.maxErrorRate")) != null) {
            try {
                b.loadMaxErrorRate = Double.parseDouble(v.value.trim());
            } catch (NumberFormatException e) {
                throw SmokeConfigException.invalid("load.maxErrorRate", v.source, v.value, "a fraction from 0 to 1, e.g. 0.01");
            }
            b.sources.put("load.maxErrorRate", v.source);
        }
        if ((v = lookup(all, "load.maxP95")) != null) {
            b.loadMaxP95 = parseDuration("load.maxP95", v);
            b.sources.put("load.maxP95", v.source);
        }
        b.browser = browserSettings(all, b.sources);
        for (StatusKey k : StatusKey.values()) {
            String key = "status." + k.key();
            if ((v = lookup(all, key)) != null) {
                b.acceptedStatuses.put(k, parseStatuses(key, v));
                b.sources.put(key, v.source);
            }
        }
        return b.build();
    }

    private static BrowserSettings browserSettings(List<ConfigSource> all, Map<String, String> sources) {
        BrowserSettings d = BrowserSettings.DEFAULTS;
        Lookup chromium = lookup(all, "browser.chromium");
        Lookup driver = lookup(all, "browser.chromedriver");
        Lookup timeout = lookup(all, "browser.timeout");
        Lookup window = lookup(all, "browser.window");
        Lookup login = lookup(all, "page.loginPath");
        Lookup shots = lookup(all, "screenshots");
        Lookup consent = lookup(all, "page.consent");
        Lookup consentSelectors = lookup(all, "page.consentSelectors");
        for (Lookup l : new Lookup[] {chromium, driver, timeout, window, login, shots, consent, consentSelectors}) {
            if (l != null) {
                sources.put(l.key, l.source);
            }
        }
        int[] size = window == null ? new int[] {d.width(), d.height()}
                : BrowserSettings.parseWindow("browser.window", window.source, window.value);
        return new BrowserSettings(
                chromium == null || chromium.value.isEmpty() ? Optional.empty() : Optional.of(Path.of(chromium.value)),
                driver == null || driver.value.isEmpty() ? Optional.empty() : Optional.of(Path.of(driver.value)),
                timeout == null ? d.timeout() : parseDuration("browser.timeout", timeout), size[0], size[1],
                login == null ? d.loginPath() : login.value,
                shots == null || shots.value.isEmpty() ? Optional.empty() : Optional.of(Path.of(shots.value)),
                PageConsent.parse(consent == null ? null : consent.source, consent == null ? null : consent.value,
                        consentSelectors == null ? null : consentSelectors.source,
                        consentSelectors == null ? null : consentSelectors.value));
    }

    private static boolean isKnownKey(String key) {
        return KEYS.contains(key) || key.startsWith("register.extraFields") || key.equals("resolved");
    }

    private record Lookup(String key, String value, String source) {
    }

    private static Lookup lookup(List<ConfigSource> sources, String key) {
        for (ConfigSource s : sources) {
            Optional<String> value = s.get(key);
            if (value.isPresent()) {
                return new Lookup(key, value.get().trim(), s.describe(key));
            }
        }
        return null;
    }

    private static Credentials credentials(List<ConfigSource> all, String who, Map<String, String> sources) {
        Lookup email = lookup(all, who + ".email");
        Lookup password = lookup(all, who + ".password");
        if (email == null && password == null) {
            return null;
        }
        if (email == null) {
            throw SmokeConfigException.missing(who + ".email", who + ".password is set (from " + password.source
                    + ") but the account's email is not");
        }
        if (password == null) {
            throw SmokeConfigException.missing(who + ".password", who + ".email is set (from " + email.source
                    + ") but the account's password is not");
        }
        if (!email.value.matches("[^@\\s]+@[^@\\s]+")) {
            throw SmokeConfigException.invalid(who + ".email", email.source, email.value, "an email address");
        }
        sources.put(who + ".email", email.source);
        sources.put(who + ".password", password.source);
        return new Credentials(email.value, password.value);
    }

    private static URI parseUri(String key, Lookup v) {
        if (org.beelms.smoke.client.Redactor.hasUserInfo(v.value)) {
            throw SmokeConfigException.invalid(key, v.source, "(URL with user info, not shown)",
                    "a URL without credentials; set user.email/user.password (settings.xml <server> or environment)"
                            + " instead");
        }
        try {
            return new URI(v.value);
        } catch (URISyntaxException e) {
            throw SmokeConfigException.invalid(key, v.source, org.beelms.smoke.client.Redactor.maskUrlUserInfo(v.value),
                    "an absolute http(s) URL, e.g. http://127.0.0.1:3000/api");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String key, Lookup v) {
        try {
            return Enum.valueOf(type, v.value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = String.join("|", Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            throw SmokeConfigException.invalid(key, v.source, v.value, "one of " + allowed);
        }
    }

    private static boolean parseBoolean(String key, Lookup v) {
        String s = v.value.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw SmokeConfigException.invalid(key, v.source, v.value, "true or false");
        }
        return Boolean.parseBoolean(s);
    }

    private static int parseWhole(String key, Lookup v, int min, int max) {
        try {
            int n = Integer.parseInt(v.value.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw SmokeConfigException.invalid(key, v.source, v.value, "a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
    }

    static Duration parseDuration(String key, Lookup v) {
        String s = v.value.trim();
        try {
            Duration d = s.matches("\\d+") ? Duration.ofMillis(Long.parseLong(s)) : Duration.parse(s.toUpperCase(Locale.ROOT));
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", s, 0);
            }
            return d;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw SmokeConfigException.invalid(key, v.source, v.value,
                    "a positive duration in milliseconds (e.g. 5000) or ISO-8601 (e.g. PT5S)");
        }
    }

    private static Set<Integer> parseStatuses(String key, Lookup v) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String part : v.value.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int status = Integer.parseInt(part.trim());
                if (status < 200 || status > 299) {
                    throw new NumberFormatException();
                }
                out.add(status);
            } catch (NumberFormatException e) {
                throw SmokeConfigException.invalid(key, v.source, v.value,
                        "a comma-separated list of 2xx success statuses, e.g. 200,201");
            }
        }
        if (out.isEmpty()) {
            throw SmokeConfigException.invalid(key, v.source, v.value, "a comma-separated list of 2xx statuses, e.g. 200,201");
        }
        return out;
    }

    /** {@code acceptTerms=true,source="smoke",age=3}: values are JSON-typed (true/false/null/number/"string"); bare words are strings. */
    static Map<String, Object> parseExtraFields(Lookup v) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : v.value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw SmokeConfigException.invalid("register.extraFields", v.source, v.value,
                        "comma-separated name=value pairs with JSON-typed values, e.g. acceptTerms=true,source=\"smoke\"");
            }
            String name = part.substring(0, eq).trim();
            if (name.equals("email") || name.equals("password")) {
                throw SmokeConfigException.invalid("register.extraFields", v.source, v.value,
                        "extra fields other than email and password (the run chooses those)");
            }
            out.put(name, jsonValue(part.substring(eq + 1).trim()));
        }
        return out;
    }

    private static Object jsonValue(String raw) {
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        if (raw.equals("null")) {
            return null;
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.matches("-?\\d+")) {
            return Long.parseLong(raw);
        }
        if (raw.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(raw);
        }
        return raw;
    }

    // ---------------------------------------------------------------- validation helpers

    private static String normalisePrefix(String prefix) {
        String p = prefix.trim();
        if (p.isEmpty() || p.equals("/")) {
            return "";
        }
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static URI checkHttp(String key, String source, URI uri) {
        if (uri.getUserInfo() != null || org.beelms.smoke.client.Redactor.hasUserInfo(uri.toString())) {
            throw SmokeConfigException.invalid(key, source, "(URL with user info, not shown)",
                    "a URL without credentials; set user.email/user.password (settings.xml <server> or environment)"
                            + " instead");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw SmokeConfigException.invalid(key, source, org.beelms.smoke.client.Redactor.maskUrlUserInfo(uri.toString()),
                    "an absolute http(s) URL with a host, e.g. http://127.0.0.1:3000/api");
        }
        if (uri.getUserInfo() != null) {
            throw SmokeConfigException.invalid(key, source, "(URL with user info)",
                    "a URL without credentials; set user.email/user.password instead");
        }
        return uri;
    }

    private static URI apiBase(URI url, String prefix) {
        String path = url.getPath() == null ? "" : url.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!prefix.isEmpty() && !path.endsWith(prefix)) {
            path = path + prefix;
        }
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path);
    }

    private static Duration positive(String key, Builder b, Duration value, Duration def) {
        if (value == null) {
            return def;
        }
        if (value.isNegative() || value.isZero()) {
            throw SmokeConfigException.invalid(key, b.source(key), value.toString(), "a positive duration, e.g. PT5S");
        }
        return value;
    }

    /** {@code BEELMS_SMOKE_<KEY>}: dots become underscores, camelCase stays one word, all upper case. */
    public static String envName(String key) {
        return "BEELMS_SMOKE_" + key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- accessors

    /** The target URL as configured. */
    public URI url() {
        return url;
    }

    /** Normalised, e.g. {@code /api}, or empty when the API is served at the root. */
    public String apiPrefix() {
        return apiPrefix;
    }

    /** The API base every request path is relative to, e.g. {@code http://host:3000/api} (prefix never twice). */
    public URI apiBaseUri() {
        return apiBaseUri;
    }

    /** The web front end, enabling page checks of the DEMO items. */
    public Optional<URI> webUrl() {
        return Optional.ofNullable(webUrl);
    }

    public String environment() {
        return environment;
    }

    public SmokeMode mode() {
        return mode;
    }

    public Optional<Credentials> user() {
        return Optional.ofNullable(user);
    }

    public Optional<Credentials> admin() {
        return Optional.ofNullable(admin);
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    public Duration readyTimeout() {
        return readyTimeout;
    }

    public int retryBudget() {
        return retryBudget;
    }

    public Optional<String> expectedVersion() {
        return Optional.ofNullable(expectedVersion);
    }

    /** What the deploy or rollback proved about the release that runs (OPS-HEALTH-1 uses it). */
    public RunningIdentity identity() {
        return identity;
    }

    /** Extra fields added to the registration body, e.g. {@code acceptTerms=true}. */
    public Map<String, Object> registerExtraFields() {
        return registerExtraFields;
    }

    public TaskCompletion taskCompletion() {
        return taskCompletion;
    }

    /** The success statuses accepted for {@code key} (defaults to the checklist's). */
    public Set<Integer> acceptedStatuses(StatusKey key) {
        return acceptedStatuses.get(key);
    }

    /** The OpenAPI document every response is checked against (contract conformance); empty: no check. */
    public Optional<Path> spec() {
        return Optional.ofNullable(spec);
    }

    /** The waiver file: known failures accepted one by one (see {@code SmokeWaivers}); empty: none. */
    public Optional<Path> waivers() {
        return Optional.ofNullable(waivers);
    }

    /** Whether responses that deviate from {@link #spec()} fail the run (default false: reported only). */
    public boolean failOnContractDeviation() {
        return failOnContractDeviation;
    }

    /** How many accounts the run may register in all (the target's per-IP hourly limit; default 5). */
    public int registrationBudget() {
        return registrationBudget;
    }

    /**
     * How many checks run at the same time (default {@value #DEFAULT_PARALLELISM}; 1 = one after the other). The
     * checks share one session either way; the rate-limit probe and the parallel-user smoke always run alone.
     */
    public int parallelism() {
        return parallelism;
    }

    /**
     * The checklist IDs that must be PASSED or WAIVED, never skipped, in a run that selects their suites (default
     * {@link org.beelms.smoke.runner.RequiredChecks#DEFAULTS}); empty for {@code requiredChecks=none}.
     */
    public List<String> requiredChecks() {
        return requiredChecks;
    }

    /** Virtual users of the parallel-user smoke (default 5). */
    public int loadUsers() {
        return loadUsers;
    }

    /** How long the parallel-user smoke runs (default 30 s, at most 10 min). */
    public Duration loadDuration() {
        return loadDuration;
    }

    /** The highest error rate (0..1) the parallel-user smoke accepts (default 0.01). */
    public double loadMaxErrorRate() {
        return loadMaxErrorRate;
    }

    /** The highest p95 latency per endpoint the parallel-user smoke accepts (default 1 s). */
    public Duration loadMaxP95() {
        return loadMaxP95;
    }

    /** The browser tier's settings ({@code browser.*}, {@code page.loginPath}, {@code screenshots}). */
    public BrowserSettings browser() {
        return browser;
    }

    /** Where each resolved key came from (only for keys not left at their default). */
    public Map<String, String> sources() {
        return sources;
    }

    /** The secrets of this configuration, for redaction. */
    public Set<String> secrets() {
        Set<String> out = new LinkedHashSet<>();
        user().ifPresent(c -> out.add(c.password()));
        admin().ifPresent(c -> out.add(c.password()));
        return out;
    }

    /**
     * This configuration as JUnit configuration parameters ({@code beelms.smoke.<key>}) plus
     * {@link #RESOLVED_MARKER}, so the extension rebuilds exactly this configuration without consulting other sources.
     * Contains the passwords: pass it in-process only, never print it.
     */
    public Map<String, String> toConfigurationParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PREFIX + "url", url.toString());
        p.put(PREFIX + "apiPrefix", apiPrefix.isEmpty() ? "/" : apiPrefix);
        if (webUrl != null) {
            p.put(PREFIX + "webUrl", webUrl.toString());
        }
        p.put(PREFIX + "environment", environment);
        p.put(PREFIX + "mode", mode.name().toLowerCase(Locale.ROOT));
        if (user != null) {
            p.put(PREFIX + "user.email", user.email());
            p.put(PREFIX + "user.password", user.password());
        }
        if (admin != null) {
            p.put(PREFIX + "admin.email", admin.email());
            p.put(PREFIX + "admin.password", admin.password());
        }
        p.put(PREFIX + "connectTimeout", String.valueOf(connectTimeout.toMillis()));
        p.put(PREFIX + "readTimeout", String.valueOf(readTimeout.toMillis()));
        p.put(PREFIX + "readyTimeout", String.valueOf(readyTimeout.toMillis()));
        p.put(PREFIX + "retryBudget", String.valueOf(retryBudget));
        if (expectedVersion != null) {
            p.put(PREFIX + "expectedVersion", expectedVersion);
        }
        p.put(PREFIX + "identity.mode", identity.mode());
        identity.proof().ifPresent(proof -> p.put(PREFIX + "identity.proof", proof));
        if (!registerExtraFields.isEmpty()) {
            List<String> parts = new ArrayList<>();
            registerExtraFields.forEach((k, v) -> parts.add(k + "=" + (v instanceof String s ? "\"" + s + "\"" : String.valueOf(v))));
            p.put(PREFIX + "register.extraFields", String.join(",", parts));
        }
        p.put(PREFIX + "taskCompletion", taskCompletion.name().toLowerCase(Locale.ROOT));
        acceptedStatuses.forEach((k, v) -> p.put(PREFIX + "status." + k.key(),
                String.join(",", v.stream().sorted().map(String::valueOf).toList())));
        if (spec != null) {
            p.put(PREFIX + "spec", spec.toString());
        }
        if (waivers != null) {
            p.put(PREFIX + "waivers", waivers.toString());
        }
        p.put(PREFIX + "failOnContractDeviation", String.valueOf(failOnContractDeviation));
        p.put(PREFIX + "registrationBudget", String.valueOf(registrationBudget));
        p.put(PREFIX + "parallelism", String.valueOf(parallelism));
        p.put(PREFIX + "requiredChecks", requiredChecks.isEmpty() ? "none" : String.join(",", requiredChecks));
        p.put(PREFIX + "load.users", String.valueOf(loadUsers));
        p.put(PREFIX + "load.duration", String.valueOf(loadDuration.toMillis()));
        p.put(PREFIX + "load.maxErrorRate", String.valueOf(loadMaxErrorRate));
        p.put(PREFIX + "load.maxP95", String.valueOf(loadMaxP95.toMillis()));
        browser.toParameters().forEach((k, v) -> p.put(PREFIX + k, v));
        p.put(RESOLVED_MARKER, "true");
        return p;
    }

    @Override
    public String toString() {
        return "SmokeConfig[url=" + url + ", apiBase=" + apiBaseUri + ", webUrl=" + webUrl + ", environment="
                + environment + ", mode=" + mode + ", user=" + user + ", admin=" + admin + ", connectTimeout="
                + connectTimeout + ", readTimeout=" + readTimeout + ", readyTimeout=" + readyTimeout
                + ", retryBudget=" + retryBudget + ", expectedVersion=" + expectedVersion + ", identity=" + identity.mode() + ", registerExtraFields="
                + registerExtraFields.keySet() + ", taskCompletion=" + taskCompletion + ", acceptedStatuses="
                + acceptedStatuses + ", spec=" + spec + ", failOnContractDeviation=" + failOnContractDeviation
                + ", registrationBudget=" + registrationBudget + ", parallelism=" + parallelism + ", requiredChecks=" + requiredChecks + ", load=" + loadUsers
                + " users/" + loadDuration + " (max error rate " + loadMaxErrorRate + ", max p95 " + loadMaxP95
                + "), browser=" + browser + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmokeConfig c && toConfigurationParameters().equals(c.toConfigurationParameters());
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, apiPrefix, mode, environment);
    }

    // ---------------------------------------------------------------- builder

    public static final class Builder {
        private URI url;
        private String apiPrefix;
        private URI webUrl;
        private String environment;
        private SmokeMode mode;
        private Credentials user;
        private Credentials admin;
        private Duration connectTimeout;
        private Duration readTimeout;
        private Duration readyTimeout;
        private Integer retryBudget;
        private String expectedVersion;
        private RunningIdentity identity;
        private final Map<String, Object> registerExtraFields = new LinkedHashMap<>();
        private TaskCompletion taskCompletion;
        private final Map<StatusKey, Set<Integer>> acceptedStatuses = new EnumMap<>(StatusKey.class);
        private final Map<String, String> sources = new LinkedHashMap<>();
        private Path spec;
        private Path waivers;
        private boolean failOnContractDeviation;
        private Integer registrationBudget;
        private Integer parallelism;
        private List<String> requiredChecks;
        private Integer loadUsers;
        private Duration loadDuration;
        private Double loadMaxErrorRate;
        private Duration loadMaxP95;
        private BrowserSettings browser;

        private Builder() {
        }

        private String source(String key) {
            return sources.getOrDefault(key, "builder");
        }

        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        public Builder url(String url) {
            try {
                return url(new URI(url));
            } catch (URISyntaxException e) {
                throw SmokeConfigException.invalid("url", "builder", url, "an absolute http(s) URL");
            }
        }

        public Builder apiPrefix(String apiPrefix) {
            this.apiPrefix = apiPrefix;
            return this;
        }

        public Builder webUrl(URI webUrl) {
            this.webUrl = webUrl;
            return this;
        }

        public Builder webUrl(String webUrl) {
            return webUrl(webUrl == null ? null : URI.create(webUrl));
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder mode(SmokeMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder user(String email, String password) {
            this.user = new Credentials(email, password);
            return this;
        }

        public Builder user(Credentials user) {
            this.user = user;
            return this;
        }

        public Builder admin(String email, String password) {
            this.admin = new Credentials(email, password);
            return this;
        }

        public Builder admin(Credentials admin) {
            this.admin = admin;
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        public Builder readyTimeout(Duration d) {
            this.readyTimeout = d;
            return this;
        }

        public Builder retryBudget(int retries) {
            this.retryBudget = retries;
            return this;
        }

        public Builder expectedVersion(String version) {
            this.expectedVersion = version;
            return this;
        }

        public Builder identity(RunningIdentity proven) {
            this.identity = proven;
            return this;
        }

        public Builder registerExtraField(String name, Object jsonValue) {
            this.registerExtraFields.put(name, jsonValue);
            return this;
        }

        public Builder taskCompletion(TaskCompletion taskCompletion) {
            this.taskCompletion = taskCompletion;
            return this;
        }

        public Builder acceptedStatuses(StatusKey key, Integer... statuses) {
            this.acceptedStatuses.put(key, new LinkedHashSet<>(Arrays.asList(statuses)));
            return this;
        }

        /** The OpenAPI document to check every response against (regression tier: contract conformance). */
        public Builder spec(Path spec) {
            this.spec = spec;
            return this;
        }

        /** The waiver file (known failures accepted one by one); null: none. */
        public Builder waivers(Path waivers) {
            this.waivers = waivers;
            return this;
        }

        public Builder failOnContractDeviation(boolean fail) {
            this.failOnContractDeviation = fail;
            return this;
        }

        /** Registrations the whole run may make (default 5, the target's per-IP hourly limit). */
        public Builder registrationBudget(int budget) {
            this.registrationBudget = budget;
            return this;
        }

        /** Checks run at the same time (default {@value SmokeConfig#DEFAULT_PARALLELISM}; 1 = one after the other). */
        public Builder parallelism(int checks) {
            this.parallelism = checks;
            return this;
        }

        /** The checklist IDs that must be PASSED or WAIVED (empty: none required); not called = the defaults. */
        public Builder requiredChecks(List<String> ids) {
            this.requiredChecks = List.copyOf(ids);
            return this;
        }

        public Builder loadUsers(int users) {
            this.loadUsers = users;
            return this;
        }

        public Builder loadDuration(Duration duration) {
            this.loadDuration = duration;
            return this;
        }

        public Builder loadMaxErrorRate(double rate) {
            this.loadMaxErrorRate = rate;
            return this;
        }

        public Builder loadMaxP95(Duration p95) {
            this.loadMaxP95 = p95;
            return this;
        }

        /** The browser tier's settings (default {@link BrowserSettings#DEFAULTS}). */
        public Builder browser(BrowserSettings browser) {
            this.browser = browser;
            return this;
        }

        /** Validates and builds; throws {@link SmokeConfigException} naming the key, its source and what is expected. */
        public SmokeConfig build() {
            return new SmokeConfig(this);
        }
    }
}
