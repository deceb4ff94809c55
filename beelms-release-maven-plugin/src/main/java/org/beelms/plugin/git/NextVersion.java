package org.beelms.plugin.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The next release version from the Conventional Commits since the previous {@code v*} tag: a
 * breaking change ({@code !} or a {@code BREAKING CHANGE:} footer) bumps the major (the minor while
 * the major is 0), a {@code feat} the minor, anything else the patch. Merge commits are read
 * through: the commits they bring count, the merge message itself does not. Release commits
 * ({@code chore(release): ...}) do not count either.
 */
public final class NextVersion {

  /** What a bump is made of. */
  public enum Bump {
    PATCH,
    MINOR,
    MAJOR
  }

  /**
   * The decision and why it was taken.
   *
   * @param version the next version
   * @param bump the bump applied to the previous tag
   * @param previous the previous release tag; empty for the first release
   * @param commits the counted commits, oldest first
   * @param reason one line, e.g. {@code 0.2.0: 1 feat since v0.1.0 (2b958d5 feat(courses): ...)}
   */
  public record Decision(
      SemanticVersion version,
      Bump bump,
      Optional<ReleaseTag> previous,
      List<ConventionalCommit> commits,
      String reason) {}

  private NextVersion() {}

  /** Decides the version after the newest {@code v*} tag reachable from HEAD. */
  public static Decision decide(ReleaseHistory history) {
    Optional<ReleaseTag> previous = history.releaseTags().stream().findFirst();
    List<ConventionalCommit> commits = commitsSince(history, previous).commits();
    List<ConventionalCommit> breaking =
        commits.stream().filter(ConventionalCommit::breaking).toList();
    List<ConventionalCommit> features =
        commits.stream().filter(c -> !c.breaking() && "feat".equals(c.type())).toList();
    if (previous.isEmpty()) {
      SemanticVersion first = ReleaseVersion.FIRST_RELEASE;
      return new Decision(
          first, Bump.MINOR, previous, commits,
          first + ": first release (no v* tag yet), " + commits.size() + " commit(s)");
    }
    SemanticVersion last = previous.get().version();
    Bump bump;
    List<ConventionalCommit> cause;
    String what;
    if (!breaking.isEmpty()) {
      bump = last.major() == 0 ? Bump.MINOR : Bump.MAJOR;
      cause = breaking;
      what = breaking.size() + " breaking change(s)"
          + (last.major() == 0 ? " (minor bump while the major is 0)" : "");
    } else if (!features.isEmpty()) {
      bump = Bump.MINOR;
      cause = features;
      what = features.size() + " feat";
    } else {
      bump = Bump.PATCH;
      cause = commits;
      what = commits.isEmpty()
          ? "no commit"
          : commits.size() + " commit(s), no feat and no breaking change";
    }
    SemanticVersion next = bump(last, bump);
    StringBuilder reason =
        new StringBuilder(next + ": " + what + " since " + previous.get().name());
    if (!cause.isEmpty()) {
      reason.append(" (").append(describe(cause.get(0)));
      if (cause.size() > 1) {
        reason.append(", and ").append(cause.size() - 1).append(" more");
      }
      reason.append(')');
    }
    return new Decision(next, bump, previous, commits, reason.toString());
  }

  static SemanticVersion bump(SemanticVersion last, Bump bump) {
    return switch (bump) {
      case MAJOR -> new SemanticVersion(last.major() + 1, 0, 0, "");
      case MINOR -> new SemanticVersion(last.major(), last.minor() + 1, 0, "");
      case PATCH -> last.preRelease().isEmpty()
          ? last.nextPatch()
          : new SemanticVersion(last.major(), last.minor(), last.patch(), "");
    };
  }

  private static String describe(ConventionalCommit c) {
    String label = c.label();
    return c.commit() + " " + (label.isEmpty() ? "" : label + (c.breaking() ? "!" : "") + ": ")
        + c.description();
  }

  /**
   * The commits a release brings.
   *
   * @param commits the non-merge, non-release commits, oldest first
   * @param leftOut how many merge and release commits were left out
   */
  public record Range(List<ConventionalCommit> commits, int leftOut) {}

  /** The commits from {@code previous} (exclusive, or the root) to HEAD. */
  public static Range commitsSince(ReleaseHistory history, Optional<ReleaseTag> previous) {
    Optional<RevCommit> head = history.head();
    List<ConventionalCommit> commits = new ArrayList<>();
    int leftOut = 0;
    if (head.isEmpty()) {
      return new Range(commits, 0);
    }
    try (RevWalk walk = new RevWalk(history.repository())) {
      walk.sort(RevSort.TOPO);
      walk.sort(RevSort.REVERSE, true);
      walk.markStart(walk.parseCommit(head.get()));
      if (previous.isPresent()) {
        walk.markUninteresting(walk.parseCommit(ObjectId.fromString(previous.get().commit())));
      }
      for (RevCommit commit : walk) {
        if (commit.getParentCount() > 1) {
          leftOut++;
          continue;
        }
        ConventionalCommit parsed =
            ConventionalCommit.parse(commit.getId().abbreviate(7).name(), commit.getFullMessage());
        if (parsed.releaseCommit()) {
          leftOut++;
        } else {
          commits.add(parsed);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the commits of " + history.workTree(), e);
    }
    return new Range(commits, leftOut);
  }
}
