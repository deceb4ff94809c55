package org.beelms.plugin.supplychain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Files as they are in one commit, not in the working tree: the SBOM lists what the released
 * commit locks, whatever lies uncommitted on the build machine.
 */
public final class CommitFiles {

  private final Repository repository;
  private final String commit;

  public CommitFiles(Repository repository, String commit) {
    this.repository = repository;
    this.commit = commit;
  }

  /** The file at {@code gitPath} (relative to the repository root); empty when not in the commit. */
  public Optional<byte[]> read(String gitPath) {
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit parsed = walk.parseCommit(ObjectId.fromString(commit));
      try (TreeWalk tree = TreeWalk.forPath(repository, gitPath, parsed.getTree())) {
        return tree == null ? Optional.empty() : Optional.of(repository.open(tree.getObjectId(0)).getBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + gitPath + " at " + commit, e);
    }
  }

  /** Hex SHA-256, e.g. of a jar for its SBOM hash. */
  public static String sha256Hex(byte[] bytes) {
    return Digests.sha256Hex(bytes);
  }
}
