package org.beelms.plugin.git;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * Whether the work tree is clean: no uncommitted change (staged, modified, deleted, conflicting)
 * and no untracked file that is not ignored. Shared by the gates that must only act on committed
 * sources (scope freeze, tag).
 *
 * @param uncommitted files with uncommitted changes, sorted
 * @param untracked untracked, not ignored files, sorted
 */
public record TreeState(SortedSet<String> uncommitted, SortedSet<String> untracked) {

  public TreeState {
    uncommitted = new TreeSet<>(uncommitted);
    untracked = new TreeSet<>(untracked);
  }

  /** Reads the status of {@code repository}'s work tree with JGit. */
  public static TreeState read(Repository repository) throws GitAPIException {
    // A Git built on an open repository does not close that repository when it is closed.
    try (Git git = new Git(repository)) {
      var status = git.status().call();
      return new TreeState(
          new TreeSet<>(status.getUncommittedChanges()), new TreeSet<>(status.getUntracked()));
    }
  }

  public boolean clean() {
    return uncommitted.isEmpty() && untracked.isEmpty();
  }

  /**
   * The dirty files for a message: {@code uncommitted: a, b; untracked: c}, at most {@code limit}
   * names per kind, then a count.
   */
  public String describe(int limit) {
    StringBuilder text = new StringBuilder();
    append(text, "uncommitted", uncommitted, limit);
    append(text, "untracked", untracked, limit);
    return text.toString();
  }

  private static void append(StringBuilder text, String what, SortedSet<String> files, int limit) {
    if (files.isEmpty()) {
      return;
    }
    if (text.length() > 0) {
      text.append("; ");
    }
    List<String> shown = files.stream().limit(limit).toList();
    text.append(what).append(": ").append(String.join(", ", shown));
    if (files.size() > limit) {
      text.append(" and ").append(files.size() - limit).append(" more");
    }
  }
}
