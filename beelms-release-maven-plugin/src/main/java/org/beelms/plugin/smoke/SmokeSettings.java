package org.beelms.plugin.smoke;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.beelms.smoke.checks.SmokeSuites;
import org.beelms.smoke.config.ConfigSource;
import org.beelms.smoke.config.Credentials;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeConfigException;
import org.beelms.smoke.runner.SmokeRunRequest;

/**
 * Everything one smoke run needs, resolved once and validated on construction: the chosen
 * environment (with the URL override applied), the suites, where reports and the record go, and
 * the library's {@link SmokeConfig}. Precedence for each smoke setting, highest first: {@code
 * -Dbeelms.smoke.<key>}, the environment's declaration (elements, {@code <properties>} and the
 * {@code settings.xml} accounts), the plugin's {@code <smokeWaivers>}, environment variables
 * {@code BEELMS_SMOKE_<KEY>}, the library's defaults. {@link #toString()} shows no secret.
 */
public final class SmokeSettings {

  private final Environment environment;
  private final boolean urlOverridden;
  private final Set<String> suites;
  private final Path reportDirectory;
  private final Path recordDirectory;
  private final SmokeConfig config;

  private SmokeSettings(Builder b) {
    Environment declared = Objects.requireNonNull(b.environment, "environment");
    this.urlOverridden = b.urlOverride != null;
    this.environment = urlOverridden ? overridden(declared, b.urlOverride) : declared;
    Set<String> parsed;
    try {
      parsed = SmokeRunRequest.parseSuites(b.suites);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "<suites> / -Dbeelms.smoke.suites: " + e.getMessage().replace("--suites", "-Dbeelms.smoke.suites="), e);
    }
    Path reportRoot = Objects.requireNonNull(b.reportRoot, "reportRoot");
    this.reportDirectory = reportRoot.resolve(environment.name());
    this.recordDirectory = Objects.requireNonNull(b.recordDirectory, "recordDirectory");
    this.config = resolve(b);
    this.suites = withPagesTier(parsed, config);
  }

  /**
   * The whole smoke tier ({@code smoke}, the default of {@code beelms:smoke} and of the smoke after
   * deploy and rollback) brings the browser tier ({@code pages}) along when the environment has a
   * web front end ({@code <webUrl>}): Gate 3's pages are part of the post-deploy smoke.
   */
  static Set<String> withPagesTier(Set<String> suites, SmokeConfig config) {
    if (config.webUrl().isPresent() && suites.contains(SmokeSuites.ALL)) {
      Set<String> out = new java.util.LinkedHashSet<>(suites);
      out.add(SmokeSuites.PAGES);
      return Set.copyOf(out);
    }
    return Set.copyOf(suites);
  }

  private static Environment overridden(Environment declared, URI url) {
    try {
      return declared.withUrl(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "-Dbeelms.smoke.url=" + url + " cannot replace the <url> of environment '" + declared.name()
              + "': " + e.getMessage(), e);
    }
  }

  public static Builder forEnvironment(Environment environment) {
    return new Builder(environment);
  }

  private SmokeConfig resolve(Builder b) {
    Map<String, String> declared = new LinkedHashMap<>(environment.properties());
    declared.put("url", environment.url().toString());
    environment.webUrl().ifPresent(u -> declared.put("webUrl", u.toString()));
    declared.put("environment", environment.name());
    declared.put("mode", environment.modeName());
    if (!environment.expectedVersion().isEmpty()) {
      declared.put("expectedVersion", environment.expectedVersion());
    }
    b.user.ifPresent(c -> {
      declared.put("user.email", c.email());
      declared.put("user.password", c.password());
    });
    b.admin.ifPresent(c -> {
      declared.put("admin.email", c.email());
      declared.put("admin.password", c.password());
    });
    List<ConfigSource> sources = new ArrayList<>();
    Map<String, String> overrides = new LinkedHashMap<>(b.overrides);
    if (b.urlOverride != null) {
      overrides.put("url", b.urlOverride.toString());
    }
    if (b.pinnedGoal != null) {
      PinnedSmokeTarget.refuseOverrides(environment, b.pinnedGoal, b.commandLine, b.environmentVariables, null);
      overrides.putAll(PinnedSmokeTarget.pinned(environment));
    }
    sources.add(ConfigSource.map("property -Dbeelms.smoke.", overrides));
    sources.add(ConfigSource.map("environment '" + environment.name() + "' in <environments>", declared));
    b.waivers.ifPresent(file -> sources.add(ConfigSource.map("<smokeWaivers>", Map.of("waivers", file.toString()))));
    sources.add(ConfigSource.environment(b.environmentVariables));
    try {
      SmokeConfig resolved = SmokeConfig.resolve(sources);
      if (b.pinnedGoal != null) {
        PinnedSmokeTarget.refuseUndeclaredWebUrl(environment, resolved, b.pinnedGoal);
      }
      return resolved;
    } catch (SmokeConfigException e) {
      if (e.key().startsWith("user.")) {
        throw new IllegalArgumentException(SmokeSuggestions.credentialsMissing(environment, e.getMessage()), e);
      }
      throw new IllegalArgumentException(
          "environment '" + environment.name() + "': " + e.getMessage(), e);
    }
  }

  public Environment environment() {
    return environment;
  }

  /** True when {@code -Dbeelms.smoke.url} replaced the declared URL. */
  public boolean urlOverridden() {
    return urlOverridden;
  }

  /** The selected suite tags; {@code smoke} means all, with {@code pages} added when there is a {@code webUrl}. */
  public Set<String> suites() {
    return suites;
  }

  /** {@code target/beelms-smoke/<environment>/}: JUnit XML and the checklist report. */
  public Path reportDirectory() {
    return reportDirectory;
  }

  /** {@code target/beelms-release/}: where {@code smoke-<environment>.json} is written. */
  public Path recordDirectory() {
    return recordDirectory;
  }

  /** The library's configuration for this run. */
  public SmokeConfig config() {
    return config;
  }

  /** The API base the checks call, e.g. {@code http://host:3000/api}. */
  public URI apiBaseUri() {
    return config.apiBaseUri();
  }

  @Override
  public String toString() {
    return "SmokeSettings[environment=" + environment + ", urlOverridden=" + urlOverridden
        + ", suites=" + suites + ", reportDirectory=" + reportDirectory + ", recordDirectory="
        + recordDirectory + ", config=" + config + "]";
  }

  /** Collects the inputs of a run; {@link #build()} validates them. */
  public static final class Builder {
    private final Environment environment;
    private URI urlOverride;
    private String suites = "";
    private Path reportRoot = Path.of("target", "beelms-smoke");
    private Path recordDirectory = Path.of("target", "beelms-release");
    private Optional<Credentials> user = Optional.empty();
    private Optional<Credentials> admin = Optional.empty();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private Map<String, String> environmentVariables = Map.of();
    private Optional<Path> waivers = Optional.empty();
    private final Map<String, String> commandLine = new LinkedHashMap<>();
    private String pinnedGoal;

    private Builder(Environment environment) {
      this.environment = environment;
    }

    /** {@code -Dbeelms.smoke.url}: replaces the environment's URL; blank = none. */
    public Builder urlOverride(String url) {
      if (url == null || url.isBlank()) {
        this.urlOverride = null;
        return this;
      }
      if (org.beelms.smoke.client.Redactor.hasUserInfo(url)) {
        throw new IllegalArgumentException(
            org.beelms.smoke.client.Redactor.userInfoRefused("-Dbeelms.smoke.url"));
      }
      try {
        this.urlOverride = new URI(url.trim());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(
            "-Dbeelms.smoke.url=" + org.beelms.smoke.client.Redactor.maskUrlUserInfo(url) + " is not a URL (" + e.getReason()
                + "); write an absolute http(s) URL, e.g. -Dbeelms.smoke.url=http://127.0.0.1:3000/api", e);
      }
      return this;
    }

    /** Comma-separated suite tags ({@code ops}, {@code ws1}, {@code ws2}, {@code ws3}; {@code all}). */
    public Builder suites(String suites) {
      this.suites = suites == null ? "" : suites;
      return this;
    }

    /** The folder below which {@code <environment>/} gets the reports. */
    public Builder reportRoot(Path reportRoot) {
      this.reportRoot = reportRoot;
      return this;
    }

    public Builder recordDirectory(Path recordDirectory) {
      this.recordDirectory = recordDirectory;
      return this;
    }

    /** The smoke account (from the {@code settings.xml} server named by {@code <serverId>}). */
    public Builder user(Optional<Credentials> user) {
      this.user = Objects.requireNonNull(user);
      return this;
    }

    /** The admin account (from the {@code settings.xml} server named by {@code <adminServerId>}). */
    public Builder admin(Optional<Credentials> admin) {
      this.admin = Objects.requireNonNull(admin);
      return this;
    }

    /**
     * Command-line overrides {@code beelms.smoke.<key>} (prefix optional); only the library's
     * keys are taken, others (such as {@code beelms.smoke.suites}) are goal parameters.
     */
    public Builder overrides(Map<String, String> properties) {
      properties.forEach((k, v) -> commandLine.put(
          k.startsWith(SmokeConfig.PREFIX) ? k : SmokeConfig.PREFIX + k, v));
      properties.forEach(
          (k, v) -> {
            String key = k.startsWith(SmokeConfig.PREFIX) ? k.substring(SmokeConfig.PREFIX.length()) : k;
            if (SmokeConfig.KEYS.contains(key) && !key.equals("url") && !key.equals("environment")) {
              overrides.put(key, v);
            }
          });
      return this;
    }

    /**
     * The plugin's {@code <smokeWaivers>}: the waiver file of every environment that names none in
     * its {@code <properties>} ({@code beelms.smoke.waivers}); {@code -Dbeelms.smoke.waivers} wins
     * over both. Empty (or null) for none.
     */
    public Builder waivers(Optional<Path> file) {
      this.waivers = file == null ? Optional.empty() : file;
      return this;
    }

    /** Where {@code BEELMS_SMOKE_*} variables are read from ({@code System.getenv()} in a build). */
    public Builder environmentVariables(Map<String, String> env) {
      this.environmentVariables = Map.copyOf(env);
      return this;
    }

    /**
     * The smoke after {@code beelms:<goal>} (deploy, rollback): runs against the environment as
     * declared, an override of where or how it runs is refused (see {@link PinnedSmokeTarget}).
     */
    public Builder pinnedFor(String goal) {
      this.pinnedGoal = Objects.requireNonNull(goal, "goal");
      return this;
    }

    public SmokeSettings build() {
      return new SmokeSettings(this);
    }
  }

  /** The suites as the record lists them, sorted. */
  List<String> sortedSuites() {
    return new ArrayList<>(new java.util.TreeSet<>(suites));
  }
}
