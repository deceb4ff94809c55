package org.beelms.plugin.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConventionalCommitTest {

  @Test
  void readsTypeScopeAndBreakingMark() {
    ConventionalCommit c = ConventionalCommit.parse("abc1234", "Feat(API)!: drop v1\n\nbody");
    assertEquals("feat", c.type());
    assertEquals("API", c.scope());
    assertEquals("drop v1", c.description());
    assertTrue(c.breaking());
    assertEquals("feat(API)", c.label());
  }

  @Test
  void breakingFooterMarksAnyType() {
    ConventionalCommit c =
        ConventionalCommit.parse("abc1234", "fix: paging\n\nBREAKING-CHANGE: page size is 20\n");
    assertTrue(c.breaking());
    assertEquals("page size is 20", c.breakingNote());
  }

  @Test
  void nonConventionalKeepsTheFirstLine() {
    ConventionalCommit c = ConventionalCommit.parse("abc1234", "Fixed the build\n\nBREAKING CHANGE: x");
    assertFalse(c.conventional());
    assertEquals("Fixed the build", c.description());
    assertTrue(c.breaking(), "a footer marks even a non-conventional message");
  }

  @Test
  void recognisesReleaseCommits() {
    assertTrue(ConventionalCommit.parse("a", "chore(release): 0.2.0").releaseCommit());
    assertTrue(ConventionalCommit.parse("a", "Release v0.2.0").releaseCommit());
    assertTrue(ConventionalCommit.parse("a", "release 1.0.0 to staging").releaseCommit());
    assertFalse(ConventionalCommit.parse("a", "Release notes generator").releaseCommit());
    assertFalse(ConventionalCommit.parse("a", "chore(deps): bump jgit").releaseCommit());
  }
}
