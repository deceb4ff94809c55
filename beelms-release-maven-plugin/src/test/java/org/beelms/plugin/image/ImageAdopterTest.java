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
  void aMissingRevisionLabelIsAWarning(LoopbackRegistry registry) throws Exception {
    Path tar = work.resolve("nolabel.tar");
    CiImages.save(CiImages.build(work, "nolabel", Map.of()), tar, ImageFormat.Docker);

    GateResult result =
        new ImageGate(settings(new AdoptSource.Tar(tar), registry.image("beelms/adopt-nolabel")), false)
            .check(listener);

    assertFalse(result.failed());
    Finding warning = result.findings().stream()
        .filter(f -> f.severity() == Severity.WARNING).findFirst().orElseThrow();
    assertTrue(warning.message().contains(Provenance.REVISION), warning.message());
    ImageResult written = ImageResult.read(work.resolve("out").resolve(ImageResult.FILE));
    assertEquals(registry.digest("beelms/adopt-nolabel", "v1.2.0").orElseThrow(), written.digest());
    assertTrue(written.base().startsWith("adopted tar:"), written.base());
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
