package org.beelms.plugin.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Read-only view of a project's release history through JGit: the {@code v*} release tags and
 * the files as they were at one of them. The gates use it to compare this release with the
 * previous one (spec compatibility, immutability of released migrations).
 */
public final class ReleaseHistory implements AutoCloseable {

  private final Repository repository;
  private final Path workTree;

  private ReleaseHistory(Repository repository) {
    this.repository = repository;
    this.workTree = repository.getWorkTree().toPath();
  }

  /**
   * Opens the git repository that contains {@code directory} (searching upwards, as git does).
   *
   * @throws IllegalArgumentException when there is none, naming the folder
   */
  public static ReleaseHistory open(Path directory) {
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().readEnvironment().findGitDir(directory.toFile());
    if (builder.getGitDir() == null) {
      throw new IllegalArgumentException(
          directory + " is not inside a git repository; run the release from a git checkout");
    }
    try {
      return new ReleaseHistory(builder.build());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the git repository at " + builder.getGitDir(), e);
    }
  }

  public Repository repository() {
    return repository;
  }

  public Path workTree() {
    return workTree;
  }

  /** {@code path} relative to the work tree, with forward slashes, as git names it. */
  public String gitPath(Path path) {
    return workTree.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** The commit HEAD points at, or empty in a repository without commits. */
  public Optional<RevCommit> head() {
    try {
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        return Optional.empty();
      }
      try (RevWalk walk = new RevWalk(repository)) {
        return Optional.of(walk.parseCommit(head));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read HEAD of " + workTree, e);
    }
  }

  /**
   * Every release tag ({@code v} followed by a semantic version, e.g. {@code v0.1.0}) that points
   * at a commit reachable from HEAD, newest version first.
   */
  public List<ReleaseTag> releaseTags() {
    Optional<RevCommit> head = head();
    if (head.isEmpty()) {
      return List.of();
    }
    List<ReleaseTag> tags = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit headCommit = walk.parseCommit(head.get());
      for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        String name = ref.getName().substring(Constants.R_TAGS.length());
        Optional<SemanticVersion> version = SemanticVersion.fromTag(name);
        if (version.isEmpty()) {
          continue;
        }
        Ref peeled = repository.getRefDatabase().peel(ref);
        ObjectId target =
            peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
        RevCommit commit = walk.parseCommit(target);
        if (walk.isMergedInto(commit, headCommit)) {
          tags.add(new ReleaseTag(name, version.get(), commit.getId().name()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tags of " + workTree, e);
    }
    tags.sort(Comparator.comparing(ReleaseTag::version).reversed());
    return tags;
  }

  /**
   * The newest release tag reachable from HEAD that is not {@code current} (so re-running a
   * release whose tag already exists still compares with the one before).
   */
  public Optional<ReleaseTag> previousRelease(Optional<SemanticVersion> current) {
    return releaseTags().stream()
        .filter(tag -> current.map(c -> tag.version().compareTo(c) < 0).orElse(true))
        .findFirst();
  }

  /** The file at {@code gitPath} as it was at {@code tag}, or empty when it did not exist. */
  public Optional<byte[]> readAt(ReleaseTag tag, String gitPath) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(tag.commit()));
      try (TreeWalk tree = TreeWalk.forPath(repository, gitPath, commit.getTree())) {
        if (tree == null) {
          return Optional.empty();
        }
        ObjectLoader loader = repository.open(tree.getObjectId(0));
        return Optional.of(loader.getBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + gitPath + " at " + tag.name(), e);
    }
  }

  /**
   * Every file below the folder {@code gitDirectory} as it was at {@code tag}: path relative to
   * the repository root → content. Empty when the folder did not exist then.
   */
  public Map<String, byte[]> readTreeAt(ReleaseTag tag, String gitDirectory) {
    String prefix = gitDirectory.endsWith("/") ? gitDirectory : gitDirectory + "/";
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(tag.commit()));
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      tree.setFilter(PathFilter.create(prefix.substring(0, prefix.length() - 1)));
      while (tree.next()) {
        if (tree.getPathString().startsWith(prefix)) {
          files.put(tree.getPathString(), repository.open(tree.getObjectId(0)).getBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + gitDirectory + " at " + tag.name(), e);
    }
    return files;
  }

  /**
   * Writes every file of {@code tag}'s tree below {@code folder} (a checkout without a working
   * copy: no {@code .git}, the repository untouched); executable bits are kept.
   */
  public void exportAt(ReleaseTag tag, java.nio.file.Path folder) {
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(tag.commit()));
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        java.nio.file.Path file = folder.resolve(tree.getPathString());
        java.nio.file.Files.createDirectories(file.getParent());
        java.nio.file.Files.write(file, repository.open(tree.getObjectId(0)).getBytes());
        if (tree.getFileMode(0) == org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) {
          file.toFile().setExecutable(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export " + tag.name() + " to " + folder, e);
    }
  }

  @Override
  public void close() {
    repository.close();
  }
}
