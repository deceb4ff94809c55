package org.beelms.smoke.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings a {@link SmokeConfig.Builder} collects before {@link SmokeConfig.Builder#build()} checks them: a
 * setting left {@code null} takes its default there. {@link SmokeConfigResolver} fills the fields directly and
 * records in {@code sources} where each value came from, so an error names it.
 */
abstract class SmokeConfigDraft {
    URI url;
    String apiPrefix;
    URI webUrl;
    String environment;
    SmokeMode mode;
    Credentials user;
    Credentials admin;
    Duration connectTimeout;
    Duration readTimeout;
    Duration readyTimeout;
    Integer retryBudget;
    String expectedVersion;
    RunningIdentity identity;
    final Map<String, Object> registerExtraFields = new LinkedHashMap<>();
    TaskCompletion taskCompletion;
    final Map<StatusKey, Set<Integer>> acceptedStatuses = new EnumMap<>(StatusKey.class);
    final Map<String, String> sources = new LinkedHashMap<>();
    Path spec;
    Path waivers;
    boolean failOnContractDeviation;
    Integer registrationBudget;
    Integer parallelism;
    List<String> requiredChecks;
    Integer loadUsers;
    Duration loadDuration;
    Double loadMaxErrorRate;
    Duration loadMaxP95;
    BrowserSettings browser;

    SmokeConfigDraft() {
    }

    String source(String key) {
        return sources.getOrDefault(key, "builder");
    }

    private SmokeConfig.Builder self() {
        return (SmokeConfig.Builder) this;
    }


    public SmokeConfig.Builder url(URI url) {
        this.url = url;
        return self();
    }

    public SmokeConfig.Builder url(String url) {
        try {
            return url(new URI(url));
        } catch (URISyntaxException e) {
            throw SmokeConfigException.invalid("url", "builder", url, "an absolute http(s) URL");
        }
    }

    public SmokeConfig.Builder apiPrefix(String apiPrefix) {
        this.apiPrefix = apiPrefix;
        return self();
    }

    public SmokeConfig.Builder webUrl(URI webUrl) {
        this.webUrl = webUrl;
        return self();
    }

    public SmokeConfig.Builder webUrl(String webUrl) {
        return webUrl(webUrl == null ? null : URI.create(webUrl));
    }

    public SmokeConfig.Builder environment(String environment) {
        this.environment = environment;
        return self();
    }

    public SmokeConfig.Builder mode(SmokeMode mode) {
        this.mode = mode;
        return self();
    }

    public SmokeConfig.Builder user(String email, String password) {
        this.user = new Credentials(email, password);
        return self();
    }

    public SmokeConfig.Builder user(Credentials user) {
        this.user = user;
        return self();
    }

    public SmokeConfig.Builder admin(String email, String password) {
        this.admin = new Credentials(email, password);
        return self();
    }

    public SmokeConfig.Builder admin(Credentials admin) {
        this.admin = admin;
        return self();
    }

    public SmokeConfig.Builder connectTimeout(Duration d) {
        this.connectTimeout = d;
        return self();
    }

    public SmokeConfig.Builder readTimeout(Duration d) {
        this.readTimeout = d;
        return self();
    }

    public SmokeConfig.Builder readyTimeout(Duration d) {
        this.readyTimeout = d;
        return self();
    }

    public SmokeConfig.Builder retryBudget(int retries) {
        this.retryBudget = retries;
        return self();
    }

    public SmokeConfig.Builder expectedVersion(String version) {
        this.expectedVersion = version;
        return self();
    }

    public SmokeConfig.Builder identity(RunningIdentity proven) {
        this.identity = proven;
        return self();
    }

    public SmokeConfig.Builder registerExtraField(String name, Object jsonValue) {
        this.registerExtraFields.put(name, jsonValue);
        return self();
    }

    public SmokeConfig.Builder taskCompletion(TaskCompletion taskCompletion) {
        this.taskCompletion = taskCompletion;
        return self();
    }

    public SmokeConfig.Builder acceptedStatuses(StatusKey key, Integer... statuses) {
        this.acceptedStatuses.put(key, new LinkedHashSet<>(Arrays.asList(statuses)));
        return self();
    }

    /** The OpenAPI document to check every response against (regression tier: contract conformance). */
    public SmokeConfig.Builder spec(Path spec) {
        this.spec = spec;
        return self();
    }

    /** The waiver file (known failures accepted one by one); null: none. */
    public SmokeConfig.Builder waivers(Path waivers) {
        this.waivers = waivers;
        return self();
    }

    public SmokeConfig.Builder failOnContractDeviation(boolean fail) {
        this.failOnContractDeviation = fail;
        return self();
    }

    /** Registrations the whole run may make (default 5, the target's per-IP hourly limit). */
    public SmokeConfig.Builder registrationBudget(int budget) {
        this.registrationBudget = budget;
        return self();
    }

    /** Checks run at the same time (default {@value SmokeConfig#DEFAULT_PARALLELISM}; 1 = one after the other). */
    public SmokeConfig.Builder parallelism(int checks) {
        this.parallelism = checks;
        return self();
    }

    /** The checklist IDs that must be PASSED or WAIVED (empty: none required); not called = the defaults. */
    public SmokeConfig.Builder requiredChecks(List<String> ids) {
        this.requiredChecks = List.copyOf(ids);
        return self();
    }

    public SmokeConfig.Builder loadUsers(int users) {
        this.loadUsers = users;
        return self();
    }

    public SmokeConfig.Builder loadDuration(Duration duration) {
        this.loadDuration = duration;
        return self();
    }

    public SmokeConfig.Builder loadMaxErrorRate(double rate) {
        this.loadMaxErrorRate = rate;
        return self();
    }

    public SmokeConfig.Builder loadMaxP95(Duration p95) {
        this.loadMaxP95 = p95;
        return self();
    }

    /** The browser tier's settings (default {@link BrowserSettings#DEFAULTS}). */
    public SmokeConfig.Builder browser(BrowserSettings browser) {
        this.browser = browser;
        return self();
    }

}
