package org.beelms.plugin.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.ReleaseTagger;
import org.beelms.plugin.git.ReleaseTaggerResult;
import org.beelms.plugin.git.ReleaseTaggerSettings;
import org.beelms.plugin.git.TempGitRepo;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stopped release candidate says exists, read from real JGit repositories and a bare remote. */
class StoppedReleaseTest {

  private static final String IMAGE = "the image was built: digest sha256:" + "b".repeat(64);

  @TempDir Path dir;
  @TempDir Path remoteDir;
  private TempGitRepo repo;
  private String head;

  @BeforeEach
  void committed() {
    repo = TempGitRepo.init(dir);
    head = repo.write("pom.xml", "<version>0.2.0</version>").commitAll("feat: first").getId().name();
  }

  @AfterEach
  void close() {
    repo.close();
  }

  @Test
  void aTagCreatedWhosePushFailedIsNamedWithTheCommandsToFinishOrUndo() throws Exception {
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", remoteDir.resolve("no-such-remote.git").toUri().toString());
    config.save();
    StoppedRelease before = StoppedRelease.before(dir, "v0.2.0", "origin");
    ReleaseTaggerResult tagged = new ReleaseTagger(
        ReleaseTaggerSettings.of(dir, "0.2.0", "Release 0.2.0").withPush("origin", Optional.empty()))
        .tag(ReleaseListener.NONE);
    assertEquals(GateStatus.FAILED, tagged.gate().status());
    assertEquals(ReleaseTaggerResult.Action.CREATED, tagged.action());

    String said = before.describe(IMAGE);
    assertFalse(said.contains("no tag was created"), said);
    String at = head.substring(0, 7);
    assertEquals("Release candidate stopped: " + IMAGE + "; the local tag v0.2.0 was created on " + at
        + " by this run and was NOT pushed to origin; no release record was attached, and nothing of it was"
        + " pushed. To finish: git push origin refs/tags/v0.2.0, then run mvn beelms:release-candidate again on "
        + at + " (the tag is on HEAD, so it is kept; the image is rebuilt to the same digest; the record is"
        + " attached and pushed). To undo: git tag -d v0.2.0 (only the local tag; origin never received it).",
        said);

    // The undo command does what it says: afterwards nothing is left and the message says so.
    repo.git().tagDelete().setTags("v0.2.0").call();
    assertNull(repo.git().getRepository().exactRef("refs/tags/v0.2.0"));
    assertEquals("Release candidate stopped: " + IMAGE + "; no tag was created and no record attached.",
        before.describe(IMAGE));
  }

  @Test
  void aTagAlreadyOnHeadBeforeTheRunIsNotOfferedForDeletion() throws Exception {
    repo.tag("v0.2.0");
    ReleaseRecordStore store = new ReleaseRecordStore(repo.git().getRepository());
    store.attach(new ReleaseRecord(null, "0.2.0", "v0.2.0", head, "2026-01-01T00:00:00Z", false, null, null, "",
        null, null, ReleaseRecord.Migrations.checked("flyway", head, "checked")));
    String said = StoppedRelease.before(dir, "v0.2.0", "origin").describe("no image was built or pushed");
    assertTrue(said.contains("the local tag v0.2.0 was already on " + head.substring(0, 7) + " before this run"
        + " (a re-run); a release record (from an earlier run) is attached locally to " + head.substring(0, 7)
        + " (refs/notes/beelms-release); this run's record was not attached"), said);
    assertTrue(said.contains("To finish: git push origin refs/tags/v0.2.0"), said);
    assertFalse(said.contains("git tag -d"), said);
  }

  @Test
  void aTagOnAnotherCommitIsNamed() throws Exception {
    String tagged = repo.tag("v0.2.0").git().getRepository().resolve("HEAD").name();
    StoppedRelease before = StoppedRelease.before(dir, "v0.2.0", "origin");
    String later = repo.write("x.txt", "x").commitAll("fix: later").getId().name();
    assertEquals("Release candidate stopped: no image was built or pushed; no tag was created: v0.2.0 already tags "
        + tagged.substring(0, 7) + ", not HEAD " + later.substring(0, 7) + "; no release record was attached."
        + " Bump the version and release again.", before.describe("no image was built or pushed"));
  }
}
