package org.beelms.plugin.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push at the end of release-candidate -Dbeelms.prepare=true, against a real bare remote. */
class ReleasePushTest {

  @TempDir Path dir;
  private TempGitRepo repo;
  private Git origin;

  @BeforeEach
  void aRepositoryWithARemote() throws Exception {
    repo = TempGitRepo.init(dir.resolve("core"));
    repo.write("pom.xml", "<version>0.2.0-SNAPSHOT</version>").commitAll("feat: first");
    origin = Git.init().setBare(true).setDirectory(dir.resolve("origin.git").toFile()).call();
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", dir.resolve("origin.git").toUri().toString());
    config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
    config.setString("branch", "main", "remote", "origin");
    config.setString("branch", "main", "merge", "refs/heads/main");
    config.save();
    repo.git().push().setRemote("origin").add("main").call();
  }

  private ObjectId releaseAndSnapshot() {
    ObjectId release = repo.write("pom.xml", "<version>0.2.0</version>").commitAll("chore(release): 0.2.0");
    repo.tag("v0.2.0");
    repo.write("pom.xml", "<version>0.2.1-SNAPSHOT</version>")
        .commitAll("chore(release): prepare for next development iteration 0.2.1-SNAPSHOT");
    return release;
  }

  private GateResult push(boolean dryRun) throws Exception {
    return new ReleasePush(repo.root(), "v0.2.0", Optional.empty(), dryRun).check(ReleaseListener.NONE);
  }

  @Test
  void pushesTheReleaseCommitTheTagAndTheSnapshotCommitTogether() throws Exception {
    ObjectId release = releaseAndSnapshot();
    GateResult pushed = push(false);

    assertEquals(GateStatus.PASSED, pushed.status(), pushed.toString());
    assertTrue(pushed.findings().get(0).message().contains("main (2 commit(s)) and v0.2.0"), pushed.toString());
    assertTrue(pushed.findings().get(0).message().contains("in one atomic push"), pushed.toString());
    Repository remote = origin.getRepository();
    assertEquals(repo.git().getRepository().resolve("HEAD"), remote.resolve("refs/heads/main"));
    assertEquals(release, remote.getRefDatabase().peel(remote.exactRef("refs/tags/v0.2.0")).getPeeledObjectId());
  }

  @Test
  void aDryRunPushesNothing() throws Exception {
    ObjectId before = origin.getRepository().resolve("refs/heads/main");
    releaseAndSnapshot();
    GateResult dry = push(true);

    assertEquals(GateStatus.PASSED, dry.status());
    assertTrue(dry.findings().get(0).message().startsWith("dry run: would push main"), dry.toString());
    assertEquals(before, origin.getRepository().resolve("refs/heads/main"));
    assertNull(origin.getRepository().exactRef("refs/tags/v0.2.0"));
  }

  @Test
  void aRemoteThatMovedOnRefusesTheWholePushAndNothingArrives() throws Exception {
    // Someone else pushed to main meanwhile: the branch update is refused, so the tag must not
    // arrive alone either.
    Path other = dir.resolve("other");
    try (Git clone = Git.cloneRepository().setURI(dir.resolve("origin.git").toUri().toString())
        .setBranch("main").setDirectory(other.toFile()).call()) {
      java.nio.file.Files.writeString(other.resolve("x.md"), "x");
      clone.add().addFilepattern("x.md").call();
      clone.commit().setMessage("docs: x").setAuthor("a", "a@b").setCommitter("a", "a@b").call();
      clone.push().call();
    }
    releaseAndSnapshot();
    GateResult refused = push(false);

    assertEquals(GateStatus.FAILED, refused.status(), refused.toString());
    String message = refused.findings().get(0).message();
    assertTrue(message.contains("refs/heads/main REJECTED_NONFASTFORWARD"), message);
    assertTrue(refused.findings().get(0).fix().contains("git push --atomic origin main refs/tags/v0.2.0"),
        refused.findings().get(0).fix());
    assertNull(origin.getRepository().exactRef("refs/tags/v0.2.0"), "atomic: no tag without its commit");
  }

  @Test
  void withoutAnUpstreamNothingIsPushedAndTheCommandIsGiven() throws Exception {
    StoredConfig config = repo.git().getRepository().getConfig();
    config.unsetSection("branch", "main");
    config.save();
    releaseAndSnapshot();
    GateResult skipped = push(false);
    assertEquals(GateStatus.SKIPPED, skipped.status());
    assertTrue(skipped.skipReason().contains("push the release by hand: git push --atomic <remote> main"),
        skipped.toString());
  }
}
