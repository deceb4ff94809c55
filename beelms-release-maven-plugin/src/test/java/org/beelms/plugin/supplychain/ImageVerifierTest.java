package org.beelms.plugin.supplychain;

import static org.beelms.plugin.supplychain.SupplyChainWorld.clock;
import static org.beelms.plugin.supplychain.SupplyChainWorld.imageJson;
import static org.beelms.plugin.supplychain.SupplyChainWorld.opensslKeys;
import static org.beelms.plugin.supplychain.SupplyChainWorld.pushImage;
import static org.beelms.plugin.supplychain.SupplyChainWorld.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.image.TargetKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Production's check, on real signatures in a real registry, and every way of tampering with them. */
@ExtendWith(LoopbackRegistry.Extension.class)
class ImageVerifierTest {

  static final String COMMIT = SbomTest.COMMIT;

  @TempDir Path work;
  private SupplyChainWorld.Keys release;
  private SupplyChainWorld.Keys other;

  @BeforeEach
  void keys() throws Exception {
    release = opensslKeys(work.resolve("keys"), "release");
    other = opensslKeys(work.resolve("keys"), "other");
  }

  /** Pushes an image and attests it signed by {@code keys}; its digest. */
  private String signedImage(LoopbackRegistry registry, String repository, String content, SupplyChainWorld.Keys keys)
      throws Exception {
    String digest = pushImage(registry, repository, content, content);
    Path out = work.resolve("out-" + repository.replace('/', '-') + "-" + content);
    imageJson(out, registry.image(repository), digest, TargetKind.REGISTRY);
    assertEquals(GateStatus.PASSED, new AttestGate(settings(out, COMMIT, Optional.of(keys.signingKey()), false), clock())
        .check(ReleaseListener.NONE).status());
    return digest;
  }

  private ImageVerifier verifier(SupplyChainWorld.Keys keys) throws Exception {
    return new ImageVerifier(new ManifestCopy(Optional.empty(), true), keys.publicKey(), "<verifyKey> of production");
  }

  @Test
  void theReleaseAsSignedPasses(LoopbackRegistry registry) throws Exception {
    String digest = signedImage(registry, "beelms/ok", "v1", release);
    assertEquals(Optional.empty(), verifier(release).refusal(registry.image("beelms/ok"), digest, COMMIT));
  }

  @Test
  void aSignatureByAnotherKeyIsRefused(LoopbackRegistry registry) throws Exception {
    String digest = signedImage(registry, "beelms/otherkey", "v1", other);
    String refusal = verifier(release).refusal(registry.image("beelms/otherkey"), digest, COMMIT).orElseThrow();
    assertTrue(refusal.startsWith("signature not made with the verify key"), refusal);
    assertTrue(refusal.contains("<verifyKey> of production"), refusal);
  }

  @Test
  void theSignatureOfAnotherDigestIsRefused(LoopbackRegistry registry) throws Exception {
    String image = registry.image("beelms/swap");
    String good = signedImage(registry, "beelms/swap", "good", release);
    String bad = pushImage(registry, "beelms/swap", "bad", "bad");
    // The good image's signature put under the bad image's .sig tag.
    new ManifestCopy(Optional.empty(), true).copy(Attachments.reference(image, good, Attachments.Kind.SIGNATURE),
        Attachments.tag(bad, Attachments.Kind.SIGNATURE));
    String refusal = verifier(release).refusal(image, bad, COMMIT).orElseThrow();
    assertTrue(refusal.startsWith("signature of another digest"), refusal);
    assertTrue(refusal.contains(good) && refusal.contains(bad), refusal);
  }

  @Test
  void provenanceOfAnotherImageIsRefused(LoopbackRegistry registry) throws Exception {
    String image = registry.image("beelms/subject");
    String first = signedImage(registry, "beelms/subject", "first", release);
    String second = signedImage(registry, "beelms/subject", "second", release);
    new ManifestCopy(Optional.empty(), true).copy(Attachments.reference(image, first, Attachments.Kind.ATTESTATION),
        Attachments.tag(second, Attachments.Kind.ATTESTATION));
    String refusal = verifier(release).refusal(image, second, COMMIT).orElseThrow();
    assertTrue(refusal.startsWith("provenance of another image"), refusal);
  }

  @Test
  void provenanceOfAnotherCommitIsRefused(LoopbackRegistry registry) throws Exception {
    String digest = signedImage(registry, "beelms/commit", "v1", release);
    String refusal = verifier(release).refusal(registry.image("beelms/commit"), digest, "f".repeat(40)).orElseThrow();
    assertTrue(refusal.startsWith("provenance of another commit"), refusal);
    assertTrue(refusal.contains(COMMIT.substring(0, 12)), refusal);
  }

  @Test
  void aDeletedSignatureTagIsRefused(LoopbackRegistry registry) throws Exception {
    String image = registry.image("beelms/deleted");
    String digest = signedImage(registry, "beelms/deleted", "v1", release);
    String sigManifest = registry.digest("beelms/deleted", Attachments.tag(digest, Attachments.Kind.SIGNATURE)).orElseThrow();
    registry.delete("beelms/deleted", sigManifest);
    String refusal = verifier(release).refusal(image, digest, COMMIT).orElseThrow();
    assertTrue(refusal.startsWith("no signature:"), refusal);
  }

  @Test
  void anUnsignedReleaseIsRefused(LoopbackRegistry registry) throws Exception {
    String digest = pushImage(registry, "beelms/unsigned", "v1", "v1");
    String refusal = verifier(release).refusal(registry.image("beelms/unsigned"), digest, COMMIT).orElseThrow();
    assertTrue(refusal.startsWith("no signature:"), refusal);
  }
}
