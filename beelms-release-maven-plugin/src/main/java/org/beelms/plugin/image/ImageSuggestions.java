package org.beelms.plugin.image;

import java.util.Optional;

/** The wording of every image and registry error: what failed, where, and the next step. */
final class ImageSuggestions {

  static final String INSECURE_SETTING =
      "<allowInsecureRegistries>true</allowInsecureRegistries> / -Dbeelms.image.allowInsecureRegistries=true";
  static final String CREDENTIAL_SETTINGS =
      "<registryServerId> / -Dbeelms.image.registryServerId (a <server> in settings.xml) or the"
          + " environment variables "
          + RegistryCredentials.ENV_USERNAME
          + "/"
          + RegistryCredentials.ENV_PASSWORD;

  private ImageSuggestions() {}

  static String where(String registry, String repository, String reference) {
    return "registry "
        + registry
        + ", repository "
        + repository
        + (reference == null || reference.isEmpty() ? "" : ", " + describeRef(reference));
  }

  private static String describeRef(String reference) {
    return reference.startsWith("sha256:") ? "digest " + reference : "tag " + reference;
  }

  static String unauthorized(
      String where, int status, Optional<RegistryCredentials> credentials) {
    String statusText = status == 403 ? "HTTP 403 Forbidden" : "HTTP 401 Unauthorized";
    return where
        + ": "
        + statusText
        + credentials
            .map(
                c ->
                    " for user '"
                        + c.username()
                        + "' from "
                        + c.source()
                        + "; check that user's password and push rights there")
            .orElse("; no credentials were given: set " + CREDENTIAL_SETTINGS);
  }

  static String notFound(String where) {
    return where
        + ": HTTP 404, the tag does not exist in the registry; check the tag (git tag -l 'v*') or"
        + " push the image first with mvn beelms:image -Dbeelms.image.to=registry";
  }

  static String unexpectedStatus(String where, String action, int status, String body) {
    return where
        + ": "
        + action
        + " answered HTTP "
        + status
        + (body.isBlank() ? "" : " (" + abbreviate(body) + ")")
        + "; check the registry's log";
  }

  /** The setting naming the registry the image goes to (and deploy copies in). */
  static final String IMAGE_SETTING = "<image> / -Dbeelms.image.image";

  /** The setting naming the base image, and so the registry it is pulled from. */
  static final String FROM_SETTING = "<from> / -Dbeelms.image.from";

  /** @param setting the setting the registry's host came from ({@link #IMAGE_SETTING}, {@link #FROM_SETTING}) */
  static String connectionRefused(String registry, String setting) {
    return "cannot connect to registry "
        + registry
        + " (connection refused): is the registry running at "
        + registry
        + "? Start it, or fix " + setting;
  }

  /** @param setting the setting the registry's host came from */
  static String unknownHost(String registry, String setting) {
    return "registry host "
        + registry
        + " (from " + setting + ") is unknown: fix " + setting + ", or check DNS and the network"
        + (FROM_SETTING.equals(setting)
            ? " (without Docker Hub, a Node base from your own registry, or tar:/path/base.tar)"
            : "");
  }

  static String timedOut(String registry, String action) {
    return "registry " + registry + " did not answer " + action + " in time: is it overloaded or firewalled?";
  }

  static String httpsRefused(String registry) {
    return "registry "
        + registry
        + " does not speak HTTPS (it looks like plain HTTP); plain HTTP is used only when"
        + " explicitly allowed: set "
        + INSECURE_SETTING
        + " for a registry you trust (e.g. on 127.0.0.1)";
  }

  static String credentialsNotSentOverHttp(String registry) {
    return "registry "
        + registry
        + " asked for credentials over plain HTTP and Jib does not send credentials without TLS;"
        + " serve the registry over HTTPS, or (loopback only) run Maven with"
        + " -DsendCredentialsOverHttp=true";
  }

  static String noDockerEngine() {
    return "<to> / -Dbeelms.image.to is docker but there is no Docker engine on this machine"
        + " (no /var/run/docker.sock and DOCKER_HOST is unset); use -Dbeelms.image.to=tar (the"
        + " offline default) or -Dbeelms.image.to=registry";
  }

  /**
   * A build would move an existing release tag: {@code :v<version>} (another release's image, a
   * forgotten version bump) or {@code :<sha>} (the same commit rebuilt to other bytes).
   */
  static String releaseTagWouldMove(String reference, boolean versionTag, String existing, String built) {
    return reference + " already points at " + existing + " in the registry, but this build gives "
        + built + "; a release tag is never moved, nothing was pushed. "
        + (versionTag
            ? "That tag is another build's release: bump the version in pom.xml and release again (if the"
                + " registry's tag is wrong, delete it there by hand first)"
            : "That tag names this commit's image: the same commit now builds other bytes (a base image,"
                + " dependency or <image> setting changed outside git); pin what changed and build again, or"
                + " release a new commit");
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }
}
