package org.beelms.plugin.mojo;

import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.beelms.plugin.git.GitCredentials;
import org.beelms.plugin.image.RegistryCredentials;
import org.beelms.smoke.config.Credentials;

/**
 * Credentials from the user's {@code settings.xml} {@code <server>} entries, decrypted as Maven
 * does, with one wording for what goes wrong. Every goal that takes a server id reads it here.
 */
final class SettingsServers {

  /** A server's decrypted username (may be empty) and password (may be empty). */
  record Account(String id, String username, String password) {
    Account {
      username = username == null ? "" : username.trim();
      password = password == null ? "" : password;
    }

    @Override
    public String toString() {
      return "Account[id=" + id + ", username=" + username + ", password=****]";
    }
  }

  private final Settings settings;
  private final SettingsDecrypter decrypter;

  SettingsServers(Settings settings, SettingsDecrypter decrypter) {
    this.settings = settings;
    this.decrypter = decrypter;
  }

  /**
   * The account of server {@code id}; empty when no id is configured.
   *
   * @param where the setting that named the server, e.g. {@code <serverId> / -Dbeelms.tag.serverId}
   * @param fallback what is used when the setting is left empty, for the error message
   * @throws IllegalArgumentException when the server is missing or cannot be decrypted
   */
  Optional<Account> account(String id, String where, String fallback) {
    return server(id, where, fallback)
        .map(server -> new Account(id.trim(), server.getUsername(), server.getPassword()));
  }

  /** The decrypted {@code <server>} {@code id}; empty when no id is configured. */
  private Optional<Server> server(String id, String where, String fallback) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    String trimmed = id.trim();
    Server server = settings == null ? null : settings.getServer(trimmed);
    if (server == null) {
      throw new IllegalArgumentException(
          where + " names server '" + trimmed + "', which is not in settings.xml; add <server><id>"
              + trimmed + "</id><username>…</username><password>…</password></server> to"
              + " ~/.m2/settings.xml (or the file given with -s), or leave the setting empty to use "
              + fallback);
    }
    SettingsDecryptionResult result =
        decrypter == null
            ? null
            : decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    if (result != null) {
      for (SettingsProblem problem : result.getProblems()) {
        if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
          throw new IllegalArgumentException(
              "cannot decrypt the password of server '" + trimmed + "' in settings.xml (" + where
                  + "): " + problem.getMessage() + "; check ~/.m2/settings-security.xml");
        }
      }
    }
    return Optional.of(result == null ? server : result.getServer());
  }

  /**
   * The signing key: the server named by {@code signingKeyServerId} ({@code <privateKey>}: the PEM
   * file, {@code <passphrase>}: its password, decrypted as Maven does), else {@code
   * BEELMS_SIGNING_KEY} (the PEM itself or a path to it) with {@code BEELMS_SIGNING_KEY_PASSWORD};
   * empty when neither is set.
   */
  Optional<org.beelms.plugin.supplychain.SigningKey> signingKey(String serverId, java.util.Map<String, String> env) {
    String where = "<signingKeyServerId> / -Dbeelms.attest.signingKeyServerId";
    Optional<Server> server = server(serverId, where, "BEELMS_SIGNING_KEY and BEELMS_SIGNING_KEY_PASSWORD");
    if (server.isPresent()) {
      String source = "settings.xml server '" + serverId.trim() + "'";
      String file = server.get().getPrivateKey();
      if (file == null || file.isBlank()) {
        throw new IllegalArgumentException(source + " (" + where + ") has no <privateKey>; give the path of the"
            + " password-protected PEM there and its password as <passphrase>");
      }
      String passphrase = server.get().getPassphrase();
      return Optional.of(org.beelms.plugin.supplychain.SigningKey.read(readKeyFile(file.trim(), source),
          passphrase == null ? new char[0] : passphrase.toCharArray(), source));
    }
    String fromEnv = env.get("BEELMS_SIGNING_KEY");
    if (fromEnv == null || fromEnv.isBlank()) {
      return Optional.empty();
    }
    String source = "BEELMS_SIGNING_KEY";
    String pem;
    try {
      pem = fromEnv.contains("-----BEGIN") ? fromEnv : java.nio.file.Files.readString(java.nio.file.Path.of(fromEnv.trim()));
    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
      // The value is not echoed: it may be a mangled key.
      throw new IllegalArgumentException(source + " is neither a PEM (-----BEGIN ENCRYPTED PRIVATE KEY-----)"
          + " nor the path of a readable file; give the key's PEM text or its path", null);
    }
    String password = env.getOrDefault("BEELMS_SIGNING_KEY_PASSWORD", "");
    return Optional.of(org.beelms.plugin.supplychain.SigningKey.read(pem, password.toCharArray(), source));
  }

  private static String readKeyFile(String file, String source) {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of(file));
    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(source + " names the key file " + file + ", which cannot be read ("
          + e.getClass().getSimpleName() + "); check the path", e);
    }
  }

  /**
   * Registry credentials: the server named by {@code registryServerId}, else the
   * {@code BEELMS_REGISTRY_USERNAME}/{@code BEELMS_REGISTRY_PASSWORD} environment variables.
   */
  Optional<RegistryCredentials> registry(String registryServerId) {
    Optional<Account> account =
        fullAccount(
            registryServerId,
            "<registryServerId> / -Dbeelms.image.registryServerId",
            "BEELMS_REGISTRY_USERNAME/BEELMS_REGISTRY_PASSWORD");
    if (account.isPresent()) {
      return Optional.of(
          RegistryCredentials.fromServer(
              account.get().id(), account.get().username(), account.get().password()));
    }
    return RegistryCredentials.fromEnvironment(System.getenv());
  }

  /**
   * Git credentials for a remote: the server named by {@code gitServerId} ({@code
   * -Dbeelms.tag.serverId}), else {@code BEELMS_GIT_USERNAME}/{@code BEELMS_GIT_PASSWORD}.
   */
  Optional<GitCredentials> git(String gitServerId) {
    String where = "<serverId> / -Dbeelms.tag.serverId";
    Optional<Account> account =
        account(gitServerId, where, GitCredentials.ENV_USERNAME + "/" + GitCredentials.ENV_PASSWORD);
    if (account.isEmpty()) {
      return GitCredentials.fromEnvironment(System.getenv());
    }
    Account server = account.get();
    if (server.username().isEmpty()) {
      throw new IllegalArgumentException(
          "settings.xml server '" + server.id() + "' (" + where + ") has no <username>; add it"
              + " (for a token, the user name your git host expects, e.g. x-access-token) with"
              + " the token as <password>");
    }
    return Optional.of(
        new GitCredentials(
            server.username(), server.password(), "settings.xml server '" + server.id() + "'"));
  }

  /** A smoke or admin account of an environment, from the server its {@code <element>} names. */
  Optional<Credentials> environmentAccount(String id, String environment, String element) {
    String where = "<environments>/<environment> '" + environment + "' <" + element + ">";
    return fullAccount(id, where, "BEELMS_SMOKE_* environment variables")
        .map(a -> new Credentials(a.username(), a.password()));
  }

  /** As {@link #account}, but both username and password are required. */
  Optional<Account> fullAccount(String id, String where, String fallback) {
    Optional<Account> account = account(id, where, fallback);
    account.ifPresent(
        a -> {
          if (a.username().isEmpty() || a.password().isEmpty()) {
            throw new IllegalArgumentException(
                "server '" + a.id() + "' in settings.xml (" + where + ") needs both <username>"
                    + " and <password>");
          }
        });
    return account;
  }
}
