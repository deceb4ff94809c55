package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.beelms.plugin.image.CiImages;
import org.beelms.plugin.image.LoopbackRegistry;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adopt mode through {@code mvn beelms:release-candidate}: the image CI built (a tarball standing
 * in for {@code docker save}, or a CI tag in the registry) is released under {@code v<version>}
 * and the short SHA with its digest unchanged, and the record and notes carry that digest exactly
 * as for a built image.
 */
class AdoptImageIT {

  private static final String REPOSITORY = "beelms/reference-core";
  private static final String OTHER_COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private static String[] releaseArgs(String hostPort, String adopt) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compile",
                MavenBuild.pluginGoal("release-candidate"),
                "-Dbeelms.deriveVersion=true",
                "-Dbeelms.dod.waivers=docs/delivery/dod-waivers.yaml",
                "-Dbeelms.image.adopt=" + adopt,
                "-Dbeelms.image.image=" + hostPort + "/" + REPOSITORY,
                "-Dbeelms.image.allowInsecureRegistries=true"));
    return args.toArray(String[]::new);
  }

  private static String head(Path project) throws Exception {
    try (Git git = Git.open(project.toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  private static boolean tagged(Path project, String tag) throws Exception {
    try (Git git = Git.open(project.toFile())) {
      return git.getRepository().findRef("refs/tags/" + tag) != null;
    }
  }

  @Test
  void theCiTarballIsReleasedWithItsOwnDigest(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    String commit = head(project);
    Path tar = work.resolve("ci-image.tar");
    JibContainer ci =
        CiImages.save(CiImages.build(work, "core", CiImages.labelled(commit)), tar, ImageFormat.Docker);

    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      MavenBuild.Result build =
          MavenBuild.in(project).args(releaseArgs(registry.hostPort(), "tar:" + tar)).run();

      assertEquals(0, build.exitCode(), build.log());
      String digest = ci.getDigest().toString();
      Path out = project.resolve("target/beelms-release");
      JsonNode record = new ObjectMapper().readTree(out.resolve("release.json").toFile());
      assertEquals(digest, record.get("image").get("digest").asText(), record.toString());
      assertEquals(digest, registry.digest(REPOSITORY, "v0.1.0").orElseThrow());
      assertEquals(digest, registry.digest(REPOSITORY, commit.substring(0, 7)).orElseThrow());
      assertTrue(Files.readString(out.resolve("release-notes.md")).contains(digest), "the notes name the digest");
      assertTrue(build.log().contains("is the released commit"), build.log());
      assertTrue(build.log().contains("image version 1.2.0"), build.log());
      assertTrue(tagged(project, "v0.1.0"));
    }
  }

  @Test
  void aCiTagInTheRegistryIsReleasedByManifestCopy(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    String commit = head(project);
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      String ciTag = registry.image(REPOSITORY) + ":ci-" + commit.substring(0, 7);
      JibContainer ci = CiImages.push(CiImages.build(work, "core", CiImages.labelled(commit)), ciTag);

      MavenBuild.Result build = MavenBuild.in(project).args(releaseArgs(registry.hostPort(), ciTag)).run();

      assertEquals(0, build.exitCode(), build.log());
      assertEquals(ci.getDigest().toString(), registry.digest(REPOSITORY, "v0.1.0").orElseThrow());
      JsonNode image = new ObjectMapper()
          .readTree(project.resolve("target/beelms-release/image.json").toFile());
      assertEquals(ci.getDigest().toString(), image.get("digest").asText());
      assertEquals("adopted " + ciTag, image.get("base").asText());
    }
  }

  @Test
  void anImageOfAnotherCommitIsRefusedAndNothingIsTagged(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    String commit = head(project);
    Path tar = work.resolve("ci-image.tar");
    CiImages.save(CiImages.build(work, "core", CiImages.labelled(OTHER_COMMIT)), tar, ImageFormat.OCI);

    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      MavenBuild.Result build =
          MavenBuild.in(project).args(releaseArgs(registry.hostPort(), "tar:" + tar)).run();

      assertNotEquals(0, build.exitCode(), build.log());
      assertTrue(build.log().contains(OTHER_COMMIT) && build.log().contains(commit), build.log());
      assertTrue(build.log().contains("no tag was created"), build.log());
      assertTrue(registry.tags(REPOSITORY).isEmpty(), "nothing was pushed");
      assertNull(tagged(project, "v0.1.0") ? "tagged" : null, "no git tag");
    }
  }

  @Test
  void anUnlabelledImageIsRefusedUnlessAReasonIsGivenWhichTheRecordAndNotesCarry(@TempDir Path work)
      throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    Path tar = work.resolve("ci-image.tar");
    JibContainer ci = CiImages.save(CiImages.build(work, "core", java.util.Map.of()), tar, ImageFormat.Docker);

    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      MavenBuild.Result refused =
          MavenBuild.in(project).args(releaseArgs(registry.hostPort(), "tar:" + tar)).run();

      assertNotEquals(0, refused.exitCode(), refused.log());
      assertTrue(refused.log().contains("has no org.opencontainers.image.revision label"), refused.log());
      assertTrue(refused.log().contains("-Dbeelms.image.allowUnlabelled=<reason>"), refused.log());
      assertTrue(registry.tags(REPOSITORY).isEmpty(), "nothing was pushed");
      assertNull(tagged(project, "v0.1.0") ? "tagged" : null, "no git tag");

      List<String> args = new ArrayList<>(List.of(releaseArgs(registry.hostPort(), "tar:" + tar)));
      args.add("-Dbeelms.image.allowUnlabelled=vendor build INC-7");
      MavenBuild.Result allowed = MavenBuild.in(project).args(args.toArray(String[]::new)).run();

      assertEquals(0, allowed.exitCode(), allowed.log());
      Path out = project.resolve("target/beelms-release");
      JsonNode record = new ObjectMapper().readTree(out.resolve("release.json").toFile());
      assertEquals(ci.getDigest().toString(), record.get("image").get("digest").asText(), record.toString());
      assertEquals("vendor build INC-7", record.get("image").path("revisionNotVerified").asText(), record.toString());
      assertTrue(Files.readString(out.resolve("release-notes.md")).contains("Revision not verified: vendor build INC-7"),
          Files.readString(out.resolve("release-notes.md")));
    }
  }
}
