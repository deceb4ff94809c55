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

  /**
   * This state without the files under {@code folder} (a path relative to the work tree, e.g.
   * {@code target}): the build's own output is never a change to the sources, whether or not
   * {@code .gitignore} names it.
   */
  public TreeState without(String folder) {
    String prefix = folder.endsWith("/") ? folder : folder + "/";
    java.util.function.Predicate<String> outside = file -> !file.startsWith(prefix) && !file.equals(folder);
    return new TreeState(
        new TreeSet<>(uncommitted.stream().filter(outside).toList()),
        new TreeSet<>(untracked.stream().filter(outside).toList()));
  }

  /** {@link #read(Repository)} without the files under the build directory, when there is one. */
  public static TreeState read(ReleaseHistory history, java.util.Optional<java.nio.file.Path> buildDirectory)
      throws GitAPIException {
    TreeState state = read(history.repository());
    return buildDirectory.isPresent() ? state.without(history.gitPath(buildDirectory.get())) : state;
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
