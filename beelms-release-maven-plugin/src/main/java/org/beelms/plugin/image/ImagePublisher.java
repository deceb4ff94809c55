package org.beelms.plugin.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.JavaContainerBuilder;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.http.ResponseException;
import com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.beelms.plugin.gate.ReleaseListener;

/**
 * Builds the release image daemonless with jib-core and sends it to a tarball, a registry or a
 * Docker engine, under every tag of {@link ImageSettings#tags()}.
 *
 * <p>Reproducible by construction: Jib's creation time is the epoch and every file gets Jib's
 * fixed modification time, so the same inputs give the same digest.
 */
public final class ImagePublisher {

  /** The name used for progress events and the gate. */
  public static final String NAME = "image";

  /** Where Java applications live in the image (jib-maven-plugin's default). */
  public static final String APP_ROOT = JavaContainerBuilder.DEFAULT_APP_ROOT;

  /** The Docker engine's default socket. */
  static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  /** Bound of reading what an existing release tag points at. */
  private static final Duration TAG_READ_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");

  private final ImageSettings settings;
  private final ReleaseListener listener;
  private final Map<String, String> environment;
  private final Path dockerSocket;

  public ImagePublisher(ImageSettings settings, ReleaseListener listener) {
    this(settings, listener, System.getenv(), DOCKER_SOCKET);
  }

  /**
   * @param environment where {@code DOCKER_HOST} is looked up
   * @param dockerSocket the socket whose presence means a local Docker engine
   */
  ImagePublisher(
      ImageSettings settings,
      ReleaseListener listener,
      Map<String, String> environment,
      Path dockerSocket) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.environment = Objects.requireNonNull(environment, "environment");
    this.dockerSocket = Objects.requireNonNull(dockerSocket, "dockerSocket");
  }

  /**
   * Builds and sends the image.
   *
   * @return what was built, with its digest
   * @throws ImageException when the build or the transfer failed, saying what to do
   */
  public ImageResult publish() throws ImageException {
    preflight();
    refuseToMoveReleaseTags();
    Containerizer containerizer = containerizer();
    JibContainerBuilder builder = containerBuilder();
    listener.progress(
        NAME,
        "building "
            + String.join(", ", settings.tags().stream().map(t -> settings.image() + ":" + t).toList())
            + " on "
            + settings.from().describe()
            + " to "
            + describeTarget());
    JibContainer container;
    try {
      container = builder.containerize(containerizer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("the image build was interrupted", e);
    } catch (Exception e) {
      throw translate(e);
    }
    ImageResult result =
        new ImageResult(
            settings.image(),
            settings.tags(),
            container.getDigest().toString(),
            container.getImageId().toString(),
            settings.to(),
            describeTarget(),
            settings.from().describe());
    listener.progress(NAME, "built " + result.reference() + " (" + describeTarget() + ")");
    return result;
  }

  /**
   * Checks that the registries involved answer before Jib starts: Jib retries a refused
   * connection or a TLS error with back-off for about a minute before it reports it.
   */
  private void preflight() throws ImageException {
    Set<String> registries = new LinkedHashSet<>();
    if (settings.from() instanceof BaseImage.Registry base) {
      registries.add(base.registry());
    }
    if (settings.to() == TargetKind.REGISTRY) {
      registries.add(settings.registry());
    }
    if (registries.isEmpty()) {
      return;
    }
    ManifestCopy probe =
        new ManifestCopy(
            settings.credentials(), settings.allowInsecureRegistries(), PROBE_TIMEOUT, PROBE_TIMEOUT);
    for (String registry : registries) {
      try {
        probe.endpoint(registry);
      } catch (ImageException e) {
        throw withSetting(registry, e);
      }
    }
  }

  /**
   * A probe's host error reworded with the setting the host came from ({@code <from>} for the
   * base's registry): the probe itself only knows registries by name.
   */
  private ImageException withSetting(String registry, ImageException e) {
    String setting = settingOf(registry);
    if (ImageSuggestions.IMAGE_SETTING.equals(setting)) {
      return e;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
        return new ImageException(ImageSuggestions.unknownHost(registry, setting), e);
      }
      if (t instanceof ConnectException) {
        return new ImageException(ImageSuggestions.connectionRefused(registry, setting), e);
      }
    }
    return e;
  }

  /**
   * A release tag that already exists in the target registry is never moved to another digest
   * (as adopt mode refuses): a forgotten version bump must not overwrite {@code :v<version>} of
   * the release that is deployed, and {@code :<sha>} names one commit's image, so a rebuild of
   * the same commit that gives other bytes (a base image or dependency changed outside git) must
   * not silently replace what was tested under that name either. When a tag exists, the image is
   * first built to a tarball (nothing leaves the machine), its digest, which Jib computes the
   * same way for every target, compared with the tag's; only equal digests (a re-run) continue.
   * A registry that cannot say what a tag points at stops the build: the check fails closed.
   */
  private void refuseToMoveReleaseTags() throws ImageException {
    if (settings.to() != TargetKind.REGISTRY) {
      return;
    }
    ManifestCopy registry =
        new ManifestCopy(
            settings.credentials(), settings.allowInsecureRegistries(), PROBE_TIMEOUT, TAG_READ_TIMEOUT);
    Map<String, String> existing = new java.util.LinkedHashMap<>();
    for (String tag : settings.tags()) {
      String reference = settings.reference(tag).toString();
      try {
        registry.digestOf(reference).ifPresent(digest -> existing.put(tag, digest));
      } catch (ImageException e) {
        throw new ImageException(
            "cannot read what " + reference + " points at before pushing (" + e.getMessage()
                + "); nothing was pushed: a release tag is pushed only when it is known not to move", e);
      }
    }
    if (existing.isEmpty()) {
      return;
    }
    listener.progress(NAME, "the registry already has " + String.join(", ", existing.keySet().stream()
        .map(t -> ":" + t).toList()) + "; building to a tarball first to compare digests");
    String built = digestWithoutPushing();
    for (Map.Entry<String, String> tag : existing.entrySet()) {
      if (!tag.getValue().equals(built)) {
        throw new ImageException(ImageSuggestions.releaseTagWouldMove(
            settings.reference(tag.getKey()).toString(), tag.getKey().equals(settings.tags().get(0)),
            tag.getValue(), built), null);
      }
    }
    listener.progress(NAME, "same digest " + built + " as the registry's; re-pushing moves no tag");
  }

  /** The digest this build gives, from a tarball build in a scratch folder. */
  private String digestWithoutPushing() throws ImageException {
    Path scratch = settings.outputDirectory().resolve("image-compare");
    try {
      Containerizer tar = configure(Containerizer.to(
          TarImage.at(scratch.resolve("image.tar")).named(settings.reference(settings.tags().get(0)))));
      createParent(scratch.resolve("image.tar"));
      return containerBuilder().containerize(tar).getDigest().toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageException("the image build was interrupted", e);
    } catch (ImageException e) {
      throw e;
    } catch (Exception e) {
      throw translate(e);
    } finally {
      try {
        Files.deleteIfExists(scratch.resolve("image.tar"));
      } catch (IOException e) {
        // a leftover under target/ is harmless
      }
    }
  }

  /** True when a Docker engine can be reached: {@code DOCKER_HOST} is set or the socket exists. */
  private boolean dockerEngineAvailable() {
    String host = environment.get("DOCKER_HOST");
    return (host != null && !host.isBlank()) || Files.exists(dockerSocket);
  }

  private String describeTarget() {
    return switch (settings.to()) {
      case TAR -> settings.tarPath().toString();
      case REGISTRY -> settings.reference(settings.tags().get(0)).toString();
      case DOCKER -> "docker daemon " + settings.reference(settings.tags().get(0));
    };
  }

  private Containerizer containerizer() throws ImageException {
    ImageReference primary = settings.reference(settings.tags().get(0));
    Containerizer containerizer =
        switch (settings.to()) {
          case TAR -> {
            createParent(settings.tarPath());
            yield Containerizer.to(TarImage.at(settings.tarPath()).named(primary));
          }
          case REGISTRY -> {
            RegistryImage target = RegistryImage.named(primary);
            settings.credentials().ifPresent(c -> target.addCredential(c.username(), c.password()));
            yield Containerizer.to(target);
          }
          case DOCKER -> {
            if (!dockerEngineAvailable()) {
              throw new ImageException(ImageSuggestions.noDockerEngine(), null);
            }
            yield Containerizer.to(DockerDaemonImage.named(primary));
          }
        };
    for (String tag : settings.tags().subList(1, settings.tags().size())) {
      containerizer.withAdditionalTag(tag);
    }
    return configure(containerizer);
  }

  /** The settings every containerizer of this build shares: registries, caches, log. */
  private Containerizer configure(Containerizer containerizer) {
    containerizer
        .setAllowInsecureRegistries(settings.allowInsecureRegistries())
        .setToolName("beelms-release")
        .setApplicationLayersCache(settings.applicationCache())
        .addEventHandler(LogEvent.class, this::forward);
    settings.baseImageCache().ifPresent(containerizer::setBaseImageLayersCache);
    return containerizer;
  }

  private void forward(LogEvent event) {
    switch (event.getLevel()) {
      case ERROR, WARN, LIFECYCLE -> {
        String message = ANSI.matcher(event.getMessage()).replaceAll("").strip();
        if (!message.isEmpty()) {
          listener.progress(NAME, message);
        }
      }
      default -> {
        // progress bars, info and debug lines stay out of the build log
      }
    }
  }

  private JibContainerBuilder containerBuilder() throws ImageException {
    try {
      JibContainerBuilder builder =
          settings.java().isPresent() ? javaBuilder(settings.java().get()) : plainBuilder();
      for (ExtraDirectory extra : settings.extraDirectories()) {
        builder.addFileEntriesLayer(
            FileEntriesLayer.builder()
                .setName("extra files " + extra.containerPath())
                .addEntryRecursive(extra.source(), AbsoluteUnixPath.get(extra.containerPath()))
                .build());
      }
      if (!settings.entrypoint().isEmpty()) {
        builder.setEntrypoint(settings.entrypoint());
      }
      ContainerConfig container = settings.container();
      container.workingDirectory().ifPresent(dir -> builder.setWorkingDirectory(AbsoluteUnixPath.get(dir)));
      container.environment().forEach(builder::addEnvironmentVariable);
      container.exposedPorts().forEach(port -> builder.addExposedPort(Port.tcp(port)));
      container.user().ifPresent(builder::setUser);
      container.labels().forEach(builder::addLabel);
      container.creationTime().ifPresent(builder::setCreationTime);
      return builder;
    } catch (IOException e) {
      throw new ImageException("cannot read the files for the image layers: " + e.getMessage(), e);
    }
  }

  private JibContainerBuilder plainBuilder() {
    BaseImage from = settings.from();
    if (from instanceof BaseImage.Scratch) {
      return Jib.fromScratch();
    }
    if (from instanceof BaseImage.Tar tar) {
      return Jib.from(TarImage.at(tar.file()));
    }
    return Jib.from(baseRegistryImage((BaseImage.Registry) from));
  }

  private JibContainerBuilder javaBuilder(JavaLayers java) throws IOException {
    BaseImage from = settings.from();
    JavaContainerBuilder builder;
    if (from instanceof BaseImage.Scratch) {
      builder = JavaContainerBuilder.from(ImageReference.scratch());
    } else if (from instanceof BaseImage.Tar tar) {
      builder = JavaContainerBuilder.from(TarImage.at(tar.file()));
    } else {
      builder = JavaContainerBuilder.from(baseRegistryImage((BaseImage.Registry) from));
    }
    builder.setAppRoot(APP_ROOT);
    List<Path> dependencies = existing(java.dependencies());
    if (!dependencies.isEmpty()) {
      builder.addDependencies(dependencies);
    }
    List<Path> snapshots = existing(java.snapshotDependencies());
    if (!snapshots.isEmpty()) {
      builder.addSnapshotDependencies(snapshots);
    }
    Predicate<Path> isClass = path -> path.getFileName().toString().endsWith(".class");
    for (Path dir : existingDirectories(java.resources())) {
      builder.addResources(dir, isClass.negate());
    }
    for (Path dir : existingDirectories(java.classes())) {
      builder.addClasses(dir, isClass);
    }
    builder.addJvmFlags(java.jvmFlags());
    builder.setMainClass(java.mainClass());
    return builder.toContainerBuilder();
  }

  private RegistryImage baseRegistryImage(BaseImage.Registry base) {
    try {
      RegistryImage image = RegistryImage.named(base.reference());
      if (base.registry().equals(settings.registry())) {
        settings.credentials().ifPresent(c -> image.addCredential(c.username(), c.password()));
      }
      return image;
    } catch (InvalidImageReferenceException e) {
      throw new IllegalStateException("validated by BaseImage.parse", e);
    }
  }

  private static List<Path> existing(List<Path> files) {
    return files.stream().filter(Files::isRegularFile).toList();
  }

  private static List<Path> existingDirectories(List<Path> dirs) {
    return dirs.stream().filter(Files::isDirectory).distinct().toList();
  }

  private static void createParent(Path file) throws ImageException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new ImageException("cannot create the folder for the image tarball " + file, e);
    }
  }

  /** Turns Jib's exceptions into one {@link ImageException} that names the next step. */
  private ImageException translate(Exception failure) {
    Throwable e = failure instanceof ExecutionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
    String registry = settings.to() == TargetKind.REGISTRY ? settings.registry() : baseRegistry();
    String setting = settingOf(registry);
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    for (Throwable t : chain) {
      if (t instanceof RegistryUnauthorizedException unauthorized) {
        ImageReference ref = parseOrNull(unauthorized.getImageReference());
        int status = chain.stream()
            .filter(ResponseException.class::isInstance)
            .map(c -> ((ResponseException) c).getStatusCode())
            .findFirst()
            .orElse(401);
        boolean isTarget =
            ref != null
                && ref.getRegistry().equals(settings.registry())
                && ref.getRepository().equals(settings.repository());
        String where = ref == null
            ? "registry " + unauthorized.getImageReference()
            : ImageSuggestions.where(
                ref.getRegistry(), ref.getRepository(), isTarget ? settings.tags().get(0) : "");
        return new ImageException(
            ImageSuggestions.unauthorized(where, status, settings.credentials()), status, failure);
      }
      if (t instanceof RegistryCredentialsNotSentException) {
        return new ImageException(ImageSuggestions.credentialsNotSentOverHttp(registry), 401, failure);
      }
      if (t instanceof InsecureRegistryException || t instanceof SSLException) {
        return new ImageException(ImageSuggestions.httpsRefused(registry), failure);
      }
      if (t instanceof ConnectException) {
        return new ImageException(ImageSuggestions.connectionRefused(registry, setting), failure);
      }
      if (t instanceof UnknownHostException) {
        // The unknown host is in the message: the base's registry or the target's.
        String host = String.valueOf(t.getMessage()).trim();
        String unknown = host.equals(baseRegistry()) || host.equals(settings.registry()) ? host : registry;
        return new ImageException(ImageSuggestions.unknownHost(unknown, settingOf(unknown)), failure);
      }
      if (t instanceof SocketTimeoutException) {
        return new ImageException(ImageSuggestions.timedOut(registry, "the push"), failure);
      }
    }
    return new ImageException(
        "the image build of "
            + settings.image()
            + " to "
            + describeTarget()
            + " failed: "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage(),
        failure);
  }

  /**
   * Which setting a registry host came from: the base's ({@code <from>}) when the image is not
   * pushed there, else the target's ({@code <image>}).
   */
  private String settingOf(String registry) {
    boolean target = settings.to() == TargetKind.REGISTRY && registry.equals(settings.registry());
    return !target && settings.from() instanceof BaseImage.Registry base && base.registry().equals(registry)
        ? ImageSuggestions.FROM_SETTING
        : ImageSuggestions.IMAGE_SETTING;
  }

  private String baseRegistry() {
    return settings.from() instanceof BaseImage.Registry base ? base.registry() : settings.registry();
  }

  private static ImageReference parseOrNull(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException | RuntimeException e) {
      return null;
    }
  }
}
