package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.beelms.plugin.image.LoopbackRegistry;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release plan 2.3 through {@code mvn beelms:release-candidate} on a throwaway copy of the
 * reference core with a release history: the image pushed to a real registry on loopback (tags
 * and digest read back through the registry API), notes and tag asserted, and the failures that
 * must leave nothing half done.
 */
class ReleaseArtifactsIT {

  private static final PersonIdent DEV = new PersonIdent("Dev", "dev@example.test");
  private static final String REPOSITORY = "beelms/reference-core";

  private static String[] releaseArgs(String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "compile",
                MavenBuild.pluginGoal("release-candidate"),
                "-Dbeelms.deriveVersion=true",
                "-Dbeelms.dod.waivers=docs/delivery/dod-waivers.yaml",
                "-Dbeelms.image.from=scratch",
                "-Dbeelms.image.mainClass=org.beelms.reference.ReferenceCoreMain"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static String[] toRegistry(String hostPort) {
    return new String[] {
      "-Dbeelms.image.to=registry",
      "-Dbeelms.image.image=" + hostPort + "/" + REPOSITORY,
      "-Dbeelms.image.allowInsecureRegistries=true"
    };
  }

  private static void commit(Path project, String file, String content, String message) throws Exception {
    Files.writeString(project.resolve(file), content, StandardCharsets.UTF_8);
    try (Git git = Git.open(project.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).setAuthor(DEV).setCommitter(DEV).call();
    }
  }

  private static void setSpecVersion(Path project, String version) throws Exception {
    Path spec = project.resolve("docs/architecture/openapi.yaml");
    Files.writeString(spec, Files.readString(spec).replaceFirst("(?m)^  version: .*$", "  version: " + version));
  }

  private static Ref tag(Path project, String name) throws Exception {
    try (Git git = Git.open(project.toFile())) {
      return git.getRepository().findRef("refs/tags/" + name);
    }
  }

  @Test
  void secondReleaseGoesToTheRegistryWithNotesAndAnnotatedTag(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      MavenBuild.Result first = MavenBuild.in(project).args(releaseArgs(toRegistry(registry.hostPort()))).run();
      assertEquals(0, first.exitCode(), first.log());

      // A history of conventional commits since v0.1.0, then the next release.
      commit(project, "docs/delivery/search.md", "search", "feat(wiki): search articles by title");
      commit(project, "src/main/resources/db/migration/V4__add_article_views.sql",
          "ALTER TABLE wiki_articles ADD COLUMN views integer NOT NULL DEFAULT 0;\n",
          "fix(wiki): count article views");
      setSpecVersion(project, "0.1.1");
      commit(project, "docs/delivery/notes.md", "x", "chore: state 0.1.1 in the API document");

      MavenBuild.Result second =
          MavenBuild.in(project).args(releaseArgs(toRegistry(registry.hostPort())))
              // Given: the feat commit above would derive 0.2.0 (see PrepareReleaseIT for that).
              .args("-Dbeelms.releaseVersion=0.1.1")
              .run();
      assertEquals(0, second.exitCode(), second.log());

      Path out = project.resolve("target/beelms-release");
      JsonNode record = new ObjectMapper().readTree(out.resolve("release.json").toFile());
      String digest = record.get("image").get("digest").asText();
      String sha = record.get("commit").asText().substring(0, 7);
      assertEquals("v0.1.1", record.get("tag").asText());
      assertTrue(registry.tags(REPOSITORY).containsAll(List.of("v0.1.0", "v0.1.1", sha)),
          () -> "registry tags: " + tagsOf(registry));
      assertEquals(digest, registry.digest(REPOSITORY, "v0.1.1").orElseThrow());
      assertEquals(digest, registry.digest(REPOSITORY, sha).orElseThrow());
      // The new migration is a resource of the image: the release's image differs from v0.1.0's.
      assertNotEquals(digest, registry.digest(REPOSITORY, "v0.1.0").orElseThrow());

      String notes = Files.readString(out.resolve("release-notes.md"));
      assertTrue(notes.contains("search articles by title"), notes);
      assertTrue(notes.contains("count article views"), notes);
      assertTrue(notes.contains("V4__add_article_views.sql") && notes.contains("expand"), notes);
      assertEquals("4", record.get("flyway").get("targetVersion").asText());
      assertTrue(notes.indexOf("## Features") < notes.indexOf("## Fixes"), notes);
      assertTrue(notes.contains("v0.1.0"), "the notes name the previous release:\n" + notes);
      assertTrue(notes.contains(digest), "the notes name the image digest");

      Ref tag = tag(project, "v0.1.1");
      try (Git git = Git.open(project.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
        RevTag annotated = walk.parseTag(tag.getObjectId());
        assertEquals(record.get("commit").asText(), annotated.getObject().getName());
        assertTrue(annotated.getFullMessage().contains("0.1.1"), annotated.getFullMessage());
      }
    }
  }

  @Test
  void registryDownTagsNothing(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    String deadRegistry;
    try (LoopbackRegistry registry = LoopbackRegistry.start()) {
      deadRegistry = registry.hostPort();
    }

    MavenBuild.Result build = MavenBuild.in(project).args(releaseArgs(toRegistry(deadRegistry))).run();

    assertNotEquals(0, build.exitCode(), build.log());
    assertTrue(build.log().contains(deadRegistry), "the error names the registry:\n" + build.log());
    assertTrue(build.log().contains("no tag was created"), build.log());
    assertNull(tag(project, "v0.1.0"), "nothing is tagged when the push failed");
  }

  @Test
  void wrongRegistryCredentialsFailClearlyWithoutTheSecret(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    String wrongPassword = "Wrong-Registry-Secret-42";
    try (LoopbackRegistry registry = LoopbackRegistry.startWithHtpasswd("release", "Right-Secret-7")) {
      MavenBuild.Result build =
          MavenBuild.in(project)
              .args(releaseArgs(toRegistry(registry.hostPort())))
              // Jib sends credentials over plain HTTP (loopback here) only when told to.
              .args("-DsendCredentialsOverHttp=true")
              .env("BEELMS_REGISTRY_USERNAME", "release")
              .env("BEELMS_REGISTRY_PASSWORD", wrongPassword)
              .run();

      assertNotEquals(0, build.exitCode(), build.log());
      assertFalse(build.log().contains(wrongPassword), "the password leaked into the build log");
      assertTrue(build.log().toLowerCase().contains("credential")
          || build.log().contains("401") || build.log().contains("unauthorized"), build.log());
      assertNull(tag(project, "v0.1.0"));
      assertTrue(registry.tags(REPOSITORY).isEmpty(), "nothing was pushed");
    }
  }

  @Test
  void existingTagOnAnotherCommitIsNeverMoved(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    // The project states 0.1.0 itself; someone already tagged v0.1.0 on an earlier commit.
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom).replaceFirst(
        "<artifactId>beelms-reference-core</artifactId>",
        "<artifactId>beelms-reference-core</artifactId>\n  <version>0.1.0</version>"));
    ObjectId taggedBefore;
    try (Git git = Git.open(project.toFile())) {
      taggedBefore = git.getRepository().resolve("HEAD");
      git.tag().setName("v0.1.0").setAnnotated(true).setMessage("early").setTagger(DEV).call();
      git.add().addFilepattern(".").call();
      git.commit().setMessage("build: state the version 0.1.0").setAuthor(DEV).setCommitter(DEV).call();
    }

    MavenBuild.Result build =
        MavenBuild.in(project).args(releaseArgs()).args("-Dbeelms.deriveVersion=false").run();

    assertNotEquals(0, build.exitCode(), build.log());
    try (Git git = Git.open(project.toFile())) {
      Ref tag = git.getRepository().getRefDatabase().peel(git.getRepository().findRef("refs/tags/v0.1.0"));
      assertEquals(taggedBefore.name(), tag.getPeeledObjectId().name(), "the existing tag did not move");
    }
    assertTrue(build.log().contains("v0.1.0"), build.log());
    assertTrue(build.log().contains("no tag was created"), build.log());
  }

  private static String tagsOf(LoopbackRegistry registry) {
    try {
      return registry.tags(REPOSITORY).toString();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
