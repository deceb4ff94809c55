package org.beelms.plugin.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.image.ImageException;
import org.beelms.plugin.image.ManifestCopy;

/**
 * Signatures, attestations and SBOMs stored next to an image as cosign stores them: an OCI
 * manifest under the tag {@code sha256-<hex of the image digest>.<kind>} in the image's own
 * repository, with one layer holding the document and its annotations. Tags, because Debian's
 * docker-registry (distribution 2.8) has no OCI referrers API; cosign reads the same tags.
 */
public final class Attachments {

  /** The three kinds of attachment and the tag suffix cosign gives each. */
  public enum Kind {
    SIGNATURE("sig"),
    ATTESTATION("att"),
    SBOM("sbom");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }

    public String suffix() {
      return suffix;
    }
  }

  /**
   * One layer of an attachment.
   *
   * @param mediaType e.g. {@code application/vnd.dev.cosign.simplesigning.v1+json}
   * @param bytes the document (checked against the layer's digest when read)
   * @param annotations e.g. the signature, {@code dev.cosignproject.cosign/signature}
   */
  public record Layer(String mediaType, byte[] bytes, Map<String, String> annotations) {
    public Layer {
      annotations = Map.copyOf(annotations);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  private final ManifestCopy registry;

  public Attachments(ManifestCopy registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** {@code sha256-<hex>.<suffix>}: cosign's tag for an attachment of {@code digest}. */
  public static String tag(String digest, Kind kind) {
    return "sha256-" + Digests.hexOf(digest) + "." + kind.suffix();
  }

  /** {@code image:sha256-<hex>.<suffix>}. */
  public static String reference(String image, String digest, Kind kind) {
    return image + ":" + tag(digest, kind);
  }

  /**
   * Pushes {@code layer} (blobs only when missing) and puts its manifest under the attachment's
   * tag, replacing what was there (a re-run of the same release writes the same bytes).
   *
   * @return the attachment's reference, {@code image:sha256-….kind}
   */
  public String push(String image, String digest, Kind kind, Layer layer) throws ImageException {
    ImageReference repository = parse(image);
    byte[] config = config(Digests.sha256(layer.bytes()));
    upload(repository, config);
    upload(repository, layer.bytes());
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", OCI_MANIFEST);
    manifest.set("config", descriptor(OCI_CONFIG, config, Map.of()));
    manifest.putArray("layers").add(descriptor(layer.mediaType(), layer.bytes(), layer.annotations()));
    byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
    String reference = reference(image, digest, kind);
    registry.putManifest(parse(reference),
        new ManifestCopy.Manifest(OCI_MANIFEST, bytes, Digests.sha256(bytes)));
    return reference;
  }

  /**
   * The layers of an attachment, each checked against its digest; empty when the tag does not
   * exist.
   */
  public Optional<List<Layer>> read(String image, String digest, Kind kind) throws ImageException {
    String reference = reference(image, digest, kind);
    if (registry.digestOf(reference).isEmpty()) {
      return Optional.empty();
    }
    ManifestCopy.Manifest manifest = registry.read(reference);
    ImageReference repository = parse(image);
    List<Layer> layers = new ArrayList<>();
    try {
      for (JsonNode layer : JSON.readTree(manifest.bytes()).path("layers")) {
        Map<String, String> annotations = new LinkedHashMap<>();
        layer.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        byte[] bytes = registry.readBlob(repository, layer.path("digest").asText());
        layers.add(new Layer(layer.path("mediaType").asText(), bytes, annotations));
      }
    } catch (IOException e) {
      throw new ImageException(reference + " is not a JSON manifest: " + e.getMessage(), e);
    }
    return Optional.of(layers);
  }

  private void upload(ImageReference repository, byte[] blob) throws ImageException {
    String digest = Digests.sha256(blob);
    if (!registry.blobExists(repository, digest)) {
      registry.pushBlob(repository, digest, HttpRequest.BodyPublishers.ofByteArray(blob));
    }
  }

  /** A minimal image configuration, as cosign writes for its signature images. */
  private static byte[] config(String layerDigest) {
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "");
    config.put("os", "");
    config.putObject("config");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    diffIds.add(layerDigest);
    return config.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode descriptor(String mediaType, byte[] bytes, Map<String, String> annotations) {
    ObjectNode descriptor = JSON.createObjectNode();
    descriptor.put("mediaType", mediaType);
    descriptor.put("size", bytes.length);
    descriptor.put("digest", Digests.sha256(bytes));
    if (!annotations.isEmpty()) {
      ObjectNode node = descriptor.putObject("annotations");
      new java.util.TreeMap<>(annotations).forEach(node::put);
    }
    return descriptor;
  }

  private static ImageReference parse(String reference) throws ImageException {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new ImageException("'" + reference + "' is not an image reference", e);
    }
  }
}
