package org.beelms.plugin.git;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and password (or access token) for pushing to a git remote, with where they came
 * from so an error can say which setting to fix. {@link #toString()} never shows the password.
 *
 * @param username the user; for a token, what the host expects (GitHub: {@code x-access-token})
 * @param password the password or token
 * @param source where they came from, e.g. {@code settings.xml server 'beelms-git'}
 */
public record GitCredentials(String username, String password, String source) {

  /** Environment variable with the git user, read when no settings.xml server is given. */
  public static final String ENV_USERNAME = "BEELMS_GIT_USERNAME";

  /** Environment variable with the git password or token. */
  public static final String ENV_PASSWORD = "BEELMS_GIT_PASSWORD";

  public GitCredentials {
    Objects.requireNonNull(username, "username");
    password = password == null ? "" : password;
    source = source == null || source.isBlank() ? "explicit credentials" : source;
    if (username.isBlank()) {
      throw new IllegalArgumentException(
          source + " has no username; give one (for a token, the user name your git host"
              + " expects, e.g. x-access-token) and put the token in the password");
    }
  }

  /**
   * Credentials from {@link #ENV_USERNAME} and {@link #ENV_PASSWORD}; empty when neither is set.
   *
   * @throws IllegalArgumentException when only the password is set
   */
  public static Optional<GitCredentials> fromEnvironment(Map<String, String> env) {
    String user = env.get(ENV_USERNAME);
    String password = env.get(ENV_PASSWORD);
    boolean noUser = user == null || user.isBlank();
    if (noUser && (password == null || password.isEmpty())) {
      return Optional.empty();
    }
    if (noUser) {
      throw new IllegalArgumentException(
          ENV_PASSWORD + " is set but " + ENV_USERNAME + " is not; set " + ENV_USERNAME
              + " too (for a token, the user name your git host expects, e.g. x-access-token)");
    }
    return Optional.of(
        new GitCredentials(
            user, password, "environment variables " + ENV_USERNAME + "/" + ENV_PASSWORD));
  }

  /** {@code text} with every occurrence of the password replaced by {@code ****}. */
  public String redact(String text) {
    if (text == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "****");
  }

  @Override
  public String toString() {
    return "GitCredentials[username="
        + username
        + ", password="
        + (password.isEmpty() ? "(none)" : "****")
        + ", source="
        + source
        + "]";
  }
}
