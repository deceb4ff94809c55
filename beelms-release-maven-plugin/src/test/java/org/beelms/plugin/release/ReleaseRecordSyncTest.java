package org.beelms.plugin.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Release records shared through a real bare repository as the remote, written from two clones
 * (two runners), as a pipeline's jobs do.
 */
class ReleaseRecordSyncTest {

  @TempDir Path work;

  private static ReleaseRecord read(Git clone, ReleaseRecord record) {
    return new ReleaseRecordStore(clone.getRepository()).read(record.commit()).orElseThrow();
  }

  @Test
  void aFreshCloneSeesWhatAnotherClonePushed() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a"); Git b = remote.cloneAs("b")) {
      ReleaseRecord record = ReleaseRecordMergeTest.withEntry(SharedRemote.record(a), "deploy", "staging",
          "2026-01-01T10:00:00Z", "runner-a");
      new ReleaseRecordStore(a.getRepository()).attach(record);
      ReleaseRecordSync.Outcome pushed = SharedRemote.sync(a, "origin").push();
      assertEquals(ReleaseRecordSync.State.DONE, pushed.state(), pushed.message());

      ReleaseRecordSync.Outcome fetched = SharedRemote.sync(b, "origin").fetch();
      assertEquals(ReleaseRecordSync.State.DONE, fetched.state(), fetched.message());
      assertTrue(fetched.message().contains("fetched the release records from origin"), fetched.message());
      assertEquals(List.of("deploy@2026-01-01T10:00:00Z by runner-a"),
          ReleaseRecordMergeTest.entries(read(b, record), "staging"));
    }
  }

  @Test
  void twoClonesRecordingAtOnceKeepBothEntries() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a"); Git b = remote.cloneAs("b")) {
      ReleaseRecord base = SharedRemote.record(a);
      new ReleaseRecordStore(a.getRepository()).attach(base);
      SharedRemote.sync(a, "origin").push();
      SharedRemote.sync(b, "origin").fetch();
      // Each runner records its own deploy on its own clone, then both push at the same moment.
      new ReleaseRecordStore(a.getRepository()).attach(
          ReleaseRecordMergeTest.withEntry(base, "deploy", "staging", "2026-01-01T10:00:00Z", "runner-a"));
      new ReleaseRecordStore(b.getRepository()).attach(
          ReleaseRecordMergeTest.withEntry(base, "deploy", "production", "2026-01-01T10:00:01Z", "runner-b"));
      CyclicBarrier together = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<ReleaseRecordSync.Outcome>> pushes = pool.invokeAll(List.<Callable<ReleaseRecordSync.Outcome>>of(
            () -> { together.await(); return SharedRemote.sync(a, "origin").push(); },
            () -> { together.await(); return SharedRemote.sync(b, "origin").push(); }));
        for (Future<ReleaseRecordSync.Outcome> push : pushes) {
          assertTrue(!push.get().failed(), push.get().message());
        }
      } finally {
        pool.shutdownNow();
      }

      // A third runner, a fresh clone, sees both.
      try (Git c = remote.cloneAs("c")) {
        SharedRemote.sync(c, "origin").fetch();
        ReleaseRecord seen = read(c, base);
        assertEquals(List.of("deploy@2026-01-01T10:00:00Z by runner-a"), ReleaseRecordMergeTest.entries(seen, "staging"));
        assertEquals(List.of("deploy@2026-01-01T10:00:01Z by runner-b"), ReleaseRecordMergeTest.entries(seen, "production"));
      }
    }
  }

  @Test
  void aRejectedPushWarnsWithTheCommandAndKeepsTheLocalRecord() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a")) {
      ReleaseRecord record = ReleaseRecordMergeTest.withEntry(SharedRemote.record(a), "deploy", "staging",
          "2026-01-01T10:00:00Z", "runner-a");
      new ReleaseRecordStore(a.getRepository()).attach(record);
      String readOnly = remote.readOnly();

      ReleaseRecordSync.Outcome pushed = SharedRemote.sync(a, readOnly).push();

      assertEquals(ReleaseRecordSync.State.FAILED, pushed.state(), pushed.message());
      assertTrue(pushed.message().contains("git push " + readOnly + " refs/notes/beelms-release"), pushed.message());
      assertTrue(pushed.message().contains("the local records are kept"), pushed.message());
      assertEquals(record, read(a, record));
      assertEquals(null, remote.repository().resolve(ReleaseRecordStore.NOTES_REF));
    }
  }

  @Test
  void withoutARemoteTheRecordsStayLocalAndItSaysSo() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a")) {
      ReleaseRecordSync.Outcome pushed = SharedRemote.sync(a, "upstream").push();
      assertEquals(ReleaseRecordSync.State.NO_REMOTE, pushed.state());
      assertTrue(pushed.message().contains("no remote 'upstream'"), pushed.message());
    }
  }

  @Test
  void anUnreachableRemoteIsAFailedFetchNamingIt() throws Exception {
    try (SharedRemote remote = new SharedRemote(work); Git a = remote.cloneAs("a")) {
      String gone = work.resolve("no-such-remote.git").toUri().toString();
      ReleaseRecordSync.Outcome fetched = SharedRemote.sync(a, gone).fetch();
      assertEquals(ReleaseRecordSync.State.FAILED, fetched.state(), fetched.message());
      assertTrue(fetched.message().contains("going on with the local records"), fetched.message());
    }
  }
}
