package org.beelms.plugin.smoke;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.smoke.client.Redactor;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeMode;

/**
 * One deployed beelms core environment, declared once in the plugin's {@code <environments>}:
 * where its API answers, how careful the smoke run must be there, which image tag it runs and
 * which {@code settings.xml} servers hold its accounts. Validated on construction; the deploy and
 * restore hooks are carried for {@code beelms:deploy} and {@code beelms:rollback} and not used by
 * the smoke goal.
 *
 * @param name the environment's name, chosen with {@code -Dtarget=<name>}; letters, digits,
 *     {@code .}, {@code _} and {@code -} (it names folders and files)
 * @param url the API base, e.g. {@code https://staging.example.org/api}
 * @param webUrl the web front end, enabling the page checks; empty when none
 * @param mode {@code staging} (a throwaway account may be registered) or {@code production}
 *     (only the pre-provisioned smoke account, no residue)
 * @param imageTag the image tag the environment runs (e.g. {@code staging}); empty when not set
 * @param serverId the {@code settings.xml} server with the smoke account; empty when none
 * @param adminServerId the {@code settings.xml} server with an admin account; empty when none
 * @param expectedVersion the release the environment must run; empty when not checked
 * @param properties further smoke settings, keyed without the {@code beelms.smoke.} prefix
 * @param deployCommand the deploy hook (used by {@code beelms:deploy}); empty when none
 * @param restoreCommand the database restore hook (used by {@code beelms:rollback}); empty when none
 * @param smokeTiers the smoke library's tiers run after a deploy or rollback ({@code <smokeTiers>});
 *     empty or null = {@link SmokeTiers#defaults}: smoke and regression on staging, smoke on
 *     production; always includes the smoke tier
 */
public record Environment(
    String name,
    URI url,
    Optional<URI> webUrl,
    SmokeMode mode,
    String imageTag,
    String serverId,
    String adminServerId,
    String expectedVersion,
    Map<String, String> properties,
    String deployCommand,
    String restoreCommand,
    Set<SmokeTiers.Tier> smokeTiers) {

  /** Smoke keys that have their own element (or are secrets) and so may not be set in {@code <properties>}. */
  private static final Map<String, String> RESERVED =
      Map.ofEntries(
          Map.entry("url", "use <url> (or -Dbeelms.smoke.url)"),
          Map.entry("webUrl", "use <webUrl>"),
          Map.entry("mode", "use <mode>"),
          Map.entry("environment", "the environment's <name> is used"),
          Map.entry("expectedVersion", "use <expectedVersion>"),
          Map.entry("identity.mode", "use <identity> (beelms:deploy and beelms:rollback hand the identity to the smoke)"),
          Map.entry("identity.proof", "set by beelms:deploy and beelms:rollback from the identity check (<identity>)"),
          Map.entry("user.email", "use <serverId>: a settings.xml server whose username is the smoke account's email"),
          Map.entry("user.password", "use <serverId>: passwords belong in settings.xml, not in the POM"),
          Map.entry("admin.email", "use <adminServerId>: a settings.xml server with the admin account"),
          Map.entry("admin.password", "use <adminServerId>: passwords belong in settings.xml, not in the POM"));

  private static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";

  public Environment {
    if (name == null || !name.trim().matches(NAME_PATTERN)) {
      throw new IllegalArgumentException(
          "<environments>/<environment> <name> is '" + name + "'; use letters, digits, '.', '_' and"
              + " '-' (e.g. staging), it names the report folder target/beelms-smoke/<name>/");
    }
    name = name.trim();
    Objects.requireNonNull(url, "url");
    checkHttp(url, name, "url");
    webUrl = Objects.requireNonNullElse(webUrl, Optional.empty());
    if (webUrl.isPresent()) {
      checkHttp(webUrl.get(), name, "webUrl");
    }
    Objects.requireNonNull(mode, "mode");
    imageTag = blankToEmpty(imageTag);
    serverId = blankToEmpty(serverId);
    adminServerId = blankToEmpty(adminServerId);
    expectedVersion = blankToEmpty(expectedVersion);
    properties = checkProperties(name, properties);
    deployCommand = blankToEmpty(deployCommand);
    restoreCommand = blankToEmpty(restoreCommand);
    smokeTiers =
        Collections.unmodifiableSet(EnumSet.copyOf(
            smokeTiers == null || smokeTiers.isEmpty() ? SmokeTiers.defaults(mode) : smokeTiers));
    if (!smokeTiers.contains(SmokeTiers.Tier.SMOKE)) {
      throw new IllegalArgumentException(
          SmokeSuggestions.where(name, "smokeTiers") + " leaves out the smoke tier, which always runs"
              + " after a deploy or rollback; write smoke,regression");
    }
  }

  /**
   * An environment from its declaration's text values, as the POM gives them, {@code smokeTiers}
   * as {@link SmokeTiers#parse} reads it (blank or null: the mode's default); every error names the
   * element to fix.
   */
  public static Environment declared(
      String name,
      String url,
      String webUrl,
      String mode,
      String imageTag,
      String serverId,
      String adminServerId,
      String expectedVersion,
      Map<String, String> properties,
      String deployCommand,
      String restoreCommand,
      String smokeTiers) {
    String label = name == null ? "" : name.trim();
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          SmokeSuggestions.where(label, "url") + " is missing; give the API base, e.g."
              + " <url>https://staging.example.org/api</url>");
    }
    SmokeMode parsedMode = parseMode(mode, label);
    return new Environment(
        name,
        parseUri(url, label, "url"),
        webUrl == null || webUrl.isBlank() ? Optional.empty() : Optional.of(parseUri(webUrl, label, "webUrl")),
        parsedMode,
        imageTag,
        serverId,
        adminServerId,
        expectedVersion,
        properties,
        deployCommand,
        restoreCommand,
        SmokeTiers.parse(smokeTiers, parsedMode, SmokeSuggestions.where(label, "smokeTiers")));
  }

  /** The same environment with its API at {@code newUrl} (the {@code -Dbeelms.smoke.url} override). */
  public Environment withUrl(URI newUrl) {
    return new Environment(
        name, newUrl, webUrl, mode, imageTag, serverId, adminServerId, expectedVersion, properties,
        deployCommand, restoreCommand, smokeTiers);
  }

  /** The mode as written in the POM and the record: {@code staging} or {@code production}. */
  public String modeName() {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    properties.forEach((k, v) -> shown.put(k, k.toLowerCase(Locale.ROOT).contains("password") ? "***" : v));
    return "Environment[name=" + name + ", url=" + url + ", webUrl=" + webUrl.map(URI::toString).orElse("")
        + ", mode=" + modeName() + ", imageTag=" + imageTag + ", serverId=" + serverId
        + ", adminServerId=" + adminServerId + ", expectedVersion=" + expectedVersion
        + ", properties=" + shown + ", deployCommand=" + (deployCommand.isEmpty() ? "" : "***")
        + ", restoreCommand=" + (restoreCommand.isEmpty() ? "" : "***") + ", smokeTiers="
        + smokeTiers.stream().map(SmokeTiers.Tier::label).toList() + "]";
  }

  private static String blankToEmpty(String s) {
    return s == null ? "" : s.trim();
  }

  private static URI parseUri(String value, String environment, String field) {
    if (Redactor.hasUserInfo(value)) {
      throw new IllegalArgumentException(
          Redactor.userInfoRefused(SmokeSuggestions.where(environment, field)));
    }
    try {
      return new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          SmokeSuggestions.where(environment, field) + " is '" + Redactor.maskUrlUserInfo(value) + "', not a URL ("
              + e.getReason() + "); write an absolute http(s) URL, e.g. https://staging.example.org/api",
          e);
    }
  }

  private static void checkHttp(URI uri, String environment, String field) {
    if (Redactor.hasUserInfo(uri.toString())) {
      throw new IllegalArgumentException(
          Redactor.userInfoRefused(SmokeSuggestions.where(environment, field)));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          SmokeSuggestions.where(environment, field) + " is '" + Redactor.maskUrlUserInfo(uri.toString())
              + "'; write an absolute http(s)"
              + " URL with a host, e.g. https://staging.example.org/api");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          SmokeSuggestions.where(environment, field) + " carries user info; remove it and put the"
              + " account in a settings.xml <server> named by <serverId>");
    }
  }

  private static SmokeMode parseMode(String mode, String environment) {
    String allowed =
        Arrays.stream(SmokeMode.values())
            .map(m -> m.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(" or "));
    if (mode == null || mode.isBlank()) {
      throw new IllegalArgumentException(
          SmokeSuggestions.where(environment, "mode") + " is missing; write <mode>staging</mode> or"
              + " <mode>production</mode> (production never registers accounts nor leaves data)");
    }
    try {
      return SmokeMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          SmokeSuggestions.where(environment, "mode") + " is '" + mode + "'; use " + allowed, e);
    }
  }

  private static Map<String, String> checkProperties(String environment, Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return Map.of();
    }
    raw.forEach(
        (rawKey, value) -> {
          String key = rawKey.trim();
          if (key.startsWith(SmokeConfig.PREFIX)) {
            key = key.substring(SmokeConfig.PREFIX.length());
          }
          String where = SmokeSuggestions.where(environment, "properties") + " <" + rawKey.trim() + ">";
          if (RESERVED.containsKey(key)) {
            throw new IllegalArgumentException(where + " is not allowed here: " + RESERVED.get(key));
          }
          if (!SmokeConfig.KEYS.contains(key) || key.equals("resolved")) {
            throw new IllegalArgumentException(
                where + " is not a smoke setting; known keys (beelms.smoke. + …): "
                    + String.join(", ", allowedPropertyKeys()));
          }
          out.put(key, value == null ? "" : value.trim());
        });
    return Collections.unmodifiableMap(out);
  }

  /** The keys {@code <properties>} accepts. */
  static Set<String> allowedPropertyKeys() {
    return SmokeConfig.KEYS.stream()
        .filter(k -> !RESERVED.containsKey(k))
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }
}
