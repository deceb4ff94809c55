package org.beelms.plugin.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NextVersionTest {

  @TempDir Path dir;
  private TempGitRepo repo;

  @BeforeEach
  void released() {
    repo = TempGitRepo.init(dir);
    repo.write("a.txt", "1").commitAll("feat: first");
  }

  private NextVersion.Decision decide() {
    try (ReleaseHistory history = ReleaseHistory.open(dir)) {
      return NextVersion.decide(history);
    }
  }

  private void release(String tag) {
    repo.tag(tag);
  }

  @Test
  void fixesOnlyGiveThePatch() {
    release("v0.1.0");
    repo.write("a.txt", "2").commitAll("fix(paging): off by one");
    repo.write("a.txt", "3").commitAll("docs: readme");
    NextVersion.Decision d = decide();
    assertEquals("0.1.1", d.version().toString());
    assertEquals(NextVersion.Bump.PATCH, d.bump());
    assertTrue(d.reason().startsWith("0.1.1: 2 commit(s), no feat and no breaking change since v0.1.0"), d.reason());
  }

  @Test
  void aFeatureGivesTheMinorAndTheReasonNamesIt() {
    release("v0.1.0");
    repo.write("a.txt", "2").commitAll("fix: typo");
    String sha = repo.write("b.txt", "1").commitAll("feat(courses): list courses").getId().abbreviate(7).name();
    NextVersion.Decision d = decide();
    assertEquals("0.2.0", d.version().toString());
    assertEquals("0.2.0: 1 feat since v0.1.0 (" + sha + " feat(courses): list courses)", d.reason());
  }

  @Test
  void aBreakingChangeBumpsTheMajorAfterOneZero() {
    release("v1.4.2");
    repo.write("a.txt", "2").commitAll("feat(api)!: drop /v1");
    assertEquals("2.0.0", decide().version().toString());
  }

  @Test
  void aBreakingFooterBumpsTheMajorToo() {
    release("v1.4.2");
    repo.write("a.txt", "2").commitAll("fix: paging\n\nBREAKING CHANGE: page size is 20");
    assertEquals("2.0.0", decide().version().toString());
  }

  @Test
  void aBreakingChangeBumpsOnlyTheMinorWhileTheMajorIsZero() {
    release("v0.3.1");
    repo.write("a.txt", "2").commitAll("refactor!: rename the tables");
    NextVersion.Decision d = decide();
    assertEquals("0.4.0", d.version().toString());
    assertTrue(d.reason().contains("1 breaking change(s) (minor bump while the major is 0)"), d.reason());
  }

  @Test
  void mergeCommitsAreReadThroughToTheCommitsTheyBring() throws Exception {
    release("v0.1.0");
    repo.checkoutNewBranch("topic");
    repo.write("b.txt", "1").commitAll("feat(wiki): search");
    ObjectId topic = repo.git().getRepository().resolve("HEAD");
    repo.git().checkout().setName("main").call();
    repo.write("a.txt", "2").commitAll("fix: x");
    repo.git().merge().include(topic).setFastForward(MergeCommand.FastForwardMode.NO_FF)
        .setMessage("Merge branch 'topic'").call();
    NextVersion.Decision d = decide();
    assertEquals("0.2.0", d.version().toString());
    assertEquals(2, d.commits().size(), d.commits().toString());
  }

  @Test
  void releaseCommitsDoNotCount() {
    release("v0.1.0");
    repo.write("a.txt", "2").commitAll("chore(release): 0.1.1");
    NextVersion.Decision d = decide();
    assertEquals(0, d.commits().size());
    assertEquals("0.1.1", d.version().toString());
  }

  @Test
  void theFirstReleaseIsZeroOneZero() {
    assertEquals("0.1.0", decide().version().toString());
  }

  @Test
  void aSnapshotDerivesTheNextVersionFromTheCommits() {
    release("v0.1.0");
    repo.write("b.txt", "1").commitAll("feat(courses): list");
    try (ReleaseHistory history = ReleaseHistory.open(dir)) {
      assertEquals("0.2.0", ReleaseVersion.resolve("0.1.1-SNAPSHOT", true, history).toString());
    }
  }

  @Test
  void anExplicitVersionAboveThePreviousTagIsAccepted() {
    release("v0.1.0");
    repo.write("b.txt", "1").commitAll("fix: y");
    try (ReleaseHistory history = ReleaseHistory.open(dir)) {
      assertEquals("0.3.0", ReleaseVersion.explicit("0.3.0", history).toString());
    }
  }

  @Test
  void anExplicitVersionNotAboveThePreviousTagIsRefused() {
    release("v0.2.0");
    repo.write("b.txt", "1").commitAll("fix: y");
    try (ReleaseHistory history = ReleaseHistory.open(dir)) {
      IllegalArgumentException lower =
          assertThrows(IllegalArgumentException.class, () -> ReleaseVersion.explicit("0.1.5", history));
      assertTrue(lower.getMessage().contains("-Dbeelms.releaseVersion=0.1.5 is not above the previous release v0.2.0"),
          lower.getMessage());
      assertThrows(IllegalArgumentException.class, () -> ReleaseVersion.explicit("0.2.0", history));
      assertThrows(IllegalArgumentException.class, () -> ReleaseVersion.explicit("0.3.0-SNAPSHOT", history));
    }
  }

  @Test
  void theExplicitVersionOfTheTagOnHeadIsAReRun() {
    release("v0.1.0");
    repo.write("b.txt", "1").commitAll("feat: z");
    release("v0.2.0");
    try (ReleaseHistory history = ReleaseHistory.open(dir)) {
      assertEquals("0.2.0", ReleaseVersion.explicit("0.2.0", history).toString());
    }
  }
}
