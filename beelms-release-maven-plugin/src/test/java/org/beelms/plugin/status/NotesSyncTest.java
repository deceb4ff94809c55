package org.beelms.plugin.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.beelms.plugin.git.TempGitRepo;
import org.beelms.plugin.release.ReleaseRecordStore;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local release records against a remote's, with real JGit repositories in temporary folders. */
class NotesSyncTest {

  @TempDir Path work;

  private static void note(Git git, String message) throws Exception {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit head = walk.parseCommit(git.getRepository().resolve("HEAD"));
      git.notesAdd().setNotesRef(ReleaseRecordStore.NOTES_REF).setObjectId(head).setMessage(message).call();
    }
  }

  private static ObjectId notes(Git git) throws Exception {
    return git.getRepository().resolve(ReleaseRecordStore.NOTES_REF);
  }

  private static NotesSync sync(Git git, String remote) {
    return new NotesSync(git.getRepository(), remote, Optional.empty(), Duration.ofSeconds(5));
  }

  @Test
  void tellsWhenTheLocalRecordsAreBehindAndFetchesThemFastForward() throws Exception {
    try (TempGitRepo origin = TempGitRepo.init(work.resolve("origin"))) {
      origin.write("a.txt", "a").commitAll("feat: a");
      note(origin.git(), record(origin.git(), "2026-01-01T09:30:00Z"));
      try (Git local = Git.cloneRepository().setURI(origin.root().toUri().toString())
          .setDirectory(work.resolve("local").toFile()).call()) {
        // A clone does not fetch notes: the remote's records are not here.
        NotesSync.Result behind = sync(local, "origin").compare();
        assertEquals(NotesSync.State.BEHIND, behind.state(), behind.message());
        assertTrue(behind.behind());
        assertTrue(behind.message().contains("git fetch origin refs/notes/beelms-release:refs/notes/beelms-release"),
            behind.message());

        NotesSync.Result fetched = sync(local, "origin").fetchAndCompare();
        assertEquals(NotesSync.State.UP_TO_DATE, fetched.state(), fetched.message());
        assertTrue(fetched.fetched());
        assertEquals(notes(origin.git()), notes(local));

        // A deploy recorded locally, not pushed yet.
        note(local, record(local, "2026-01-01T10:00:00Z"));
        NotesSync.Result ahead = sync(local, "origin").fetchAndCompare();
        assertEquals(NotesSync.State.AHEAD, ahead.state(), ahead.message());
        assertTrue(ahead.message().contains("git push origin refs/notes/beelms-release"), ahead.message());

        // Meanwhile another deploy was recorded on the remote: both changed; the fetch merges them
        // entry by entry, keeping the local ones, and the local side is then ahead (to be pushed).
        ObjectId localNotes = notes(local);
        note(origin.git(), record(origin.git(), "2026-01-01T11:00:00Z"));
        NotesSync.Result merged = sync(local, "origin").fetchAndCompare();
        assertEquals(NotesSync.State.AHEAD, merged.state(), merged.message());
        assertTrue(merged.fetched());
        try (RevWalk walk = new RevWalk(local.getRepository())) {
          RevCommit mergeCommit = walk.parseCommit(notes(local));
          assertEquals(2, mergeCommit.getParentCount());
          assertEquals(localNotes, mergeCommit.getParent(0));
        }
        String kept = new org.beelms.plugin.release.ReleaseRecordStore(local.getRepository())
            .read(local.getRepository().resolve("HEAD").name()).orElseThrow().toJson();
        assertTrue(kept.contains("2026-01-01T10:00:00Z") && kept.contains("2026-01-01T11:00:00Z"), kept);
      }
    }
  }

  /** A release record of HEAD with one staging deploy at {@code at}. */
  private static String record(Git git, String at) throws Exception {
    String head = git.getRepository().resolve("HEAD").name();
    return "{\"version\":\"0.1.0\",\"tag\":\"v0.1.0\",\"commit\":\"" + head + "\",\"createdAt\":\"2026-01-01T09:00:00Z\","
        + "\"smoke\":{\"staging\":{\"at\":\"" + at + "\",\"deployments\":[{\"action\":\"deploy\","
        + "\"environment\":\"staging\",\"at\":\"" + at + "\",\"by\":\"ci\"}]}}}";
  }

  @Test
  void saysItCouldNotCompareWhenTheRemoteCannotBeReached() throws Exception {
    try (TempGitRepo repo = TempGitRepo.init(work.resolve("repo"))) {
      repo.write("a.txt", "a").commitAll("feat: a");
      repo.git().remoteAdd().setName("origin")
          .setUri(new org.eclipse.jgit.transport.URIish("http://127.0.0.1:9/beelms/core.git")).call();

      long start = System.nanoTime();
      NotesSync.Result offline = sync(repo.git(), "origin").fetchAndCompare();

      assertEquals(NotesSync.State.NOT_COMPARED, offline.state());
      assertTrue(offline.message().startsWith("could not compare the release records with origin: "), offline.message());
      assertFalse(offline.behind());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "bounded");

      NotesSync.Result none = sync(repo.git(), "upstream").compare();
      assertEquals(NotesSync.State.NO_REMOTE, none.state());
      assertTrue(none.message().contains("has no remote 'upstream' (-Dbeelms.status.remote)"), none.message());
    }
  }

  @Test
  void aRemoteWithoutRecordsIsSaidSo() throws Exception {
    try (TempGitRepo origin = TempGitRepo.init(work.resolve("origin"))) {
      origin.write("a.txt", "a").commitAll("feat: a");
      try (Git local = Git.cloneRepository().setURI(origin.root().toUri().toString())
          .setDirectory(work.resolve("local").toFile()).call()) {
        note(local, "{}");
        NotesSync.Result result = sync(local, "origin").compare();
        assertEquals(NotesSync.State.REMOTE_HAS_NONE, result.state());
        assertTrue(result.message().endsWith("push the local records: git push origin refs/notes/beelms-release"),
            result.message());
      }
    }
  }
}
