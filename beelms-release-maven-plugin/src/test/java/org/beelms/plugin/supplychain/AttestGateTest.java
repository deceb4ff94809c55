package org.beelms.plugin.supplychain;

import static org.beelms.plugin.supplychain.SupplyChainWorld.clock;
import static org.beelms.plugin.supplychain.SupplyChainWorld.imageJson;
import static org.beelms.plugin.supplychain.SupplyChainWorld.opensslKeys;
import static org.beelms.plugin.supplychain.SupplyChainWorld.pushImage;
import static org.beelms.plugin.supplychain.SupplyChainWorld.run;
import static org.beelms.plugin.supplychain.SupplyChainWorld.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.image.LoopbackRegistry;
import org.beelms.plugin.image.ManifestCopy;
import org.beelms.plugin.image.TargetKind;
import org.beelms.plugin.release.ReleaseRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LoopbackRegistry.Extension.class)
class AttestGateTest {

  static final String COMMIT = SbomTest.COMMIT;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private GateResult attest(Path out, String image, String digest, Optional<SigningKey> key) throws Exception {
    imageJson(out, image, digest, TargetKind.REGISTRY);
    return new AttestGate(settings(out, COMMIT, key, false), clock()).check(ReleaseListener.NONE);
  }

  @Test
  void signsAndPushesAndOpensslVerifiesTheSignatureAndTheEnvelope(LoopbackRegistry registry) throws Exception {
    SupplyChainWorld.Keys keys = opensslKeys(work.resolve("keys"), "release");
    String image = registry.image("beelms/attest");
    String digest = pushImage(registry, "beelms/attest", "v0.2.0", "app");
    Path out = work.resolve("out");

    GateResult result = attest(out, image, digest, Optional.of(keys.signingKey()));

    assertEquals(GateStatus.PASSED, result.status(), result.toString());
    String hex = digest.substring("sha256:".length());
    List<String> tags = registry.tags("beelms/attest");
    for (String suffix : List.of("sig", "att", "sbom")) {
      assertTrue(tags.contains("sha256-" + hex + "." + suffix), tags.toString());
    }
    // openssl, not our code, checks the signature over the payload written next to it ...
    String verified = run(out, "openssl", "dgst", "-sha256", "-verify", keys.publicPem().toString(),
        "-signature", out.resolve(AttestGate.SIGNATURE_FILE).toString(),
        out.resolve(AttestGate.SIGNATURE_PAYLOAD_FILE).toString());
    assertTrue(verified.contains("Verified OK"), verified);
    // ... and over what the registry holds: the .sig layer and its annotation.
    Attachments attachments = new Attachments(new ManifestCopy(Optional.empty(), true));
    Attachments.Layer sig = attachments.read(image, digest, Attachments.Kind.SIGNATURE).orElseThrow().get(0);
    assertEquals(Signatures.SIMPLE_SIGNING_MEDIA_TYPE, sig.mediaType());
    assertEquals(digest, JSON.readTree(sig.bytes()).path("critical").path("image").path("docker-manifest-digest").asText());
    Path pulledPayload = Files.write(work.resolve("pulled-payload.json"), sig.bytes());
    Path pulledSig = Files.write(work.resolve("pulled.sig"),
        Base64.getDecoder().decode(sig.annotations().get(Signatures.SIGNATURE_ANNOTATION)));
    assertTrue(run(work, "openssl", "dgst", "-sha256", "-verify", keys.publicPem().toString(), "-signature",
        pulledSig.toString(), pulledPayload.toString()).contains("Verified OK"));
    // The DSSE envelope's signature is over DSSE's pre-authentication encoding.
    JsonNode envelope = JSON.readTree(attachments.read(image, digest, Attachments.Kind.ATTESTATION).orElseThrow().get(0).bytes());
    byte[] statement = Base64.getDecoder().decode(envelope.path("payload").asText());
    Path pae = Files.write(work.resolve("pae.bin"), Signatures.pae(Signatures.IN_TOTO_PAYLOAD_TYPE, statement));
    Path envelopeSig = Files.write(work.resolve("envelope.sig"),
        Base64.getDecoder().decode(envelope.path("signatures").get(0).path("sig").asText()));
    assertTrue(run(work, "openssl", "dgst", "-sha256", "-verify", keys.publicPem().toString(), "-signature",
        envelopeSig.toString(), pae.toString()).contains("Verified OK"));

    // The provenance: subject, build definition, builder, gates.
    JsonNode provenance = JSON.readTree(statement);
    assertEquals("https://in-toto.io/Statement/v1", provenance.path("_type").asText());
    assertEquals("https://slsa.dev/provenance/v1", provenance.path("predicateType").asText());
    assertEquals(hex, provenance.path("subject").get(0).path("digest").path("sha256").asText());
    JsonNode external = provenance.path("predicate").path("buildDefinition").path("externalParameters");
    assertEquals(COMMIT, external.path("commit").asText());
    assertEquals("0.2.0", external.path("version").asText());
    assertEquals("be/package-lock.json", external.path("pluginSettings").path("lockfiles.lockfile").asText());
    assertEquals("beelms-release-maven-plugin@0.1.0-SNAPSHOT",
        provenance.path("predicate").path("runDetails").path("builder").path("id").asText());
    JsonNode sbomByproduct = provenance.path("predicate").path("runDetails").path("byproducts").get(0);
    assertEquals(Digests.sha256Hex(Files.readAllBytes(out.resolve(Sbom.FILE))),
        sbomByproduct.path("digest").path("sha256").asText(), "the signed provenance pins the SBOM");

    // The SBOM in the registry is the file's bytes; supply-chain.json says what was made.
    assertArrayEquals(Files.readAllBytes(out.resolve(Sbom.FILE)),
        attachments.read(image, digest, Attachments.Kind.SBOM).orElseThrow().get(0).bytes());
    ReleaseRecord.SupplyChain chain = ReleaseRecord.SupplyChain.read(out.resolve(ReleaseRecord.SupplyChain.FILE));
    assertEquals(digest, chain.imageDigest());
    assertEquals(224, chain.sbomComponents());
    assertTrue(chain.signed());
    assertEquals(keys.signingKey().fingerprint(), chain.signingKey());
    assertEquals(image + ":sha256-" + hex + ".att", chain.provenanceReference());
  }

  @Test
  void twoRunsOfOneCommitWriteTheSameSbomBytes(LoopbackRegistry registry) throws Exception {
    String image = registry.image("beelms/twice");
    String digest = pushImage(registry, "beelms/twice", "v0.2.0", "same");
    attest(work.resolve("one"), image, digest, Optional.empty());
    attest(work.resolve("two"), image, digest, Optional.empty());
    assertArrayEquals(Files.readAllBytes(work.resolve("one").resolve(Sbom.FILE)),
        Files.readAllBytes(work.resolve("two").resolve(Sbom.FILE)));
  }

  @Test
  void withoutAKeyNothingIsSignedAndItSaysSo(LoopbackRegistry registry) throws Exception {
    String image = registry.image("beelms/unsigned");
    String digest = pushImage(registry, "beelms/unsigned", "v0.2.0", "unsigned");
    GateResult result = attest(work.resolve("out"), image, digest, Optional.empty());
    assertEquals(GateStatus.PASSED, result.status());
    assertTrue(result.findingsAtLeast(Severity.WARNING).stream().anyMatch(f -> f.message().startsWith("not signed")),
        result.toString());
    List<String> tags = registry.tags("beelms/unsigned");
    assertTrue(tags.stream().anyMatch(t -> t.endsWith(".sbom")), tags.toString());
    assertFalse(tags.stream().anyMatch(t -> t.endsWith(".sig") || t.endsWith(".att")), tags.toString());
    assertFalse(ReleaseRecord.SupplyChain.read(work.resolve("out").resolve(ReleaseRecord.SupplyChain.FILE)).signed());
  }

  @Test
  void aTarImageOrADryRunPushesNothingButWritesTheFiles(@TempDir Path out) throws Exception {
    SupplyChainWorld.Keys keys = opensslKeys(work.resolve("keys"), "tar");
    imageJson(out, "beelms/core", "sha256:" + "12".repeat(32), TargetKind.TAR);
    GateResult result = new AttestGate(settings(out, COMMIT, Optional.of(keys.signingKey()), false), clock())
        .check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, result.status(), result.toString());
    assertTrue(Files.isRegularFile(out.resolve(Sbom.FILE)));
    assertTrue(Files.isRegularFile(out.resolve(AttestGate.ENVELOPE_FILE)));
    assertEquals("", ReleaseRecord.SupplyChain.read(out.resolve(ReleaseRecord.SupplyChain.FILE)).sbomReference());
  }

  @Test
  void noLockfileAndNoClasspathIsSkippedWithTheReasonNeverPassed(@TempDir Path out) throws Exception {
    imageJson(out, "beelms/core", "sha256:" + "12".repeat(32), TargetKind.TAR);
    AttestSettings empty = new AttestSettings(out, "0.2.0", COMMIT, java.time.Instant.EPOCH, java.util.Map.of(),
        List.of(), "x", new AttestSettings.BuildDefinition("", java.util.Map.of()), Optional.empty(),
        Optional.empty(), true, false);
    GateResult result = new AttestGate(empty, clock()).check(ReleaseListener.NONE);
    assertEquals(GateStatus.SKIPPED, result.status());
    assertTrue(result.skipReason().contains("<lockfiles>"), result.skipReason());
    assertFalse(Files.exists(out.resolve(ReleaseRecord.SupplyChain.FILE)));
  }

  @Test
  void keysArePasswordProtectedP256AndNeverPrinted() throws Exception {
    SupplyChainWorld.Keys keys = opensslKeys(work.resolve("keys"), "k");
    String pem = Files.readString(keys.privatePem());
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.read(pem, "wrong-password-42".toCharArray(), "BEELMS_SIGNING_KEY"));
    assertTrue(wrong.getMessage().contains("BEELMS_SIGNING_KEY"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains("wrong-password-42"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains(pem.lines().skip(1).findFirst().orElseThrow()), wrong.getMessage());

    Path plain = work.resolve("keys/plain.pem");
    run(work, "openssl", "pkey", "-in", keys.privatePem().toString(), "-passin", "pass:" + SupplyChainWorld.PASSWORD,
        "-out", plain.toString());
    IllegalArgumentException unencrypted = assertThrows(IllegalArgumentException.class,
        () -> SigningKey.read(Files.readString(plain), "x".toCharArray(), "settings.xml server 'signing'"));
    assertTrue(unencrypted.getMessage().contains("not a password-protected"), unencrypted.getMessage());

    SigningKey key = keys.signingKey();
    assertEquals(SigningKey.fingerprint(keys.publicKey()), key.fingerprint(), "the derived public key is openssl's");
    assertFalse(key.toString().contains(SupplyChainWorld.PASSWORD));
  }
}
