package org.beelms.plugin.mojo;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.settings.Settings;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseVersion;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.image.AdoptSettings;
import org.beelms.plugin.image.AdoptSource;
import org.beelms.plugin.image.BaseImage;
import org.beelms.plugin.image.ContainerConfig;
import org.beelms.plugin.image.ExtraDirectory;
import org.beelms.plugin.image.ImageGate;
import org.beelms.plugin.image.ImageSettings;
import org.beelms.plugin.image.JavaLayers;
import org.beelms.plugin.image.RegistryCredentials;
import org.beelms.plugin.image.TargetKind;

/**
 * Release plan 2.3, the container image: builds it daemonless with Jib, tagged with the release
 * tag ({@code v0.1.0}) and the short commit SHA, to a tarball (the offline default), a registry
 * or a Docker engine, and writes its digest to {@code target/beelms-release/image.json}.
 */
@Mojo(
    name = "image",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class ImageMojo extends AbstractBeelmsMojo {

  /**
   * The base image: {@code scratch}, {@code tar:/path/base.tar} (an image tarball), or a registry
   * image such as {@code eclipse-temurin:17-jre} or {@code 127.0.0.1:5000/base/jre:17}.
   */
  @Parameter(property = "beelms.image.from", defaultValue = BaseImage.DEFAULT)
  private String from;

  /**
   * Adopt mode: instead of building, give this image built elsewhere the release tags in {@code
   * image}'s repository, unchanged (same digest): a registry reference with a tag or digest (the
   * CI image, in the same registry as {@code image}) or {@code tar:/path/image.tar} ({@code docker
   * save}, an OCI archive or an OCI layout folder). Its revision label must be the released
   * commit.
   */
  @Parameter(property = "beelms.image.adopt")
  private String adopt;

  /**
   * Adopt mode only: why an image without an {@code org.opencontainers.image.revision} label may
   * be released anyway. Without it such an image is refused; the reason is recorded in the
   * release record and notes as "revision not verified: <reason>".
   */
  @Parameter(property = "beelms.image.allowUnlabelled")
  private String allowUnlabelled;

  /** Where the image goes: {@code tar}, {@code registry} or {@code docker}. */
  @Parameter(property = "beelms.image.to", defaultValue = "tar")
  private String to;

  /** The image repository without a tag, e.g. {@code 127.0.0.1:5000/beelms/core}. */
  @Parameter(property = "beelms.image.image", defaultValue = "beelms/${project.artifactId}")
  private String image;

  /** The tarball written when {@code to} is {@code tar}. */
  @Parameter(
      property = "beelms.image.tarPath",
      defaultValue = "${project.build.directory}/beelms-release/image.tar")
  private File tarPath;

  /**
   * The Java main class. When set, the project's runtime dependencies, resources and classes
   * become the layers jib-maven-plugin uses; leave it empty for a project that is not Java and
   * give {@code extraDirectories} and {@code entrypoint} instead.
   */
  @Parameter(property = "beelms.image.mainClass")
  private String mainClass;

  /** Flags for {@code java} before the main class, e.g. {@code -Xmx256m}. */
  @Parameter(property = "beelms.image.jvmFlags")
  private List<String> jvmFlags;

  /**
   * Folders added as layers, each {@code folder:/container/path} with the folder relative to the
   * project, e.g. {@code dist:/app} for a Node build.
   */
  @Parameter(property = "beelms.image.extraDirectories")
  private List<String> extraDirectories;

  /**
   * The container's entrypoint, one element per entry (e.g. {@code node}, {@code /app/main.js}).
   * Required without {@code mainClass}; replaces the Java entrypoint when given with it.
   */
  @Parameter(property = "beelms.image.entrypoint")
  private List<String> entrypoint;

  /** The container's working directory, e.g. {@code /app}. */
  @Parameter(property = "beelms.image.workingDirectory")
  private String workingDirectory;

  /** Environment variables of the container, e.g. {@code <NODE_ENV>production</NODE_ENV>}. */
  @Parameter
  private java.util.Map<String, String> environment;

  /** TCP ports the container exposes, e.g. {@code 3000}. */
  @Parameter(property = "beelms.image.exposedPorts")
  private List<String> exposedPorts;

  /** The user the container runs as, e.g. {@code node} or {@code 1000:1000}. */
  @Parameter(property = "beelms.image.user")
  private String user;

  /**
   * Extra image labels. The OCI labels revision (the commit), version, source and created (the
   * commit time) are always set; these are added and win.
   */
  @Parameter
  private java.util.Map<String, String> labels;

  /** The {@code org.opencontainers.image.source} label: where the source lives. */
  @Parameter(property = "beelms.image.source", defaultValue = "${project.scm.url}")
  private String source;

  /**
   * Allow plain HTTP (or an unverified certificate) to the registries, e.g. a registry on
   * 127.0.0.1. Never enable it for a registry reached over a network.
   */
  @Parameter(property = "beelms.image.allowInsecureRegistries", defaultValue = "false")
  private boolean allowInsecureRegistries;

  /**
   * The {@code <server>} id in settings.xml with the registry's username and password. Without
   * it the environment variables {@code BEELMS_REGISTRY_USERNAME} and {@code
   * BEELMS_REGISTRY_PASSWORD} are used when set.
   */
  @Parameter(property = "beelms.image.registryServerId")
  private String registryServerId;

  /**
   * When the project version is a SNAPSHOT, tag the next patch version after the newest {@code
   * v*} tag instead of failing.
   */
  @Parameter(property = "beelms.deriveVersion", defaultValue = "false")
  private boolean deriveVersion;

  /** Jib's cache of application layers. */
  @Parameter(
      property = "beelms.image.cacheDirectory",
      defaultValue = "${project.build.directory}/beelms-release/jib-cache")
  private File cacheDirectory;

  /** Skip the image build. */
  @Parameter(property = "beelms.skip.image", defaultValue = "false")
  private boolean skip;

  /**
   * Build everything but push nothing: a registry target is written to {@code tarPath} instead,
   * and the log says where it would have gone.
   */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** The user's settings.xml, for the {@code <server>} named by {@code registryServerId}. */
  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @org.apache.maven.plugins.annotations.Component
  private org.apache.maven.settings.crypto.SettingsDecrypter settingsDecrypter;

  @Override
  protected String goal() {
    return "image";
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    if (adopt != null && !adopt.isBlank()) {
      return List.of(new ImageGate(adoptSettings(), dryRun));
    }
    return List.of(new ImageGate(settings()));
  }

  AdoptSettings adoptSettings() {
    try (ReleaseHistory history = ReleaseHistory.open(project.getBasedir().toPath())) {
      String commit = history.head().map(c -> c.getName()).orElseThrow(() ->
          new IllegalArgumentException("the repository has no commit to release"));
      return new AdoptSettings(
          AdoptSource.parse(adopt, "<adopt> / -Dbeelms.image.adopt"),
          image,
          releaseTags(history),
          commit,
          credentials(),
          allowInsecureRegistries,
          outputDirectory.toPath(),
          Optional.ofNullable(allowUnlabelled));
    }
  }

  private List<String> releaseTags(ReleaseHistory history) {
    List<String> tags = new ArrayList<>();
    SemanticVersion version = ReleaseVersion.resolve(projectVersion(), deriveVersion, history);
    tags.add(version.tagName());
    history.head().ifPresent(commit -> tags.add(commit.getName().substring(0, 7)));
    return tags;
  }

  ImageSettings settings() {
    Path basedir = project.getBasedir().toPath();
    List<String> tags;
    ContainerConfig container;
    try (ReleaseHistory history = ReleaseHistory.open(basedir)) {
      tags = releaseTags(history);
      container = container(history, tags.get(0));
    }
    List<ExtraDirectory> extras = new ArrayList<>();
    for (String entry : nonNull(extraDirectories)) {
      extras.add(
          ExtraDirectory.parse(entry, basedir, "<extraDirectories> / -Dbeelms.image.extraDirectories"));
    }
    return new ImageSettings(
        image,
        tags,
        BaseImage.parse(from, "<from> / -Dbeelms.image.from"),
        target(),
        tarPath.toPath(),
        javaLayers(),
        extras,
        nonNull(entrypoint),
        credentials(),
        allowInsecureRegistries,
        outputDirectory.toPath(),
        cacheDirectory.toPath(),
        Optional.empty(),
        container);
  }

  /** Working directory, environment, ports, user, and the OCI labels of the released commit. */
  private ContainerConfig container(ReleaseHistory history, String releaseTag) {
    Map<String, String> allLabels = labels == null ? Map.of() : labels;
    Optional<java.time.Instant> created = Optional.empty();
    var head = history.head();
    if (head.isPresent()) {
      java.time.Instant commitTime = java.time.Instant.ofEpochSecond(head.get().getCommitTime());
      created = Optional.of(commitTime);
      allLabels = ContainerConfig.releaseLabels(head.get().getName(), releaseTag.substring(1),
          Optional.ofNullable(source), commitTime, allLabels);
    }
    List<Integer> ports = new ArrayList<>();
    for (String port : nonNull(exposedPorts)) {
      try {
        ports.add(Integer.parseInt(port));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "<exposedPorts> / -Dbeelms.image.exposedPorts has '" + port + "', not a port number (e.g. 3000)");
      }
    }
    return new ContainerConfig(
        Optional.ofNullable(workingDirectory).filter(w -> !w.isBlank()).map(String::trim),
        environment == null ? Map.of() : environment,
        ports,
        Optional.ofNullable(user).filter(u -> !u.isBlank()).map(String::trim),
        allLabels,
        created);
  }

  private TargetKind target() {
    TargetKind kind = TargetKind.parse(to, "<to> / -Dbeelms.image.to");
    if (dryRun && kind != TargetKind.TAR) {
      getLog().info("Dry run: building " + image + " to " + tarPath + " instead of pushing it to the "
          + kind.name().toLowerCase(java.util.Locale.ROOT));
      return TargetKind.TAR;
    }
    return kind;
  }

  private Optional<JavaLayers> javaLayers() {
    if (mainClass == null || mainClass.isBlank()) {
      return Optional.empty();
    }
    List<Path> releases = new ArrayList<>();
    List<Path> snapshots = new ArrayList<>();
    for (Artifact artifact : project.getArtifacts()) {
      if (artifact.getFile() == null || !artifact.getArtifactHandler().isAddedToClasspath()) {
        continue;
      }
      (artifact.isSnapshot() ? snapshots : releases).add(artifact.getFile().toPath());
    }
    Path output = Path.of(project.getBuild().getOutputDirectory());
    return Optional.of(
        new JavaLayers(
            releases, snapshots, List.of(output), List.of(output), mainClass.trim(), nonNull(jvmFlags)));
  }

  private Optional<RegistryCredentials> credentials() {
    return new SettingsServers(settings, settingsDecrypter).registry(registryServerId);
  }

  private static List<String> nonNull(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).toList();
  }
}
