package org.beelms.plugin.mojo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.Settings;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseVersion;
import org.beelms.plugin.supplychain.AttestGate;
import org.beelms.plugin.supplychain.AttestSettings;
import org.beelms.plugin.supplychain.CommitFiles;
import org.beelms.plugin.supplychain.Sbom;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Supply chain of the release image: its CycloneDX SBOM (npm production packages of the released
 * commit's lockfiles, the Java runtime classpath of a Java image), SLSA provenance and, with a
 * signing key, a cosign-style signature and a signed attestation, pushed next to the image.
 * {@code release-candidate} runs it right after {@code image}.
 */
@Mojo(
    name = "attest",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class AttestMojo extends AbstractBeelmsMojo {

  /** Parameter names whose values never enter the provenance. */
  private static final Pattern SECRET = Pattern.compile("(?i).*(password|passphrase|secret|token|credential|privatekey|command).*");

  /**
   * The npm lockfiles of the image, paths in the repository read at the released commit (e.g.
   * {@code be/package-lock.json}). Default: {@code package-lock.json} at the root, and the one
   * beside each folder of {@code extraDirectories} (e.g. {@code be/node_modules:/app/node_modules}
   * gives {@code be/package-lock.json}).
   */
  @Parameter(property = "beelms.attest.lockfiles")
  private List<String> lockfiles;

  /**
   * The settings.xml {@code <server>} whose {@code <privateKey>} is the signing key's file (an
   * ECDSA P-256 PEM, password-protected) and {@code <passphrase>} its password. Without it,
   * {@code BEELMS_SIGNING_KEY} (the PEM or its path) and {@code BEELMS_SIGNING_KEY_PASSWORD}.
   */
  @Parameter(property = "beelms.attest.signingKeyServerId")
  private String signingKeyServerId;

  /** The image goal's Java main class: a Java image's runtime classpath goes into the SBOM. */
  @Parameter(property = "beelms.image.mainClass")
  private String mainClass;

  /** The image goal's adopt mode: the SBOM then lists only the released commit's lockfiles. */
  @Parameter(property = "beelms.image.adopt")
  private String adopt;

  /** The image goal's extra directories, for the default lockfiles. */
  @Parameter(property = "beelms.image.extraDirectories")
  private List<String> extraDirectories;

  /** The source repository, recorded in the provenance. */
  @Parameter(property = "beelms.image.source", defaultValue = "${project.scm.url}")
  private String source;

  /** Plain HTTP to the registry (loopback registries only). */
  @Parameter(property = "beelms.image.allowInsecureRegistries", defaultValue = "false")
  private boolean allowInsecureRegistries;

  /** The settings.xml server with the registry's credentials. */
  @Parameter(property = "beelms.image.registryServerId")
  private String registryServerId;

  /** On a SNAPSHOT, the version the commits call for (as every goal). */
  @Parameter(property = "beelms.deriveVersion", defaultValue = "false")
  private boolean deriveVersion;

  /** Write the files, push nothing. */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Skip the SBOM, provenance and signature. */
  @Parameter(property = "beelms.skip.attest", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  private PluginDescriptor plugin;

  @org.apache.maven.plugins.annotations.Component
  private org.apache.maven.settings.crypto.SettingsDecrypter settingsDecrypter;

  @Override
  protected String goal() {
    return AttestGate.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    return List.of(new AttestGate(settings(), Clock.systemUTC()));
  }

  AttestSettings settings() {
    try (ReleaseHistory history = ReleaseHistory.open(project.getBasedir().toPath())) {
      RevCommit head = history.head().orElseThrow(() ->
          new IllegalArgumentException("the repository has no commit to release"));
      String version = ReleaseVersion.resolve(projectVersion(), deriveVersion, history).toString();
      CommitFiles files = new CommitFiles(history.repository(), head.getName());
      String basePath = history.gitPath(project.getBasedir().toPath());
      Map<String, byte[]> locks = new LinkedHashMap<>();
      List<String> configured = nonNull(lockfiles);
      for (String lockfile : configured.isEmpty() ? defaultLockfiles() : configured) {
        String gitPath = join(basePath, lockfile);
        Optional<byte[]> bytes = files.read(gitPath);
        if (bytes.isPresent()) {
          locks.put(gitPath, bytes.get());
        } else if (!configured.isEmpty()) {
          throw new IllegalArgumentException("<lockfiles> / -Dbeelms.attest.lockfiles names " + lockfile
              + ", which is not in commit " + head.getName().substring(0, 7) + "; commit the lockfile or fix the path");
        }
      }
      return new AttestSettings(
          outputDirectory.toPath(),
          version,
          head.getName(),
          Instant.ofEpochSecond(head.getCommitTime()),
          locks,
          javaClasspath(),
          plugin == null ? "unknown" : plugin.getVersion(),
          new AttestSettings.BuildDefinition(source, pluginSettings()),
          new SettingsServers(settings, settingsDecrypter).signingKey(signingKeyServerId, System.getenv()),
          new SettingsServers(settings, settingsDecrypter).registry(registryServerId),
          allowInsecureRegistries,
          dryRun);
    }
  }

  /** {@code package-lock.json}, and the one beside each extra directory's top folder. */
  private List<String> defaultLockfiles() {
    List<String> defaults = new ArrayList<>(List.of("package-lock.json"));
    for (String entry : nonNull(extraDirectories)) {
      String local = entry.contains(":") ? entry.substring(0, entry.indexOf(':')) : entry;
      int slash = local.indexOf('/');
      if (slash > 0) {
        String candidate = local.substring(0, slash) + "/package-lock.json";
        if (!defaults.contains(candidate)) {
          defaults.add(candidate);
        }
      }
    }
    return defaults;
  }

  /** The runtime jars of a Jib-built Java image (what {@code image} puts in {@code /app/libs}). */
  private List<Sbom.JavaComponent> javaClasspath() {
    if (mainClass == null || mainClass.isBlank() || (adopt != null && !adopt.isBlank())) {
      return List.of();
    }
    List<Sbom.JavaComponent> jars = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (artifact.getFile() == null || !artifact.getArtifactHandler().isAddedToClasspath()) {
        continue;
      }
      try {
        jars.add(new Sbom.JavaComponent(artifact.getGroupId(), artifact.getArtifactId(), artifact.getBaseVersion(),
            CommitFiles.sha256Hex(Files.readAllBytes(artifact.getFile().toPath()))));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + artifact.getFile() + " for the SBOM", e);
      }
    }
    return jars;
  }

  /** This plugin's effective {@code <configuration>} in the pom, flattened; secrets left out. */
  private Map<String, String> pluginSettings() {
    Map<String, String> out = new TreeMap<>();
    for (Plugin p : project.getBuildPlugins()) {
      if ("beelms-release-maven-plugin".equals(p.getArtifactId()) && p.getConfiguration() instanceof Xpp3Dom dom) {
        flatten(dom, "", out);
      }
    }
    return out;
  }

  private static void flatten(Xpp3Dom dom, String prefix, Map<String, String> out) {
    for (Xpp3Dom child : dom.getChildren()) {
      String key = prefix.isEmpty() ? child.getName() : prefix + "." + child.getName();
      if (SECRET.matcher(child.getName()).matches()) {
        continue;
      }
      if (child.getChildCount() > 0) {
        int index = 0;
        for (Xpp3Dom grandChild : child.getChildren()) {
          // Lists repeat the element name; give each its index so none is lost.
          String childKey = key + "." + grandChild.getName()
              + (child.getChildren(grandChild.getName()).length > 1 ? "[" + index++ + "]" : "");
          if (SECRET.matcher(grandChild.getName()).matches()) {
            continue;
          }
          if (grandChild.getChildCount() > 0) {
            flatten(grandChild, childKey, out);
          } else if (grandChild.getValue() != null) {
            out.put(childKey, grandChild.getValue().trim());
          }
        }
      } else if (child.getValue() != null) {
        out.put(key, child.getValue().trim());
      }
    }
  }

  private static String join(String base, String path) {
    String clean = path.trim().replace('\\', '/');
    return base.isEmpty() || base.equals(".") ? clean : base + "/" + clean;
  }

  private static List<String> nonNull(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
  }
}
