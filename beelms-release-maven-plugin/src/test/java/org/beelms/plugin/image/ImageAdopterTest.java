package org.beelms.plugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Adopt mode against the loopback registry; tarballs built by Jib stand in for docker save. */
@ExtendWith(LoopbackRegistry.Extension.class)
class ImageAdopterTest {

  static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  static final String OTHER_COMMIT = "ffffeeeeddddccccbbbbaaaa9999888877776666";
  static final List<String> TAGS = List.of("v1.2.0", COMMIT.substring(0, 7));

  @TempDir Path work;

  private final List<String> progress = new ArrayList<>();
  private final ReleaseListener listener = ImageInputs.recording(progress);

  private JibContainer pushCi(LoopbackRegistry registry, String reference, String content,
      Map<String, String> labels) throws Exception {
    return CiImages.push(CiImages.build(work, content, labels), reference);
  }

  private AdoptSettings settings(AdoptSource source, String image) {
    return new AdoptSettings(
        source, image, TAGS, COMMIT, Optional.empty(), true, work.resolve("out"));
  }

  private ImageAdopter.Adoption adopt(AdoptSource source, String image) throws ImageException {
    return new ImageAdopter(settings(source, image), listener).adopt(false);
  }

  @Test
  void adoptsADockerSaveTarballWithTheDigestAPushOfItWouldHave(LoopbackRegistry registry)
      throws Exception {
    Path tar = work.resolve("ci.tar");
    JibContainer built = CiImages.save(CiImages.build(work, "docker", CiImages.labelled(COMMIT)), tar, ImageFormat.Docker);

    ImageAdopter.Adoption adoption =
        adopt(new AdoptSource.Tar(tar), registry.image("beelms/adopt-docker"));

    assertEquals(built.getDigest().toString(), adoption.result().digest());
    for (String tag : TAGS) {
      assertEquals(Optional.of(built.getDigest().toString()), registry.digest("beelms/adopt-docker", tag));
    }
    assertEquals(COMMIT, registry.config("beelms/adopt-docker", "v1.2.0")
        .path("config").path("Labels").path(Provenance.REVISION).asText());
    assertEquals(built.getImageId().toString(), adoption.result().imageId());
    assertTrue(adoption.findings().stream().anyMatch(f -> f.message().contains("is the released commit")));
    assertTrue(adoption.findings().stream().anyMatch(f -> f.message().contains("image version 1.2.0")));
    assertTrue(adoption.findings().stream().anyMatch(f -> f.message().contains("https://example.org/beelms/core")));
  }

  @Test
  void adoptsAnOciArchiveUnchanged(LoopbackRegistry registry) throws Exception {
    Path tar = work.resolve("oci.tar");
    JibContainer built = CiImages.save(CiImages.build(work, "oci", CiImages.labelled(COMMIT)), tar, ImageFormat.OCI);

    ImageAdopter.Adoption adoption =
        adopt(new AdoptSource.Tar(tar), registry.image("beelms/adopt-oci"));

    assertEquals(built.getDigest().toString(), adoption.result().digest());
    assertEquals("application/vnd.oci.image.manifest.v1+json",
        registry.manifest("beelms/adopt-oci", TAGS.get(1)).path("mediaType").asText());
    assertEquals(Optional.of(built.getDigest().toString()), registry.digest("beelms/adopt-oci", "v1.2.0"));
  }

  @Test
  void tagsARegistryImageByManifestCopyMovingNoLayer(LoopbackRegistry registry) throws Exception {
    String ci = registry.image("beelms/adopt-copy") + ":ci-" + COMMIT.substring(0, 7);
    JibContainer pushed = pushCi(registry, ci, "copy", CiImages.labelled(COMMIT));

    ImageAdopter.Adoption adoption =
        adopt(AdoptSource.parse(ci, "adopt"), registry.image("beelms/adopt-copy"));

    assertEquals(pushed.getDigest().toString(), adoption.result().digest());
    assertEquals(Optional.of(pushed.getDigest().toString()), registry.digest("beelms/adopt-copy", "v1.2.0"));
    assertTrue(adoption.traffic().bytesSent() < 4096,
        "only manifests were sent: " + adoption.traffic());
    assertEquals(TargetKind.REGISTRY, adoption.result().target());
  }

  @Test
  void adoptsFromAnotherRepositoryOfTheSameRegistryByMountingBlobs(LoopbackRegistry registry)
      throws Exception {
    String ci = registry.image("ci/core") + "@"
        + pushCi(registry, registry.image("ci/core") + ":build-7", "mount", CiImages.labelled(COMMIT)).getDigest();

    ImageAdopter.Adoption adoption =
        adopt(AdoptSource.parse(ci, "adopt"), registry.image("beelms/adopt-mount"));

    assertEquals(Optional.of(adoption.result().digest()), registry.digest("beelms/adopt-mount", "v1.2.0"));
    assertTrue(ci.endsWith(adoption.result().digest()));
    assertTrue(adoption.traffic().bytesSent() < 4096, "blobs mounted, not uploaded: " + adoption.traffic());
  }

  @Test
  void aSecondAdoptionOfTheSameImageChangesNothing(LoopbackRegistry registry) throws Exception {
    Path tar = work.resolve("again.tar");
    CiImages.save(CiImages.build(work, "again", CiImages.labelled(COMMIT)), tar, ImageFormat.Docker);
    String digest = adopt(new AdoptSource.Tar(tar), registry.image("beelms/adopt-again")).result().digest();

    ImageAdopter.Adoption again = adopt(new AdoptSource.Tar(tar), registry.image("beelms/adopt-again"));

    assertEquals(digest, again.result().digest());
    assertEquals(Optional.of(digest), registry.digest("beelms/adopt-again", "v1.2.0"));
  }

  @Test
  void aMissingRevisionLabelIsAnErrorNamingTheLabelAndTheFixAndPushesNothing(LoopbackRegistry registry)
      throws Exception {
    Path tar = work.resolve("nolabel.tar");
    CiImages.save(CiImages.build(work, "nolabel", Map.of()), tar, ImageFormat.Docker);

    ImageException e = assertThrows(ImageException.class,
        () -> adopt(new AdoptSource.Tar(tar), registry.image("beelms/adopt-nolabel")));

    assertTrue(e.getMessage().startsWith("tar:" + tar), e.getMessage());
    assertTrue(e.getMessage().contains("has no " + Provenance.REVISION + " label"), e.getMessage());
    assertTrue(e.getMessage().contains("docker build --label " + Provenance.REVISION), e.getMessage());
    assertTrue(e.getMessage().contains("-Dbeelms.image.allowUnlabelled=<reason>"), e.getMessage());
    assertOneLine(e);
    assertEquals(List.of(), registry.tags("beelms/adopt-nolabel"));
  }

  @Test
  void anUnlabelledImageIsAdoptedWithAReasonWhichIsRecordedAsNotVerified(LoopbackRegistry registry)
      throws Exception {
    Path tar = work.resolve("nolabel.tar");
    CiImages.save(CiImages.build(work, "nolabel", Map.of()), tar, ImageFormat.Docker);
    AdoptSettings allowed = new AdoptSettings(new AdoptSource.Tar(tar), registry.image("beelms/adopt-allowed"),
        TAGS, COMMIT, Optional.empty(), true, work.resolve("out"), Optional.of("vendor image INC-7"));

    GateResult result = new ImageGate(allowed, false).check(listener);

    assertFalse(result.failed());
    Finding warning = result.findings().stream()
        .filter(f -> f.severity() == Severity.WARNING).findFirst().orElseThrow();
    assertTrue(warning.message().startsWith("revision not verified: vendor image INC-7"), warning.message());
    ImageResult written = ImageResult.read(work.resolve("out").resolve(ImageResult.FILE));
    assertEquals(registry.digest("beelms/adopt-allowed", "v1.2.0").orElseThrow(), written.digest());
    assertEquals("vendor image INC-7", written.revisionNotVerified());
    assertTrue(written.base().startsWith("adopted tar:"), written.base());
  }

  @Test
  void aLabelledImageRecordsNoReasonEvenWhenOneIsGiven(LoopbackRegistry registry) throws Exception {
    Path tar = work.resolve("labelled.tar");
    CiImages.save(CiImages.build(work, "labelled", CiImages.labelled(COMMIT)), tar, ImageFormat.Docker);
    AdoptSettings allowed = new AdoptSettings(new AdoptSource.Tar(tar), registry.image("beelms/adopt-labelled"),
        TAGS, COMMIT, Optional.empty(), true, work.resolve("out"), Optional.of("just in case"));

    ImageAdopter.Adoption adoption = new ImageAdopter(allowed, listener).adopt(false);

    assertEquals("", adoption.result().revisionNotVerified());
    assertTrue(adoption.findings().stream().anyMatch(f -> f.message().contains("is the released commit")));
  }

  @Test
  void aReasonOfTrueIsRefusedWhileConfiguring() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new AdoptSettings(new AdoptSource.Tar(work), "127.0.0.1:5000/beelms/core", TAGS, COMMIT,
            Optional.empty(), true, work.resolve("out"), Optional.of("true")));
    assertTrue(e.getMessage().startsWith(AdoptSettings.ALLOW_UNLABELLED + " needs a reason"), e.getMessage());
  }

  // --- a multi-platform index: every platform's configuration is checked

  /** Pushes one image per label set and an index of them (linux/amd64, linux/arm64) as ci-multi. */
  private String pushIndex(LoopbackRegistry registry, String repository, List<Map<String, String>> labels)
      throws Exception {
    String[] architectures = {"amd64", "arm64"};
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < labels.size(); i++) {
      JibContainer pushed = pushCi(registry, registry.image(repository) + ":ci-" + architectures[i],
          "multi-" + architectures[i], labels.get(i));
      ManifestCopy.Manifest manifest =
          new ManifestCopy(Optional.empty(), true).read(registry.image(repository) + "@" + pushed.getDigest());
      entries.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(manifest.mediaType())
          .append("\",\"digest\":\"").append(pushed.getDigest())
          .append("\",\"size\":").append(manifest.bytes().length)
          .append(",\"platform\":{\"architecture\":\"").append(architectures[i])
          .append("\",\"os\":\"linux\"}}");
    }
    // an attestation entry as buildx adds one: it runs nowhere and carries no label
    entries.append(",{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"")
        .append(registry.digest(repository, "ci-amd64").orElseThrow())
        .append("\",\"size\":1,\"annotations\":{\"vnd.docker.reference.type\":\"attestation-manifest\"},")
        .append("\"platform\":{\"architecture\":\"unknown\",\"os\":\"unknown\"}}");
    String mediaType = "application/vnd.oci.image.index.v1+json";
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"manifests\":[" + entries + "]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String digest = "sha256:" + java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(index));
    new ManifestCopy(Optional.empty(), true).putManifest(
        com.google.cloud.tools.jib.api.ImageReference.parse(registry.image(repository) + ":ci-multi"),
        new ManifestCopy.Manifest(mediaType, index, digest));
    return digest;
  }

  @Test
  void anIndexWhosePlatformsAllCarryTheReleasedCommitIsTaggedAsAWhole(LoopbackRegistry registry)
      throws Exception {
    String index = pushIndex(registry, "beelms/adopt-multi",
        List.of(CiImages.labelled(COMMIT), CiImages.labelled(COMMIT)));

    ImageAdopter.Adoption adoption = adopt(
        AdoptSource.parse(registry.image("beelms/adopt-multi") + ":ci-multi", "adopt"),
        registry.image("beelms/adopt-multi"));

    assertEquals(index, adoption.result().digest());
    assertEquals(Optional.of(index), registry.digest("beelms/adopt-multi", "v1.2.0"));
    for (String platform : List.of("linux/amd64", "linux/arm64")) {
      assertTrue(adoption.findings().stream().anyMatch(f -> f.message().contains("is the released commit")
          && f.where().contains("platform " + platform)), platform + ": " + adoption.findings());
    }
  }

  @Test
  void anIndexWhoseSecondPlatformHasNoLabelNamesThatPlatformAndPushesNothing(LoopbackRegistry registry)
      throws Exception {
    pushIndex(registry, "beelms/adopt-multi-nolabel", List.of(CiImages.labelled(COMMIT), Map.of()));

    ImageException e = assertThrows(ImageException.class, () -> adopt(
        AdoptSource.parse(registry.image("beelms/adopt-multi-nolabel") + ":ci-multi", "adopt"),
        registry.image("beelms/adopt-multi-nolabel")));

    assertTrue(e.getMessage().contains("platform linux/arm64 (sha256:"), e.getMessage());
    assertTrue(e.getMessage().contains("has no " + Provenance.REVISION + " label"), e.getMessage());
    assertOneLine(e);
    assertFalse(registry.tags("beelms/adopt-multi-nolabel").contains("v1.2.0"));
  }

  @Test
  void anIndexWhoseSecondPlatformWasBuiltFromAnotherCommitNamesThatPlatformAndBothCommits(
      LoopbackRegistry registry) throws Exception {
    pushIndex(registry, "beelms/adopt-multi-other",
        List.of(CiImages.labelled(COMMIT), CiImages.labelled(OTHER_COMMIT)));

    ImageException e = assertThrows(ImageException.class, () -> adopt(
        AdoptSource.parse(registry.image("beelms/adopt-multi-other") + ":ci-multi", "adopt"),
        registry.image("beelms/adopt-multi-other")));

    assertTrue(e.getMessage().contains("platform linux/arm64 (sha256:"), e.getMessage());
    assertTrue(e.getMessage().contains(OTHER_COMMIT) && e.getMessage().contains(COMMIT), e.getMessage());
    assertOneLine(e);
    assertFalse(registry.tags("beelms/adopt-multi-other").contains("v1.2.0"));
  }

  @Test
  void theLegacyLabelSchemaVcsRefIsAccepted(LoopbackRegistry registry) throws Exception {
    Path tar = work.resolve("legacy.tar");
    CiImages.save(CiImages.build(work, "legacy", Map.of(Provenance.LEGACY_REVISION, COMMIT.substring(0, 12))),
        tar, ImageFormat.Docker);

    ImageAdopter.Adoption adoption = adopt(new AdoptSource.Tar(tar), registry.image("beelms/adopt-legacy"));

    assertTrue(adoption.findings().stream().anyMatch(f -> f.message().contains(Provenance.LEGACY_REVISION)));
  }

  // --- bad input: one line each, nothing pushed or tagged

  @Test
  void aLabelNamingAnotherCommitNamesBothAndPushesNothing(LoopbackRegistry registry) throws Exception {
    Path tar = work.resolve("other.tar");
    CiImages.save(CiImages.build(work, "other", CiImages.labelled(OTHER_COMMIT)), tar, ImageFormat.Docker);

    ImageException e = assertThrows(ImageException.class,
        () -> adopt(new AdoptSource.Tar(tar), registry.image("beelms/adopt-other")));

    assertTrue(e.getMessage().contains(OTHER_COMMIT) && e.getMessage().contains(COMMIT), e.getMessage());
    assertOneLine(e);
    assertEquals(List.of(), registry.tags("beelms/adopt-other"));
  }

  @Test
  void anUnknownReferenceIsOneLine(LoopbackRegistry registry) {
    ImageException e = assertThrows(ImageException.class,
        () -> adopt(AdoptSource.parse(registry.image("beelms/adopt-unknown") + ":ci-nothing", "adopt"),
            registry.image("beelms/adopt-unknown")));

    assertTrue(e.getMessage().contains("ci-nothing does not exist"), e.getMessage());
    assertOneLine(e);
  }

  @Test
  void aFileThatIsNotAnImageIsOneLine(LoopbackRegistry registry) throws Exception {
    Path notImage = Files.writeString(work.resolve("notes.tar"), "not a tar at all\n");
    Path folder = Files.createDirectories(work.resolve("folder"));

    for (Path bad : List.of(notImage, folder)) {
      ImageException e = assertThrows(ImageException.class,
          () -> adopt(new AdoptSource.Tar(bad), registry.image("beelms/adopt-bad")));
      assertTrue(e.getMessage().startsWith(bad + " is not an image tarball"), e.getMessage());
      assertOneLine(e);
    }
    assertEquals(List.of(), registry.tags("beelms/adopt-bad"));
  }

  @Test
  void aRegistryNeedingCredentialsNotGivenSaysWhichSettingToUse() throws Exception {
    try (LoopbackRegistry secured = LoopbackRegistry.startWithHtpasswd("release", "right-one")) {
      ImageException e = assertThrows(ImageException.class,
          () -> adopt(AdoptSource.parse(secured.image("beelms/ci") + ":ci-1", "adopt"),
              secured.image("beelms/ci")));

      assertEquals(401, e.httpStatus().orElse(0));
      assertTrue(e.getMessage().contains("no credentials were given"), e.getMessage());
      assertOneLine(e);
    }
  }

  @Test
  void aTagOnAnotherDigestIsNeverMoved(LoopbackRegistry registry) throws Exception {
    String repository = "beelms/adopt-conflict";
    JibContainer earlier = pushCi(registry, registry.image(repository) + ":v1.2.0", "earlier", CiImages.labelled(COMMIT));
    Path tar = work.resolve("later.tar");
    CiImages.save(CiImages.build(work, "later", CiImages.labelled(COMMIT)), tar, ImageFormat.Docker);

    ImageException e = assertThrows(ImageException.class,
        () -> adopt(new AdoptSource.Tar(tar), registry.image(repository)));

    assertTrue(e.getMessage().contains("already points at " + earlier.getDigest()), e.getMessage());
    assertOneLine(e);
    assertEquals(Optional.of(earlier.getDigest().toString()), registry.digest(repository, "v1.2.0"));
    assertEquals(List.of("v1.2.0"), registry.tags(repository));
  }

  @Test
  void aReferenceWithoutTagOrDigestIsRejectedWhileConfiguring() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AdoptSource.parse("127.0.0.1:5000/beelms/core", "<adopt> / -Dbeelms.image.adopt"));
    assertTrue(e.getMessage().startsWith("<adopt> / -Dbeelms.image.adopt is"), e.getMessage());
  }

  private static void assertOneLine(Exception e) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
