package org.beelms.smoke.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
                "load.maxErrorRate", "load.maxP95", "parallelism", "browser.chromium",
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
        this.apiPrefix = ConfigChecks.normalisePrefix(b.apiPrefix == null ? DEFAULT_API_PREFIX : b.apiPrefix);
        this.url = ConfigChecks.checkHttp("url", b.source("url"), b.url);
        this.apiBaseUri = ConfigChecks.apiBase(url, apiPrefix);
        this.webUrl = b.webUrl == null ? null : ConfigChecks.checkHttp("webUrl", b.source("webUrl"), b.webUrl);
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
        this.connectTimeout = ConfigChecks.positive("connectTimeout", b, b.connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        this.readTimeout = ConfigChecks.positive("readTimeout", b, b.readTimeout, DEFAULT_READ_TIMEOUT);
        this.readyTimeout = ConfigChecks.positive("readyTimeout", b, b.readyTimeout, DEFAULT_READY_TIMEOUT);
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
        this.loadDuration = ConfigChecks.positive("load.duration", b, b.loadDuration, DEFAULT_LOAD_DURATION);
        if (loadDuration.compareTo(MAX_LOAD_DURATION) > 0) {
            throw SmokeConfigException.invalid("load.duration", b.source("load.duration"), loadDuration.toString(),
                    "at most " + MAX_LOAD_DURATION + " (the parallel-user smoke is bounded)");
        }
        if (b.loadMaxErrorRate != null && !(b.loadMaxErrorRate >= 0 && b.loadMaxErrorRate <= 1)) {
            throw SmokeConfigException.invalid("load.maxErrorRate", b.source("load.maxErrorRate"),
                    String.valueOf(b.loadMaxErrorRate), "a fraction from 0 to 1, e.g. 0.01 for 1 %");
        }
        this.loadMaxErrorRate = b.loadMaxErrorRate == null ? DEFAULT_LOAD_MAX_ERROR_RATE : b.loadMaxErrorRate;
        this.loadMaxP95 = ConfigChecks.positive("load.maxP95", b, b.loadMaxP95, DEFAULT_LOAD_MAX_P95);
        BrowserSettings br = b.browser == null ? BrowserSettings.DEFAULTS : b.browser;
        ConfigChecks.positive("browser.timeout", b, br.timeout(), BrowserSettings.DEFAULT_TIMEOUT);
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
        return SmokeConfigResolver.resolve(sources);
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
        return SmokeConfigParameters.of(this);
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

    /** Collects settings ({@link SmokeConfigDraft}) and builds the checked configuration. */
    public static final class Builder extends SmokeConfigDraft {

        private Builder() {
        }

        /** Validates and builds; throws {@link SmokeConfigException} naming the key, its source and what is expected. */
        public SmokeConfig build() {
            return new SmokeConfig(this);
        }
    }
}
