package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second release of the demo core with no hand edit: after v0.1.0 and a {@code feat} commit,
 * {@code release-candidate -Dbeelms.prepare=true} works out 0.2.0, writes it into the pom and the
 * spec, commits {@code chore(release): 0.2.0}, runs every gate on it, tags that commit, and only
 * then commits the next SNAPSHOT.
 */
class PrepareReleaseIT {

  private static final PersonIdent AUTHOR = new PersonIdent("Demo Dev", "dev@example.test");

  @Test
  void oneCommandCutsTheNextMinorFromACleanMain(@TempDir Path work) throws Exception {
    Path project = DemoProject.create(work.resolve("core"), "0.1.0");
    try (Git git = Git.open(project.toFile())) {
      git.tag().setName("v0.1.0").setAnnotated(true).setMessage("Release v0.1.0").setTagger(AUTHOR).call();
      Files.writeString(project.resolve("COURSES.md"), "Courses are listed.\n", StandardCharsets.UTF_8);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("feat(courses): list courses").setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    }

    MavenBuild.Result build =
        MavenBuild.in(project)
            .args("compile", MavenBuild.pluginGoal("release-candidate"), "-Dbeelms.prepare=true",
                "-Dbeelms.prepare.nextSnapshot=true",
                "-Dbeelms.dod.waivers=docs/delivery/dod-waivers.yaml",
                "-Dbeelms.image.from=scratch",
                "-Dbeelms.image.mainClass=org.beelms.reference.ReferenceCoreMain")
            .run();

    assertEquals(0, build.exitCode(), build.log());
    assertTrue(build.log().contains("release version 0.2.0: 1 feat since v0.1.0"), build.log());
    try (Git git = Git.open(project.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      Ref tag = git.getRepository().findRef("refs/tags/v0.2.0");
      assertTrue(tag != null, "v0.2.0 is tagged");
      ObjectId tagged = git.getRepository().getRefDatabase().peel(tag).getPeeledObjectId();
      RevCommit release = walk.parseCommit(tagged);
      assertEquals("chore(release): 0.2.0", release.getShortMessage());
      assertTrue(text(git, release, "pom.xml").contains("<version>0.2.0</version>"));
      assertTrue(text(git, release, "docs/architecture/openapi.yaml").contains("  version: 0.2.0"));
      RevCommit head = walk.parseCommit(git.getRepository().resolve("HEAD"));
      assertEquals("chore(release): prepare for next development iteration 0.2.1-SNAPSHOT",
          head.getShortMessage());
      assertEquals(release, head.getParent(0), "the next SNAPSHOT comes after the tag");
      assertTrue(Files.readString(project.resolve("pom.xml")).contains("<version>0.2.1-SNAPSHOT</version>"));
      assertTrue(git.status().call().isClean(), "nothing left uncommitted");
    }
    assertTrue(Files.readString(project.resolve("target/beelms-release/release-notes.md"))
        .contains("Version 0.2.0: 1 feat since v0.1.0"));
  }

  private static String text(Git git, RevCommit commit, String path) throws Exception {
    try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
      return new String(git.getRepository().open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }
}
