package org.beelms.plugin.image;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password for a registry, with where they came from so that an error can say
 * which setting to fix. {@link #toString()} never shows the password.
 *
 * @param username the registry user
 * @param password the password or token
 * @param source where they came from, e.g. {@code settings.xml server 'beelms-registry'}
 */
public record RegistryCredentials(String username, String password, String source) {

  /** Environment variable with the registry user, read when no settings.xml server is given. */
  public static final String ENV_USERNAME = "BEELMS_REGISTRY_USERNAME";

  /** Environment variable with the registry password, read with {@link #ENV_USERNAME}. */
  public static final String ENV_PASSWORD = "BEELMS_REGISTRY_PASSWORD";

  public RegistryCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    source = source == null || source.isBlank() ? "explicit credentials" : source;
    if (username.isBlank()) {
      throw new IllegalArgumentException(source + " has no username");
    }
  }

  /** Credentials from a {@code settings.xml} {@code <server>}. */
  public static RegistryCredentials fromServer(String serverId, String username, String password) {
    if (username == null || username.isBlank()) {
      throw new IllegalArgumentException(
          "settings.xml server '"
              + serverId
              + "' (<registryServerId> / -Dbeelms.image.registryServerId) has no <username>;"
              + " add <username> and <password> to it");
    }
    return new RegistryCredentials(
        username, password == null ? "" : password, "settings.xml server '" + serverId + "'");
  }

  /**
   * Credentials from {@link #ENV_USERNAME} and {@link #ENV_PASSWORD}, or empty when the user
   * variable is unset.
   */
  public static Optional<RegistryCredentials> fromEnvironment(Map<String, String> env) {
    String user = env.get(ENV_USERNAME);
    if (user == null || user.isBlank()) {
      return Optional.empty();
    }
    String password = env.getOrDefault(ENV_PASSWORD, "");
    return Optional.of(
        new RegistryCredentials(
            user, password, "environment variables " + ENV_USERNAME + "/" + ENV_PASSWORD));
  }

  @Override
  public String toString() {
    return "RegistryCredentials[username="
        + username
        + ", password="
        + (password.isEmpty() ? "(none)" : "****")
        + ", source="
        + source
        + "]";
  }
}
