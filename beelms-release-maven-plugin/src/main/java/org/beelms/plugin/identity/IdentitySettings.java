package org.beelms.plugin.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What proves the release runs on one environment: the mode and what it reads. Validated on
 * construction; every error names the element to fix.
 *
 * @param mode how the identity is read
 * @param url for {@link IdentityMode#ENDPOINT}: the URL asked ({@code <identityUrl>}); empty otherwise
 * @param pointer for {@link IdentityMode#ENDPOINT}: a JSON pointer into the answer ({@code /version},
 *     {@code /build/commit}) or {@code header:<Name>} ({@code <identityPointer>}, default {@code /version})
 * @param command for {@link IdentityMode#COMMAND}: the command printing what runs
 *     ({@code <identityCommand>}); empty otherwise. Never shown: it may carry a secret.
 */
public record IdentitySettings(IdentityMode mode, Optional<URI> url, String pointer, String command) {

  /** The default: the version {@code /health} reports. */
  public static final IdentitySettings HEALTH = new IdentitySettings(IdentityMode.HEALTH, Optional.empty(), "", "");

  public static final String DEFAULT_POINTER = "/version";
  private static final String HEADER = "header:";

  public IdentitySettings {
    Objects.requireNonNull(mode, "mode");
    url = url == null ? Optional.empty() : url;
    pointer = pointer == null || pointer.isBlank() ? DEFAULT_POINTER : pointer.trim();
    command = command == null ? "" : command.trim();
  }

  /** True when {@link #pointer} names a header ({@code header:X-App-Version}). */
  public boolean header() {
    return pointer.regionMatches(true, 0, HEADER, 0, HEADER.length());
  }

  /** The header's name when {@link #header()}. */
  public String headerName() {
    return pointer.substring(HEADER.length()).trim();
  }

  /**
   * The identity of environment {@code environment} as declared.
   *
   * @param where the environment's declaration, e.g. {@code <environments>/<environment> 'staging'}
   * @param apiBase the environment's {@code <url>}: a relative {@code <identityUrl>} (e.g. {@code
   *     /build}) is below it
   * @param identity {@code <identity>}; blank = health
   * @param override {@code -Dbeelms.deploy.identity}; wins when set
   */
  public static IdentitySettings declared(
      String where, URI apiBase, String identity, String override, String identityUrl, String pointer,
      String command) {
    IdentityMode mode =
        override != null && !override.isBlank()
            ? IdentityMode.parse(override, "-Dbeelms.deploy.identity", IdentityMode.HEALTH)
            : IdentityMode.parse(identity, where + " <identity>", IdentityMode.HEALTH);
    boolean hasUrl = identityUrl != null && !identityUrl.isBlank();
    boolean hasCommand = command != null && !command.isBlank();
    switch (mode) {
      case ENDPOINT -> {
        if (!hasUrl) {
          throw new IllegalArgumentException(
              where + " has <identity>endpoint</identity> but no <identityUrl>; give the URL that answers"
                  + " what runs, e.g. <identityUrl>/build</identityUrl> (below <url>) with"
                  + " <identityPointer>/build/commit</identityPointer> or header:X-App-Version");
        }
        URI uri = endpoint(where, apiBase, identityUrl.trim());
        String p = pointer == null || pointer.isBlank() ? DEFAULT_POINTER : pointer.trim();
        if (!p.startsWith("/") && !p.toLowerCase(Locale.ROOT).startsWith(HEADER)) {
          throw new IllegalArgumentException(
              where + " <identityPointer> is '" + p + "'; write a JSON pointer (/version, /build/commit)"
                  + " or header:<Name> (header:X-App-Version)");
        }
        if (p.toLowerCase(Locale.ROOT).startsWith(HEADER) && p.substring(HEADER.length()).isBlank()) {
          throw new IllegalArgumentException(
              where + " <identityPointer> is '" + p + "' without a header name; write e.g. header:X-App-Version");
        }
        return new IdentitySettings(mode, Optional.of(uri), p, "");
      }
      case COMMAND -> {
        if (!hasCommand) {
          throw new IllegalArgumentException(
              where + " has <identity>command</identity> but no <identityCommand>; give a command printing"
                  + " what runs, e.g. <identityCommand>docker inspect --format '{{index .RepoDigests 0}}'"
                  + " beelms-core-api</identityCommand>");
        }
        return new IdentitySettings(mode, Optional.empty(), "", command);
      }
      default -> {
        return new IdentitySettings(mode, Optional.empty(), "", "");
      }
    }
  }

  private static URI endpoint(String where, URI apiBase, String value) {
    try {
      URI uri = new URI(value);
      if (uri.isAbsolute()) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
          throw new IllegalArgumentException(
              where + " <identityUrl> is '" + value + "'; write an absolute http(s) URL or a path below <url>"
                  + " such as /build");
        }
        if (uri.getUserInfo() != null) {
          throw new IllegalArgumentException(where + " <identityUrl> carries user info; remove it");
        }
        return uri;
      }
      String base = apiBase.toString();
      return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
          + (value.startsWith("/") ? value : "/" + value));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          where + " <identityUrl> is '" + value + "', not a URL (" + e.getReason() + ")", e);
    }
  }

  /** Mode and what is read, never the command text. */
  public String describe() {
    return switch (mode) {
      case HEALTH -> "the version of /health";
      case ENDPOINT -> (header() ? "header " + headerName() : "JSON pointer " + pointer) + " of " + url.map(URI::toString).orElse("");
      case COMMAND -> "the <identityCommand>";
      case NONE -> "nothing (<identity>none</identity>)";
    };
  }

  @Override
  public String toString() {
    return "IdentitySettings[mode=" + mode.label() + ", url=" + url.map(URI::toString).orElse("") + ", pointer="
        + pointer + ", command=" + (command.isEmpty() ? "" : "***") + "]";
  }
}
