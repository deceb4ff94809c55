package org.beelms.plugin.supplychain;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import com.google.cloud.tools.jib.api.ImageReference;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.image.TargetKind;

/**
 * Test fixtures of the supply chain: password-protected P-256 keys made by openssl (not by our
 * code), a small OCI image pushed to the loopback registry through the registry API, and the
 * attest settings of a release of it.
 */
public final class SupplyChainWorld {

  public static final String PASSWORD = "correct horse battery staple";

  private SupplyChainWorld() {}

  /**
   * A key pair made by {@code openssl genpkey} (PKCS#8, AES-256-CBC, PBKDF2) and its public PEM.
   *
   * @param privatePem the encrypted private key file
   * @param publicPem the public key file ({@code openssl pkey -pubout})
   */
  public record Keys(Path privatePem, Path publicPem) {

    public SigningKey signingKey() throws IOException {
      return SigningKey.read(Files.readString(privatePem), PASSWORD.toCharArray(), "test key " + privatePem.getFileName());
    }

    public java.security.PublicKey publicKey() throws IOException {
      return SigningKey.readPublic(Files.readString(publicPem), publicPem.toString());
    }
  }

  public static Keys opensslKeys(Path dir, String name) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path key = dir.resolve(name + ".pem");
    Path pub = dir.resolve(name + ".pub.pem");
    run(dir, "openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-256-cbc",
        "-pass", "pass:" + PASSWORD, "-out", key.toString());
    run(dir, "openssl", "pkey", "-in", key.toString(), "-passin", "pass:" + PASSWORD, "-pubout", "-out", pub.toString());
    return new Keys(key, pub);
  }

  /** Runs a command, failing with its output when it exits non-zero; returns stdout and stderr. */
  public static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish in 60 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + out);
    }
    return out;
  }

  /** Pushes a one-layer OCI image with {@code content} to {@code repository:tag}; its digest. */
  public static String pushImage(LoopbackRegistry registry, String repository, String tag, String content)
      throws Exception {
    ManifestCopy client = new ManifestCopy(Optional.empty(), true);
    ImageReference repo = ImageReference.parse(registry.image(repository));
    byte[] layer = content.getBytes(StandardCharsets.UTF_8);
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":[\"" + Digests.sha256(layer) + "\"]}}").getBytes(StandardCharsets.UTF_8);
    client.pushBlob(repo, Digests.sha256(layer), HttpRequest.BodyPublishers.ofByteArray(layer));
    client.pushBlob(repo, Digests.sha256(config), HttpRequest.BodyPublishers.ofByteArray(config));
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length
        + ",\"digest\":\"" + Digests.sha256(config) + "\"},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"size\":" + layer.length + ",\"digest\":\""
        + Digests.sha256(layer) + "\"}]}").getBytes(StandardCharsets.UTF_8);
    return client.putManifest(ImageReference.parse(registry.image(repository) + ":" + tag),
        new ManifestCopy.Manifest("application/vnd.oci.image.manifest.v1+json", manifest, Digests.sha256(manifest)));
  }

  /** Writes the {@code image.json} the image step would have written for a pushed image. */
  public static void imageJson(Path out, String image, String digest, TargetKind target) {
    new ImageResult(image, List.of("v0.2.0"), digest, "", target, image + ":v0.2.0", "scratch").writeTo(out);
  }

  /** Attest settings of release 0.2.0 at {@code commit}, npm packages from the fixture lockfile. */
  public static AttestSettings settings(Path out, String commit, Optional<SigningKey> key, boolean dryRun)
      throws IOException {
    return new AttestSettings(out, "0.2.0", commit, Instant.parse("2026-12-01T10:00:00Z"),
        Map.of("be/package-lock.json", SbomTest.fixtureLockfile()), List.of(), "0.1.0-SNAPSHOT",
        new AttestSettings.BuildDefinition("https://git.example.org/beelms/core",
            Map.of("image", "beelms/core", "lockfiles.lockfile", "be/package-lock.json")),
        key, Optional.empty(), true, dryRun);
  }

  public static Clock clock() {
    return Clock.fixed(Instant.parse("2026-12-05T09:00:00Z"), ZoneOffset.UTC);
  }
}
