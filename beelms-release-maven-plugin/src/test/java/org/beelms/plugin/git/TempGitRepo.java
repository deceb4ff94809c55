package org.beelms.plugin.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real git repository in a temporary folder, built with JGit, for the tests of every gate that
 * reads history. Nothing here touches the project's own repository.
 */
public final class TempGitRepo implements AutoCloseable {

  private static final PersonIdent AUTHOR =
      new PersonIdent("Release Tester", "release-tester@example.test");

  private final Git git;
  private final Path root;

  private TempGitRepo(Git git, Path root) {
    this.git = git;
    this.root = root;
  }

  /** A new repository in {@code folder} (e.g. a JUnit {@code @TempDir}) on branch {@code main}. */
  public static TempGitRepo init(Path folder) {
    try {
      Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call();
      return new TempGitRepo(git, folder);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create a git repository in " + folder, e);
    }
  }

  /** The existing repository in {@code folder}, e.g. one a fixture built earlier. */
  public static TempGitRepo open(Path folder) {
    try {
      return new TempGitRepo(Git.open(folder.toFile()), folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the git repository in " + folder, e);
    }
  }

  public Path root() {
    return root;
  }

  public Git git() {
    return git;
  }

  /** Writes {@code content} to {@code relativePath} in the work tree (not staged). */
  public TempGitRepo write(String relativePath, String content) {
    try {
      Path file = root.resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies {@code source} to {@code relativePath} in the work tree (not staged). */
  public TempGitRepo copy(Path source, String relativePath) {
    try {
      Path file = root.resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.copy(source, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TempGitRepo delete(String relativePath) {
    try {
      Files.deleteIfExists(root.resolve(relativePath));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stages everything (additions, changes and deletions) and commits it. */
  public RevCommit commitAll(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      return git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
    } catch (GitAPIException e) {
      throw new IllegalStateException("commit failed in " + root, e);
    }
  }

  /** An annotated tag on HEAD, as releases are tagged. */
  public TempGitRepo tag(String name) {
    try {
      git.tag().setName(name).setAnnotated(true).setMessage("Release " + name).setTagger(AUTHOR).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot tag " + name + " in " + root, e);
    }
  }

  public TempGitRepo checkoutNewBranch(String name) {
    try {
      git.checkout().setCreateBranch(true).setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot create branch " + name, e);
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
