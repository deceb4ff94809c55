package org.beelms.plugin.supplychain;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.image.RegistryCredentials;

/**
 * What {@code beelms:attest} works from.
 *
 * @param outputDirectory where {@code image.json} is read and the SBOM, provenance and {@code
 *     supply-chain.json} are written
 * @param version the release version
 * @param commit the released commit (full SHA)
 * @param commitTime its commit time (the SBOM's timestamp)
 * @param lockfiles the npm lockfiles of the released commit: path in the repository → bytes
 * @param java the Java runtime classpath of a Jib-built Java image; empty otherwise
 * @param toolVersion this plugin's version (the SBOM tool, the provenance builder id)
 * @param build what built the release: repository, plugin settings (no secrets)
 * @param signingKey the key that signs; empty: nothing is signed (a warning says so)
 * @param credentials for the image's registry
 * @param allowInsecureRegistries plain HTTP to a loopback registry
 * @param dryRun write the files, push nothing
 */
public record AttestSettings(
    Path outputDirectory,
    String version,
    String commit,
    Instant commitTime,
    Map<String, byte[]> lockfiles,
    List<Sbom.JavaComponent> java,
    String toolVersion,
    BuildDefinition build,
    Optional<SigningKey> signingKey,
    Optional<RegistryCredentials> credentials,
    boolean allowInsecureRegistries,
    boolean dryRun) {

  public AttestSettings {
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(commitTime, "commitTime");
    lockfiles = Map.copyOf(lockfiles);
    java = List.copyOf(java);
    Objects.requireNonNull(build, "build");
    signingKey = signingKey == null ? Optional.empty() : signingKey;
    credentials = credentials == null ? Optional.empty() : credentials;
  }

  /**
   * The build definition's external parameters: where the source lives and the release pom's
   * effective plugin settings, secrets left out by the caller.
   *
   * @param repository the source repository URL (the pom's {@code <scm>}); empty when unknown
   * @param pluginSettings the plugin's effective {@code <configuration>}, parameter → value
   */
  public record BuildDefinition(String repository, Map<String, String> pluginSettings) {
    public BuildDefinition {
      repository = repository == null ? "" : repository;
      pluginSettings = Map.copyOf(pluginSettings);
    }
  }
}
