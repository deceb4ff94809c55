package org.beelms.plugin.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Keeps release records where a later build finds them even from a fresh clone: as a git note on
 * the released commit, under its own notes ref, so the record travels with the repository
 * ({@code git push origin refs/notes/beelms-release}; {@code git fetch origin
 * refs/notes/beelms-release:refs/notes/beelms-release}) and never touches the commit or the tag.
 */
public final class ReleaseRecordStore {

  public static final String NOTES_REF = "refs/notes/beelms-release";

  private final Repository repository;

  public ReleaseRecordStore(Repository repository) {
    this.repository = repository;
  }

  /** Attaches the record to its commit, replacing an earlier record of the same commit. */
  public void attach(ReleaseRecord record) {
    try (Git git = new Git(repository); RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(record.commit()));
      git.notesAdd()
          .setNotesRef(NOTES_REF)
          .setObjectId(commit)
          .setMessage(record.toJson())
          .call();
    } catch (IOException | GitAPIException e) {
      throw new IllegalStateException(
          "cannot attach the release record of " + record.tag() + " as a git note (" + NOTES_REF
              + "): " + e.getMessage(),
          e);
    }
  }

  /** The record attached to {@code commit}, or empty when it has none. */
  public Optional<ReleaseRecord> read(String commit) {
    try (Git git = new Git(repository); RevWalk walk = new RevWalk(repository)) {
      RevCommit parsed = walk.parseCommit(ObjectId.fromString(commit));
      Note note = git.notesShow().setNotesRef(NOTES_REF).setObjectId(parsed).call();
      if (note == null) {
        return Optional.empty();
      }
      String json =
          new String(repository.open(note.getData()).getBytes(), StandardCharsets.UTF_8);
      return Optional.of(ReleaseRecord.fromJson(json, "the git note " + NOTES_REF + " on " + commit));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the release record of " + commit, e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot read the git note of " + commit + ": " + e.getMessage(), e);
    }
  }
}
