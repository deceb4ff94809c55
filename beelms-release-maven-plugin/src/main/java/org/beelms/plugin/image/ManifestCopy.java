package org.beelms.plugin.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Registry-level manifest operations over the registry HTTP API v2: copy a manifest to another
 * tag byte for byte (the digest stays exactly the same and no layer moves), and ask whether a
 * tag exists and which digest it has. Promotion ({@code staging}, {@code production}) and
 * rollback use these.
 *
 * <p>HTTPS by default; plain HTTP only with {@code allowInsecureRegistries}, after HTTPS failed
 * with a TLS error. Basic and Bearer-token authentication follow the registry's {@code
 * WWW-Authenticate} challenge. No message ever contains a credential.
 */
public final class ManifestCopy {

  /** The manifest types asked for: OCI and Docker v2, single image and index/list. */
  public static final List<String> MANIFEST_MEDIA_TYPES =
      List.of(
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json",
          "application/vnd.docker.distribution.manifest.list.v2+json");

  /** The response header with the manifest's digest. */
  public static final String DIGEST_HEADER = "Docker-Content-Digest";

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryHttp registry;

  /**
   * The registry work done so far by this client (probes included), for the measurements in
   * docs/goals/image.md.
   *
   * @param requests HTTP requests sent
   * @param bytesSent request body bytes
   * @param bytesReceived response body bytes read
   */
  public record Traffic(long requests, long bytesSent, long bytesReceived) {}

  /**
   * A manifest as the registry stores it.
   *
   * @param mediaType its {@code Content-Type}
   * @param bytes its exact bytes (the digest is over these)
   * @param digest {@code sha256:...}
   */
  public record Manifest(String mediaType, byte[] bytes, String digest) {}

  /**
   * One completed copy.
   *
   * @param source the reference copied from
   * @param target the reference copied to
   * @param digest the digest, the same on both (verified)
   * @param mediaType the manifest's type
   * @param bytes the manifest's size: all that moved
   */
  public record CopyResult(String source, String target, String digest, String mediaType, int bytes) {}

  public ManifestCopy(Optional<RegistryCredentials> credentials, boolean allowInsecureRegistries) {
    this(credentials, allowInsecureRegistries, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  public ManifestCopy(
      Optional<RegistryCredentials> credentials,
      boolean allowInsecureRegistries,
      Duration connectTimeout,
      Duration requestTimeout) {
    this.registry = new RegistryHttp(credentials, allowInsecureRegistries, connectTimeout, requestTimeout);
  }

  /**
   * Copies the manifest of {@code source} (a tag or digest reference) to {@code targetTag} in the
   * same repository, then verifies that the new tag has the source's digest.
   */
  public CopyResult copy(String source, String targetTag) throws ImageException {
    ImageReference from = parse(source);
    if (!ImageReference.isValidTag(targetTag)) {
      throw new ImageException(
          "'" + targetTag + "' is not a valid tag (letters, digits, _ . -; at most 128)", null);
    }
    Manifest manifest = read(source);
    ImageReference to =
        ImageReference.of(from.getRegistry(), from.getRepository(), targetTag);
    String copied = putManifest(to, manifest);
    return new CopyResult(
        from.toString(), to.toString(), copied, manifest.mediaType(), manifest.bytes().length);
  }

  /**
   * A manifest {@code PUT} the registry accepted (2xx) whose check afterwards failed (timeout,
   * 5xx, tag missing, another digest): the tag has moved, but it is not known where to. Callers
   * that move environment tags record this as a move, never as "nothing moved".
   */
  public static final class UnverifiedPut extends ImageException {

    private final String target;
    private final String digestSent;

    UnverifiedPut(String message, String target, String digestSent, Throwable cause) {
      super(message, cause);
      this.target = target;
      this.digestSent = digestSent;
    }

    /** The tag the PUT moved, e.g. {@code 127.0.0.1:5000/beelms/core:staging}. */
    public String target() {
      return target;
    }

    /** The digest of the manifest that was put. */
    public String digestSent() {
      return digestSent;
    }
  }

  /**
   * Puts {@code manifest}'s exact bytes under the tag of {@code to}, then checks with a {@code
   * HEAD} that the tag has the manifest's digest.
   *
   * @return the verified digest
   * @throws UnverifiedPut when the registry accepted the PUT but the check after it failed
   */
  public String putManifest(ImageReference to, Manifest manifest) throws ImageException {
    String targetTag = to.getQualifier();
    String where = ImageSuggestions.where(to.getRegistry(), to.getRepository(), targetTag);
    URI putUri = manifestUri(to, targetTag);
    HttpResponse<String> put =
        registry.send(
            to,
            auth ->
                registry.request(putUri, auth)
                    .header("Content-Type", manifest.mediaType())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes()))
                    .build(),
            HttpResponse.BodyHandlers.ofString(),
            "PUT of the manifest");
    if (put.statusCode() / 100 != 2) {
      throw registry.statusError(put.statusCode(), where, "PUT of the manifest", put.body());
    }
    // From here on the tag has moved: a failed check makes the move unverified, never "nothing moved".
    String accepted = "the registry accepted the PUT (HTTP " + put.statusCode() + "), so " + to
        + " has moved, but the check after it failed: ";
    Optional<String> after;
    try {
      after = digestOf(to.toString());
    } catch (ImageException e) {
      throw new UnverifiedPut(accepted + e.getMessage(), to.toString(), manifest.digest(), e);
    }
    String copied =
        after.orElseThrow(() -> new UnverifiedPut(accepted + where
            + ": the tag is missing right after the PUT; check the registry's log", to.toString(), manifest.digest(), null));
    if (!copied.equals(manifest.digest())) {
      throw new UnverifiedPut(accepted + where + ": the tag now has digest " + copied
          + " but the manifest sent has " + manifest.digest()
          + "; the registry rewrote the manifest, so a digest-preserving copy is unsafe there",
          to.toString(), manifest.digest(), null);
    }
    return copied;
  }

  /** Reads a blob (e.g. a container configuration) of {@code repository} and checks its digest. */
  public byte[] readBlob(ImageReference repository, String digest) throws ImageException {
    String where = ImageSuggestions.where(repository.getRegistry(), repository.getRepository(), "");
    URI uri = blobUri(repository, digest);
    HttpResponse<byte[]> response =
        registry.send(repository, auth -> registry.request(uri, auth).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray(), "GET of blob " + digest);
    if (response.statusCode() != 200) {
      throw registry.statusError(response.statusCode(), where + ", blob " + digest, "GET of the blob",
          new String(response.body(), StandardCharsets.UTF_8));
    }
    String computed = sha256(response.body());
    if (!computed.equals(digest)) {
      throw new ImageException(where + ": blob " + digest + " hashes to " + computed, null);
    }
    return response.body();
  }

  /** Whether {@code repository} already holds the blob ({@code HEAD}). */
  public boolean blobExists(ImageReference repository, String digest) throws ImageException {
    URI uri = blobUri(repository, digest);
    HttpResponse<Void> response =
        registry.send(repository,
            auth -> registry.request(uri, auth).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding(), "HEAD of blob " + digest);
    if (response.statusCode() == 404) {
      return false;
    }
    if (response.statusCode() != 200) {
      throw registry.statusError(response.statusCode(),
          ImageSuggestions.where(repository.getRegistry(), repository.getRepository(), ""),
          "HEAD of blob " + digest, "");
    }
    return true;
  }

  /**
   * Uploads a blob in one piece ({@code POST} an upload, {@code PUT} the bytes with {@code
   * ?digest=}); the registry verifies the digest.
   */
  public void pushBlob(ImageReference repository, String digest, HttpRequest.BodyPublisher body)
      throws ImageException {
    String where = ImageSuggestions.where(repository.getRegistry(), repository.getRepository(), "");
    URI start = registry.endpoint(repository.getRegistry())
        .resolve("/v2/" + repository.getRepository() + "/blobs/uploads/");
    HttpResponse<String> started =
        registry.send(repository,
            auth -> registry.request(start, auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString(), "POST of a blob upload");
    if (started.statusCode() != 202) {
      throw registry.statusError(started.statusCode(), where, "POST of a blob upload", started.body());
    }
    String location = started.headers().firstValue("Location").orElseThrow(() ->
        new ImageException(where + ": the blob upload answer has no Location header", null));
    URI upload = registry.endpoint(repository.getRegistry()).resolve(location);
    String query = "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8);
    URI put = URI.create(upload + (upload.getRawQuery() == null ? "?" : "&") + query);
    HttpResponse<String> done =
        registry.send(repository,
            auth -> registry.request(put, auth).header("Content-Type", "application/octet-stream").PUT(body).build(),
            HttpResponse.BodyHandlers.ofString(), "PUT of blob " + digest);
    if (done.statusCode() != 201) {
      throw registry.statusError(done.statusCode(), where + ", blob " + digest, "PUT of the blob", done.body());
    }
  }

  /**
   * Asks the registry to mount a blob of another repository into {@code repository} ({@code
   * POST ...?mount=&from=}): no bytes move.
   *
   * @return true when mounted (201); false when the registry does not mount it (then upload it)
   */
  public boolean mountBlob(ImageReference repository, String digest, String fromRepository)
      throws ImageException {
    URI uri = registry.endpoint(repository.getRegistry())
        .resolve("/v2/" + repository.getRepository() + "/blobs/uploads/?mount="
            + URLEncoder.encode(digest, StandardCharsets.UTF_8) + "&from="
            + URLEncoder.encode(fromRepository, StandardCharsets.UTF_8));
    HttpResponse<String> response =
        registry.send(repository, auth -> registry.request(uri, auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString(), "mount of blob " + digest);
    if (response.statusCode() == 201) {
      return true;
    }
    if (response.statusCode() == 202) {
      return false;
    }
    throw registry.statusError(response.statusCode(),
        ImageSuggestions.where(repository.getRegistry(), repository.getRepository(), ""),
        "mount of blob " + digest + " from " + fromRepository, response.body());
  }

  /** The requests and bytes this client has exchanged with registries so far. */
  public Traffic traffic() {
    return registry.traffic();
  }

  /** Reads the manifest of a tag or digest reference. */
  public Manifest read(String reference) throws ImageException {
    ImageReference ref = parse(reference);
    String where = ImageSuggestions.where(ref.getRegistry(), ref.getRepository(), ref.getQualifier());
    URI uri = manifestUri(ref, ref.getQualifier());
    HttpResponse<byte[]> response =
        registry.send(
            ref,
            auth ->
                registry.request(uri, auth)
                    .header("Accept", String.join(", ", MANIFEST_MEDIA_TYPES))
                    .GET()
                    .build(),
            HttpResponse.BodyHandlers.ofByteArray(),
            "GET of the manifest");
    if (response.statusCode() != 200) {
      throw registry.statusError(
          response.statusCode(),
          where,
          "GET of the manifest",
          new String(response.body(), StandardCharsets.UTF_8));
    }
    byte[] bytes = response.body();
    String computed = sha256(bytes);
    String header = response.headers().firstValue(DIGEST_HEADER).orElse(computed);
    if (!header.equals(computed)) {
      throw new ImageException(
          where + ": the registry says the manifest is " + header + " but its bytes hash to " + computed,
          null);
    }
    String mediaType =
        response.headers().firstValue("Content-Type").map(ManifestCopy::stripParameters)
            .filter(MANIFEST_MEDIA_TYPES::contains)
            .orElseGet(() -> mediaTypeField(bytes));
    return new Manifest(mediaType, bytes, computed);
  }

  /** Whether the tag or digest exists in the registry. */
  public boolean exists(String reference) throws ImageException {
    return digestOf(reference).isPresent();
  }

  /** The digest a tag points at, or empty when the tag does not exist (HTTP 404). */
  public Optional<String> digestOf(String reference) throws ImageException {
    ImageReference ref = parse(reference);
    String where = ImageSuggestions.where(ref.getRegistry(), ref.getRepository(), ref.getQualifier());
    URI uri = manifestUri(ref, ref.getQualifier());
    HttpResponse<Void> response =
        registry.send(
            ref,
            auth ->
                registry.request(uri, auth)
                    .header("Accept", String.join(", ", MANIFEST_MEDIA_TYPES))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
            HttpResponse.BodyHandlers.discarding(),
            "HEAD of the manifest");
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw registry.statusError(response.statusCode(), where, "HEAD of the manifest", "");
    }
    Optional<String> header = response.headers().firstValue(DIGEST_HEADER);
    return header.isPresent() ? header : Optional.of(read(reference).digest());
  }

  private static ImageReference parse(String reference) throws ImageException {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new ImageException(
          "'" + reference + "' is not an image reference (e.g. 127.0.0.1:5000/beelms/core:v0.1.0)", e);
    }
  }

  private URI manifestUri(ImageReference ref, String qualifier) throws ImageException {
    return registry.endpoint(ref.getRegistry())
        .resolve("/v2/" + ref.getRepository() + "/manifests/" + qualifier);
  }

  private URI blobUri(ImageReference ref, String digest) throws ImageException {
    return registry.endpoint(ref.getRegistry()).resolve("/v2/" + ref.getRepository() + "/blobs/" + digest);
  }

  /**
   * The base URI that answers {@code GET /v2/} for {@code registry}: HTTPS, or plain HTTP when
   * HTTPS fails with a TLS error and insecure registries are allowed.
   */
  public URI endpoint(String registryHost) throws ImageException {
    return registry.endpoint(registryHost);
  }

  private static String stripParameters(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
  }

  private static String mediaTypeField(byte[] bytes) {
    try {
      return JSON.readTree(bytes).path("mediaType").asText(MANIFEST_MEDIA_TYPES.get(2));
    } catch (IOException e) {
      return MANIFEST_MEDIA_TYPES.get(2);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
