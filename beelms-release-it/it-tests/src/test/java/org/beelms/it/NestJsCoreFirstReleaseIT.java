package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.beelms.plugin.fixture.NestJsCore;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first release of a NestJS core in one sitting, as issue 27 tried it on the real one: the
 * release pom taken from docs/adopting-nestjs.md in this test (so doc and test cannot drift), a
 * remote (a bare repository), a .gitignore without {@code target/}, and {@code be/package.json}
 * still at the previous version. {@code release-candidate -Dbeelms.prepare=true} passes in one
 * run and pushes the release commit, the tag and the next SNAPSHOT together; a second run with
 * the plugin's own output lying untracked in {@code target/} passes scope-freeze.
 */
class NestJsCoreFirstReleaseIT {

  private static final Path ADOPTING_DOC = Path.of("../../docs/adopting-nestjs.md");

  @Test
  void prepareReleasesAndPushesInOneRunOnARepositoryWithARemote(@TempDir Path work) throws Exception {
    Path project = NestJsCore.create(work.resolve("beelms-core"));
    NestJsCore.fixDriftAndWaiveTheRest(project);
    Path origin = work.resolve("origin.git");
    try (Git git = Git.open(project.toFile())) {
      Files.writeString(project.resolve("pom.xml"), docPom(), StandardCharsets.UTF_8);
      // The real core ignores no target/; its backend's package.json still says the last release.
      Files.writeString(project.resolve(".gitignore"), "be/dist/\nbe/node_modules/\n");
      Path packageJson = project.resolve("be/package.json");
      Files.writeString(packageJson,
          Files.readString(packageJson).replace("\"version\": \"0.2.0\"", "\"version\": \"0.1.0\""));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("chore: release pom from the adoption guide").call();
      Git.init().setBare(true).setDirectory(origin.toFile()).call().close();
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", origin.toUri().toString());
      config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
      config.setString("branch", "main", "remote", "origin");
      config.setString("branch", "main", "merge", "refs/heads/main");
      config.save();
      git.push().setRemote("origin").add("main").call();
    }

    MavenBuild.Result release =
        MavenBuild.in(project)
            .args("beelms:release-candidate", "-Dbeelms.prepare=true",
                "-Dbeelms.prepare.nextSnapshot=true", "-Dimage.base=scratch")
            .run();
    String log = release.log();

    assertEquals(0, release.exitCode(), log);
    assertTrue(log.contains("the release commit prepare just made"), log);
    assertTrue(log.contains("in one atomic push"), log);
    try (Git git = Git.open(project.toFile()); Git remote = Git.open(origin.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      Repository local = git.getRepository();
      Repository bare = remote.getRepository();
      RevCommit head = walk.parseCommit(local.resolve("HEAD"));
      assertEquals("chore(release): prepare for next development iteration 0.2.1-SNAPSHOT",
          head.getShortMessage());
      assertEquals(head.getId(), bare.resolve("refs/heads/main"), "the SNAPSHOT commit was pushed");
      ObjectId tagged = bare.getRefDatabase().peel(bare.exactRef("refs/tags/v0.2.0")).getPeeledObjectId();
      assertEquals(head.getParent(0).getId(), tagged, "the tag on the release commit, pushed with it");
      assertEquals("chore(release): 0.2.0", walk.parseCommit(tagged).getShortMessage());
    }
    assertTrue(Files.readString(project.resolve("be/package.json")).contains("\"version\": \"0.2.0\""),
        "the doc pom names be/package.json, so prepare set it");

    // The plugin's output is untracked and not ignored; the next run's scope-freeze does not trip on it.
    assertTrue(Files.exists(project.resolve("target/beelms-release/summary.json")));
    MavenBuild.Result again =
        MavenBuild.in(project)
            .args("beelms:scope-freeze", "-Dbeelms.releaseVersion=0.2.1")
            .run();
    assertFalse(again.log().contains("untracked file: target/"), again.log());
  }

  /** The release pom on docs/adopting-nestjs.md, byte for byte. */
  static String docPom() throws Exception {
    String doc = Files.readString(ADOPTING_DOC, StandardCharsets.UTF_8);
    Matcher pom = Pattern.compile("(?s)```xml\n(<\\?xml.*?</project>\n)```").matcher(doc);
    assertTrue(pom.find(), "docs/adopting-nestjs.md has no release pom");
    return pom.group(1);
  }
}
