package org.beelms.plugin.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.ReleaseListener;

/**
 * Adopt mode of the image step: gives an image built elsewhere (the CI image in a registry, or
 * a {@code docker save} / OCI tarball) the release tags without rebuilding it, so the release
 * ships exactly the bytes that were tested.
 *
 * <p>Everything is read and checked before anything is written: the source manifest and
 * configuration, the revision label against the released commit ({@link Provenance}), and every
 * release tag that already exists (a tag on another digest is never moved). Then a registry
 * source is tagged by a manifest copy (blobs of another repository of the same registry are
 * mounted), and a tarball's blobs are uploaded ({@code HEAD}, {@code POST}, {@code PUT}) and its
 * manifest put unchanged; each tag's digest is verified after the {@code PUT}.
 */
public final class ImageAdopter {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SETTING = "<adopt> / -Dbeelms.image.adopt";

  /**
   * The adopted image.
   *
   * @param result what {@code image.json} records, exactly as for a built image
   * @param findings provenance findings (revision, version, source)
   * @param traffic the registry work it took
   */
  public record Adoption(ImageResult result, List<Finding> findings, ManifestCopy.Traffic traffic) {}

  /**
   * The source image as read, before anything is written.
   *
   * @param configs every image's container configuration by where it is named: the image itself
   *     (an empty name), or each platform of an index ({@code platform linux/arm64 (sha256:…)})
   */
  private record Source(
      ManifestCopy.Manifest manifest,
      Map<String, byte[]> configs,
      String configDigest,
      List<String> blobDigests,
      Map<String, Path> files,
      Optional<ImageReference> repository) {}

  /** Marks the manifests buildx adds to an index for its attestations, which run nowhere. */
  private static final String REFERENCE_TYPE = "vnd.docker.reference.type";

  private final AdoptSettings settings;
  private final ReleaseListener listener;
  private final ManifestCopy registry;
  private final ImageReference target;

  public ImageAdopter(AdoptSettings settings, ReleaseListener listener) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.registry = new ManifestCopy(settings.credentials(), settings.allowInsecureRegistries());
    this.target = reference(settings.image() + ":" + settings.tags().get(0));
  }

  /**
   * Reads and checks the source, then tags it in the release repository.
   *
   * @param dryRun check everything, write nothing
   */
  public Adoption adopt(boolean dryRun) throws ImageException {
    Path scratch = settings.outputDirectory().resolve("adopt-tar");
    try {
      Source source = read(scratch);
      String digest = source.manifest().digest();
      String label = settings.source().describe() + " (" + digest + ")";
      List<Finding> findings = new ArrayList<>();
      boolean unverified = false;
      for (Map.Entry<String, byte[]> config : source.configs().entrySet()) {
        String where = config.getKey().isEmpty() ? label : label + " " + config.getKey();
        Provenance provenance = Provenance.of(config.getValue(), where);
        findings.addAll(provenance.check(settings.commit(), where, settings.allowUnlabelled()));
        unverified |= provenance.revision().isEmpty();
      }
      List<String> missing = tagsToWrite(digest);
      listener.progress(ImagePublisher.NAME, "adopting " + label + " as "
          + String.join(", ", settings.tags().stream().map(t -> settings.image() + ":" + t).toList()));
      if (dryRun) {
        listener.progress(ImagePublisher.NAME, "dry run: would push " + missing.size() + " tag(s); nothing pushed");
      } else {
        push(source, missing);
      }
      ManifestCopy.Traffic traffic = registry.traffic();
      listener.progress(ImagePublisher.NAME, "adopted " + settings.image() + "@" + digest + ": "
          + traffic.requests() + " requests, " + traffic.bytesSent() + " bytes sent, "
          + traffic.bytesReceived() + " bytes received");
      ImageResult result =
          new ImageResult(
              settings.image(),
              settings.tags(),
              digest,
              source.configDigest(),
              TargetKind.REGISTRY,
              dryRun ? "dry run: not pushed" : target.toString(),
              "adopted " + settings.source().describe(),
              unverified ? settings.allowUnlabelled().orElseThrow() : "");
      return new Adoption(result, findings, traffic);
    } finally {
      deleteRecursively(scratch);
    }
  }

  private Source read(Path scratch) throws ImageException {
    if (settings.source() instanceof AdoptSource.Tar tar) {
      ImageTar image = ImageTar.read(tar.file(), scratch);
      JsonNode manifest = json(image.manifest().bytes(), tar.file().toString());
      return new Source(image.manifest(), Map.of("", image.config()),
          manifest.path("config").path("digest").asText(),
          List.copyOf(image.blobs().keySet()), image.blobs(), Optional.empty());
    }
    ImageReference ref = ((AdoptSource.Registry) settings.source()).reference();
    if (!ref.getRegistry().equals(target.getRegistry())) {
      throw new ImageException(
          SETTING + " is in registry " + ref.getRegistry() + " but <image> is in " + target.getRegistry()
              + "; a digest-preserving copy works within one registry: adopt from "
              + target.getRegistry() + ", or docker save the image and adopt tar:/path/image.tar",
          null);
    }
    ManifestCopy.Manifest manifest;
    try {
      manifest = registry.read(ref.toString());
    } catch (ImageException e) {
      if (e.httpStatus().orElse(0) == 404) {
        throw new ImageException(ref + " does not exist (HTTP 404 from registry " + ref.getRegistry()
            + "); check " + SETTING + ": the CI image's tag or digest", 404, e);
      }
      throw e;
    }
    JsonNode json = json(manifest.bytes(), ref.toString());
    Map<String, byte[]> configs = new LinkedHashMap<>();
    if (!json.has("manifests")) {
      String configDigest = json.path("config").path("digest").asText();
      configs.put("", registry.readBlob(ref, configDigest));
      List<String> blobs = new ArrayList<>();
      blobs.add(configDigest);
      json.path("layers").forEach(l -> blobs.add(l.path("digest").asText()));
      return new Source(manifest, configs, configDigest, blobs, Map.of(), Optional.of(ref));
    }
    if (!ref.getRepository().equals(target.getRepository())) {
      throw new ImageException(ref + " is a multi-platform index; adopt it from the release"
          + " repository " + target.getRepository() + " itself, or adopt one platform's digest", null);
    }
    // the index itself is tagged; every platform must say it was built from the released commit
    String firstConfig = "";
    for (JsonNode entry : json.path("manifests")) {
      if (entry.path("annotations").has(REFERENCE_TYPE)) {
        continue;
      }
      String digest = entry.path("digest").asText();
      String where = "platform " + platform(entry.path("platform")) + " (" + digest + ")";
      JsonNode image = json(registry.read(ref.getRegistry() + "/" + ref.getRepository() + "@" + digest).bytes(),
          ref + " " + where);
      String configDigest = image.path("config").path("digest").asText();
      configs.put(where, registry.readBlob(ref, configDigest));
      firstConfig = firstConfig.isEmpty() ? configDigest : firstConfig;
    }
    if (configs.isEmpty()) {
      throw new ImageException(ref + " is an index that lists no platform image; adopt the"
          + " image CI built, by tag or digest", null);
    }
    return new Source(manifest, configs, firstConfig, List.of(), Map.of(), Optional.of(ref));
  }

  /** {@code os/architecture[/variant]}, or {@code unknown} when the index does not say. */
  private static String platform(JsonNode platform) {
    String os = platform.path("os").asText("");
    String architecture = platform.path("architecture").asText("");
    String variant = platform.path("variant").asText("");
    if (os.isEmpty() && architecture.isEmpty()) {
      return "unknown";
    }
    return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
  }

  /** The tags to write; fails when one already points at another digest. */
  private List<String> tagsToWrite(String digest) throws ImageException {
    List<String> missing = new ArrayList<>();
    for (String tag : settings.tags()) {
      String ref = settings.image() + ":" + tag;
      Optional<String> existing = registry.digestOf(ref);
      if (existing.isEmpty()) {
        missing.add(tag);
      } else if (!existing.get().equals(digest)) {
        throw new ImageException(
            ref + " already points at " + existing.get() + ", not at the adopted " + digest
                + "; a release tag is never moved: release a new version, or delete the tag in the"
                + " registry if it is wrong",
            null);
      }
    }
    return missing;
  }

  private void push(Source source, List<String> tags) throws ImageException {
    Map<String, Path> files = new LinkedHashMap<>(source.files());
    boolean sameRepository =
        source.repository().map(r -> r.getRepository().equals(target.getRepository())).orElse(false);
    if (!sameRepository && !tags.isEmpty()) {
      for (String digest : source.blobDigests()) {
        if (registry.blobExists(target, digest)) {
          continue;
        }
        if (source.repository().isPresent()) {
          ImageReference from = source.repository().get();
          if (!registry.mountBlob(target, digest, from.getRepository())) {
            registry.pushBlob(target, digest,
                HttpRequest.BodyPublishers.ofByteArray(registry.readBlob(from, digest)));
          }
        } else {
          try {
            registry.pushBlob(target, digest, HttpRequest.BodyPublishers.ofFile(files.get(digest)));
          } catch (java.io.FileNotFoundException e) {
            throw new ImageException("blob " + digest + " vanished from " + files.get(digest), e);
          }
        }
      }
    }
    for (String tag : tags) {
      registry.putManifest(reference(settings.image() + ":" + tag), source.manifest());
    }
  }

  private static JsonNode json(byte[] bytes, String where) throws ImageException {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ImageException(where + ": the manifest is not JSON", e);
    }
  }

  private static ImageReference reference(String text) {
    try {
      return ImageReference.parse(text);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalStateException("validated by AdoptSettings", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // leftovers under target/ are harmless
    }
  }
}
