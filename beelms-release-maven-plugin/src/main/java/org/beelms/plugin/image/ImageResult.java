package org.beelms.plugin.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ImagePublisher} built, as written to {@code target/beelms-release/image.json} (read
 * back by the release record and the release notes).
 *
 * @param image the repository, e.g. {@code 127.0.0.1:5000/beelms/core}
 * @param tags every tag the image got, primary first
 * @param digest the manifest digest ({@code sha256:...}), the same under every tag
 * @param imageId the digest of the container configuration (what {@code docker images} shows)
 * @param target where it went
 * @param location the tarball path, the registry reference or the Docker daemon reference
 * @param base the base image it was built on
 * @param revisionNotVerified for an adopted image without a revision label, the reason it was
 *     adopted anyway ({@code -Dbeelms.image.allowUnlabelled}); empty when the revision was checked
 *     or the image was built here
 */
public record ImageResult(
    String image,
    List<String> tags,
    String digest,
    String imageId,
    TargetKind target,
    String location,
    String base,
    String revisionNotVerified) {

  /** The file name under the output directory. */
  public static final String FILE = "image.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A built image, or an adopted one whose revision label was checked. */
  public ImageResult(
      String image, List<String> tags, String digest, String imageId, TargetKind target,
      String location, String base) {
    this(image, tags, digest, imageId, target, location, base, "");
  }

  public ImageResult {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(target, "target");
    tags = List.copyOf(tags);
    imageId = imageId == null ? "" : imageId;
    location = location == null ? "" : location;
    base = base == null ? "" : base;
    revisionNotVerified = revisionNotVerified == null ? "" : revisionNotVerified;
  }

  /** The immutable reference: {@code image@digest}. */
  public String reference() {
    return image + "@" + digest;
  }

  /** {@code image:tag} for every tag. */
  public List<String> taggedReferences() {
    return tags.stream().map(tag -> image + ":" + tag).toList();
  }

  /** Writes {@link #FILE} into {@code directory} and returns its path. */
  public Path writeTo(Path directory) {
    ObjectNode root = JSON.createObjectNode();
    root.put("image", image);
    ArrayNode tagArray = root.putArray("tags");
    tags.forEach(tagArray::add);
    root.put("digest", digest);
    root.put("imageId", imageId);
    root.put("reference", reference());
    root.put("target", target.id());
    root.put("location", location);
    root.put("base", base);
    if (!revisionNotVerified.isEmpty()) {
      root.put("revisionNotVerified", revisionNotVerified);
    }
    try {
      Files.createDirectories(directory);
      Path file = directory.resolve(FILE);
      Files.writeString(file, JSON.writeValueAsString(root) + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + directory.resolve(FILE), e);
    }
  }

  /** Reads an {@link #FILE} written by {@link #writeTo(Path)}. */
  public static ImageResult read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<String> tags = new ArrayList<>();
    root.path("tags").forEach(t -> tags.add(t.asText()));
    String digest = root.path("digest").asText("");
    if (digest.isEmpty() || !root.hasNonNull("image")) {
      throw new IOException(file + " has no image or digest; rebuild it with mvn beelms:image");
    }
    return new ImageResult(
        root.path("image").asText(),
        tags,
        digest,
        root.path("imageId").asText(""),
        TargetKind.parse(root.path("target").asText("tar"), file + " target"),
        root.path("location").asText(""),
        root.path("base").asText(""),
        root.path("revisionNotVerified").asText(""));
  }
}
