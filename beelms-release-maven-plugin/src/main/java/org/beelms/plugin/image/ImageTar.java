package org.beelms.plugin.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image read from disk as a registry would store it: the manifest's exact bytes, the
 * container configuration and every blob by digest. Reads an OCI layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/...}: an OCI archive, the {@code docker save} of Docker
 * 25+, or Jib's OCI tar) as it is; for an older {@code docker save} or Jib's Docker tar ({@code
 * manifest.json} only) it writes the Docker v2 manifest a push of those files gives.
 *
 * @param manifest the manifest, byte for byte what is pushed
 * @param config the container configuration's bytes
 * @param blobs every blob the manifest references (config and layers), by digest
 */
public record ImageTar(ManifestCopy.Manifest manifest, byte[] config, Map<String, Path> blobs) {

  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads {@code source}: a tar file (extracted into {@code scratch}) or an OCI layout folder.
   *
   * @throws ImageException naming the file when it is not an image
   */
  public static ImageTar read(Path source, Path scratch) throws ImageException {
    Path root = source;
    try {
      if (!Files.isDirectory(source)) {
        root = extract(source, scratch);
      }
      if (Files.isRegularFile(root.resolve("index.json"))) {
        return ociLayout(source, root);
      }
      if (Files.isRegularFile(root.resolve("manifest.json"))) {
        return dockerSave(source, root);
      }
    } catch (IOException | RuntimeException e) {
      throw notAnImage(source, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    throw notAnImage(source, "it has neither index.json (OCI) nor manifest.json (docker save)", null);
  }

  private static ImageException notAnImage(Path source, String why, Throwable cause) {
    return new ImageException(
        source + " is not an image tarball (" + why + "); give the output of docker save -o"
            + " <file> <image>, an OCI archive, or an OCI layout folder",
        cause);
  }

  private static Path extract(Path tar, Path scratch) throws IOException {
    Files.createDirectories(scratch);
    Path root = scratch.toAbsolutePath().normalize();
    try (InputStream raw = Files.newInputStream(tar);
        InputStream in = gzipped(tar) ? new GZIPInputStream(raw) : raw;
        TarArchiveInputStream entries = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      boolean any = false;
      while ((entry = entries.getNextEntry()) != null) {
        any = true;
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("entry " + entry.getName() + " points outside the archive");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(entries, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (!any) {
        throw new IOException("it is not a tar archive or it is empty");
      }
    }
    return root;
  }

  static boolean gzipped(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static ImageTar ociLayout(Path source, Path root) throws IOException, ImageException {
    JsonNode index = JSON.readTree(root.resolve("index.json").toFile());
    JsonNode manifests = index.path("manifests");
    if (manifests.size() != 1) {
      throw notAnImage(source, "index.json lists " + manifests.size()
          + " manifests; save exactly one image (one platform)", null);
    }
    JsonNode descriptor = manifests.get(0);
    String mediaType = descriptor.path("mediaType").asText();
    if (mediaType.contains("index") || mediaType.contains("list")) {
      // docker save of Docker 25+ may wrap the image in a nested index of one manifest
      JsonNode nested = JSON.readTree(blob(root, descriptor.path("digest").asText()).toFile());
      if (nested.path("manifests").size() != 1) {
        throw notAnImage(source, "its index lists " + nested.path("manifests").size()
            + " platforms; save one platform (docker save --platform ...)", null);
      }
      descriptor = nested.path("manifests").get(0);
      mediaType = descriptor.path("mediaType").asText();
    }
    String digest = descriptor.path("digest").asText();
    byte[] bytes = Files.readAllBytes(blob(root, digest));
    String computed = ManifestCopy.sha256(bytes);
    if (!computed.equals(digest)) {
      throw notAnImage(source, "manifest " + digest + " hashes to " + computed, null);
    }
    JsonNode manifest = JSON.readTree(bytes);
    Map<String, Path> blobs = new LinkedHashMap<>();
    String configDigest = manifest.path("config").path("digest").asText();
    blobs.put(configDigest, blob(root, configDigest));
    for (JsonNode layer : manifest.path("layers")) {
      String layerDigest = layer.path("digest").asText();
      blobs.put(layerDigest, blob(root, layerDigest));
    }
    if (mediaType.isEmpty()) {
      mediaType = manifest.path("mediaType").asText("application/vnd.oci.image.manifest.v1+json");
    }
    return new ImageTar(
        new ManifestCopy.Manifest(mediaType, bytes, digest),
        Files.readAllBytes(blobs.get(configDigest)),
        blobs);
  }

  private static Path blob(Path root, String digest) throws IOException {
    int colon = digest.indexOf(':');
    Path file = root.resolve("blobs").resolve(digest.substring(0, Math.max(colon, 0)))
        .resolve(digest.substring(colon + 1)).normalize();
    if (colon <= 0 || !file.startsWith(root) || !Files.isRegularFile(file)) {
      throw new IOException("blob " + digest + " is missing from blobs/");
    }
    return file;
  }

  private static ImageTar dockerSave(Path source, Path root) throws IOException, ImageException {
    JsonNode entries = JSON.readTree(root.resolve("manifest.json").toFile());
    if (!entries.isArray() || entries.size() != 1) {
      throw notAnImage(source, "manifest.json lists " + entries.size()
          + " images; save exactly one (docker save -o file.tar <image>)", null);
    }
    JsonNode entry = entries.get(0);
    Map<String, Path> blobs = new LinkedHashMap<>();
    Path configFile = inside(root, entry.path("Config").asText());
    Digested config = digest(configFile);
    blobs.put(config.digest(), configFile);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", DOCKER_MANIFEST);
    ObjectNode configDescriptor = manifest.putObject("config");
    configDescriptor.put("mediaType", DOCKER_CONFIG);
    configDescriptor.put("digest", config.digest());
    configDescriptor.put("size", config.size());
    var layers = manifest.putArray("layers");
    for (JsonNode layer : entry.path("Layers")) {
      Path file = inside(root, layer.asText());
      Digested layerDigest = digest(file);
      blobs.put(layerDigest.digest(), file);
      ObjectNode descriptor = layers.addObject();
      descriptor.put("mediaType", gzipped(file) ? DOCKER_LAYER_GZIP : DOCKER_LAYER);
      descriptor.put("digest", layerDigest.digest());
      descriptor.put("size", layerDigest.size());
    }
    byte[] bytes = JSON.writeValueAsBytes(manifest);
    return new ImageTar(
        new ManifestCopy.Manifest(DOCKER_MANIFEST, bytes, ManifestCopy.sha256(bytes)),
        Files.readAllBytes(configFile),
        blobs);
  }

  private static Path inside(Path root, String name) throws IOException {
    Path file = root.resolve(name).normalize();
    if (name.isEmpty() || !file.startsWith(root) || !Files.isRegularFile(file)) {
      throw new IOException("manifest.json names '" + name + "', which is not in the archive");
    }
    return file;
  }

  private record Digested(String digest, long size) {}

  private static Digested digest(Path file) throws IOException {
    try (DigestInputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      long size = in.transferTo(java.io.OutputStream.nullOutputStream());
      return new Digested("sha256:" + HexFormat.of().formatHex(in.getMessageDigest().digest()), size);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
