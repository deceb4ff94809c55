package org.beelms.plugin.mojo;

import static org.beelms.plugin.mojo.TagMojoTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.git.TempGitRepo;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.release.ReleaseRecordStore;
import org.beelms.plugin.release.ReleaseRecordText;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** beelms:record on a real repository whose annotated tag v0.1.0 has its record as a git note. */
class RecordMojoTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @BeforeEach
  void aReleasedAndDeployedCore() throws Exception {
    try (TempGitRepo repo = TempGitRepo.init(dir)) {
      String commit = repo.write("pom.xml", "<version>0.1.0</version>").commitAll("chore(release): 0.1.0")
          .getId().name();
      repo.tag("v0.1.0");
      ObjectNode smoke = JsonNodeFactory.instance.objectNode();
      smoke.putObject("production").putArray("deployments").add(new DeploymentEntry(
          "deploy", "production", "production", "0.1.0", "v0.1.0", "sha256:abc", "lead",
          Instant.parse("2026-12-01T10:00:00Z"), "deployed", "FAILED", "", "", "", "").toJson());
      new ReleaseRecordStore(repo.git().getRepository()).attach(new ReleaseRecord(null, "0.1.0", "v0.1.0",
          commit, "2026-12-01T09:00:00Z", false,
          new ReleaseRecord.Image("beelms/core", "sha256:abc", List.of("v0.1.0"), "tar", "image.tar"),
          new ReleaseRecord.Flyway("1717000000000", List.of(new ReleaseRecord.NewMigration(
              "1717000000000", "1717000000000-InitialSchema.ts", "expand"))),
          "", null, smoke, ReleaseRecord.Migrations.checked("typeorm", commit, "passed")));
    }
  }

  private String run(String tag, boolean json) throws Exception {
    RecordMojo mojo = new RecordMojo();
    set(mojo, "project", TagMojoTest.project(dir, "0.2.0"));
    set(mojo, "recordTag", tag);
    set(mojo, "recordJson", json);
    set(mojo, "outputDirectory", dir.resolve("target/beelms-release").toFile());
    mojo.out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    mojo.execute();
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheSummaryOfTheReleaseNamedByItsTag() throws Exception {
    String summary = run("v0.1.0", false);
    assertTrue(summary.startsWith("Release 0.1.0 (v0.1.0) on "), summary);
    assertTrue(summary.contains("image:      beelms/core@sha256:abc"), summary);
    assertTrue(summary.contains("migrations: typeorm, 1 new"), summary);
    assertTrue(summary.contains("1717000000000-InitialSchema.ts - expand"), summary);
    assertTrue(summary.contains("production: deploy of v0.1.0 by lead, deployed, smoke FAILED"), summary);
    assertTrue(summary.contains("git notes --ref beelms-release show v0.1.0^{commit}"), summary);
  }

  @Test
  void printsTheRecordsJsonWhenAsked() throws Exception {
    JsonNode json = new ObjectMapper().readTree(run("0.1.0", true));
    assertEquals("v0.1.0", json.get("tag").asText());
    assertEquals("FAILED", json.at("/smoke/production/deployments/0/smoke").asText());
  }

  @Test
  void anUnknownTagNamesTheSettingAndTheKnownReleases() {
    MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> run("v9.9.9", false));
    assertTrue(e.getMessage().contains("<recordTag> / -Dbeelms.record.tag names v9.9.9"), e.getMessage());
    assertTrue(e.getMessage().contains("known releases: v0.1.0"), e.getMessage());
  }

  @Test
  void theDocumentedGitCommandFindsTheNoteOfAnAnnotatedTag() throws Exception {
    // The note is on the commit: `show v0.1.0` looks at the tag object and finds nothing.
    String command = ReleaseRecordText.gitCommand("v0.1.0");
    List<String> argv = new java.util.ArrayList<>(List.of(command.split(" ")));
    Process git = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(git.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "git answered within 30 s");
    assertEquals(0, git.exitValue(), out);
    assertTrue(out.contains("\"tag\" : \"v0.1.0\""), out);
  }
}
