package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn beelms:release-candidate} on a throwaway copy of the reference beelms core: every
 * gate passes on the healthy project, and injected defects fail exactly their gates while the run
 * keeps going and writes the summary.
 */
class ReleaseCandidateIT {

  private static final String WAIVERS = "-Dbeelms.dod.waivers=docs/delivery/dod-waivers.yaml";
  /** No base image can be pulled here: the image is built on Jib's scratch base. */
  private static final String[] IMAGE = {
    "-Dbeelms.image.from=scratch", "-Dbeelms.image.mainClass=org.beelms.reference.ReferenceCoreMain"
  };

  @Test
  void healthyReferenceCorePassesEveryGateAndIsReleased(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");

    MavenBuild.Result build =
        MavenBuild.in(project)
            .args("compile", MavenBuild.pluginGoal("release-candidate"), "-Dbeelms.deriveVersion=true", WAIVERS)
            .args(IMAGE)
            .run();

    assertEquals(0, build.exitCode(), build.log());
    Map<String, String> expected = new LinkedHashMap<>();
    for (String gate : new String[] {"scope-freeze", "openapi-check", "migrations-check", "dod-check",
        "image", "attest", "release-notes", "tag", "release-record"}) {
      expected.put(gate, "PASSED");
    }
    assertEquals(expected, DemoProject.gateStatuses(project));
    assertTrue(build.log().contains("Gate              Result      Time  Findings"), build.log());
    assertTrue(build.log().contains("release version 0.1.0 (tag v0.1.0)"), build.log());

    Path out = project.resolve("target/beelms-release");
    JsonNode record = new ObjectMapper().readTree(out.resolve("release.json").toFile());
    assertEquals("v0.1.0", record.get("tag").asText());
    assertTrue(record.get("image").get("digest").asText().startsWith("sha256:"), record.toString());
    assertEquals("3", record.get("flyway").get("targetVersion").asText());
    assertEquals(3, record.get("flyway").get("newMigrations").size());
    assertEquals("checked", record.get("migrations").get("status").asText(), record.toString());
    assertEquals("flyway", record.get("migrations").get("tool").asText());
    assertEquals(record.get("commit").asText(), record.get("migrations").get("commit").asText());
    assertTrue(Files.readString(out.resolve("release-notes.md")).contains("0.1.0"));
    // The SBOM of the Java image's runtime classpath, listed in the record and the notes.
    JsonNode chain = record.get("supplyChain");
    assertTrue(chain.get("sbomComponents").asInt() > 0, record.toString());
    assertEquals(record.get("image").get("digest").asText(), chain.get("imageDigest").asText());
    JsonNode sbom = new ObjectMapper().readTree(out.resolve("sbom.cdx.json").toFile());
    assertEquals(chain.get("sbomComponents").asInt(), sbom.get("components").size());
    assertTrue(Files.readString(out.resolve("release-notes.md"))
        .contains("SBOM: CycloneDX, " + chain.get("sbomComponents").asInt() + " components"));
    try (Git git = Git.open(project.toFile())) {
      Ref tag = git.getRepository().findRef("refs/tags/v0.1.0");
      assertTrue(tag != null, "the release is tagged");
      assertEquals(record.get("commit").asText(), git.getRepository().getRefDatabase().peel(tag).getPeeledObjectId().name());
      assertTrue(
          git.getRepository().findRef("refs/notes/beelms-release") != null,
          "the record is kept as a git note");
    }

    // Running the same release again is safe: the tag is already on HEAD, nothing moves.
    MavenBuild.Result again =
        MavenBuild.in(project)
            .args("compile", MavenBuild.pluginGoal("release-candidate"), "-Dbeelms.deriveVersion=true", WAIVERS)
            .args(IMAGE)
            .run();
    assertEquals(0, again.exitCode(), again.log());
    assertEquals("v0.1.0", new ObjectMapper().readTree(out.resolve("release.json").toFile()).get("tag").asText());
  }

  @Test
  void dryRunBuildsEverythingButTagsNothing(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    // A migrations.json left by an earlier run must not be read as this release's.
    Path out = Files.createDirectories(project.resolve("target/beelms-release"));
    Files.writeString(out.resolve("migrations.json"),
        "{\"tool\":\"flyway\",\"version\":\"0.0.9\",\"commit\":\"\",\"migrations\":[]}");

    MavenBuild.Result build =
        MavenBuild.in(project)
            .args("compile", MavenBuild.pluginGoal("release-candidate"), "-Dbeelms.deriveVersion=true",
                WAIVERS, "-Dbeelms.dryRun=true", "-Dbeelms.skip.migrations-check=true")
            .args(IMAGE)
            .run();

    assertEquals(0, build.exitCode(), build.log());
    JsonNode record = new ObjectMapper().readTree(out.resolve("release.json").toFile());
    assertTrue(record.get("dryRun").asBoolean());
    // A skipped migrations gate is recorded as "not checked", never as "no new migrations".
    assertEquals("not-checked", record.get("migrations").get("status").asText(), record.toString());
    assertTrue(record.get("migrations").get("reason").asText().contains("skipped"), record.toString());
    assertTrue(record.get("flyway").get("newMigrations") == null, record.toString());
    String notes = Files.readString(out.resolve("release-notes.md"));
    assertTrue(notes.contains("**Migrations not checked**"), notes);
    try (Git git = Git.open(project.toFile())) {
      assertEquals(null, git.getRepository().findRef("refs/tags/v0.1.0"), "a dry run tags nothing");
    }
  }

  @Test
  void defectsFailTheirGatesAndTheRunKeepsGoing(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    // Scope is not frozen: a file nobody committed.
    Files.writeString(project.resolve("hotfix-notes.txt"), "not committed");

    MavenBuild.Result build =
        MavenBuild.in(project)
            .args(
                "compile",
                MavenBuild.pluginGoal("release-candidate"),
                "-Dbeelms.deriveVersion=true",
                // No waivers: the two open DoD items fail the gate (the default).
                "-Dbeelms.skip.migrations-check=true")
            .run();

    assertNotEquals(0, build.exitCode(), build.log());
    Map<String, String> statuses = DemoProject.gateStatuses(project);
    assertEquals("FAILED", statuses.get("scope-freeze"));
    assertEquals("PASSED", statuses.get("openapi-check"));
    assertEquals("SKIPPED", statuses.get("migrations-check"));
    assertEquals("FAILED", statuses.get("dod-check"));
    assertEquals("SKIPPED", statuses.get("image"), "no artifact after a failed gate");
    assertEquals("SKIPPED", statuses.get("tag"));
    try (Git git = Git.open(project.toFile())) {
      assertEquals(null, git.getRepository().findRef("refs/tags/v0.1.0"), "nothing is tagged");
    }
    assertTrue(build.log().contains("untracked file: hotfix-notes.txt"), build.log());
    assertTrue(build.log().contains("skipped by -Dbeelms.skip.migrations-check=true"), build.log());
    assertTrue(build.log().contains("Release gate(s) failed: scope-freeze, dod-check"), build.log());
  }

  @Test
  void helpGoalListsTheGates(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    MavenBuild.Result help = MavenBuild.in(project).args(MavenBuild.pluginGoal("help")).run();

    assertEquals(0, help.exitCode(), help.log());
    for (String goal :
        new String[] {"beelms:release-candidate", "beelms:scope-freeze", "beelms:openapi-check",
            "beelms:migrations-check", "beelms:dod-check", "beelms:image", "beelms:release-notes",
            "beelms:tag", "beelms:smoke"}) {
      assertTrue(help.log().contains(goal), goal + " missing from help:\n" + help.log());
    }
  }
}
