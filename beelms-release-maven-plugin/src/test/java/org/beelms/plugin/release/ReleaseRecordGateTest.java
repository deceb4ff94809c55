package org.beelms.plugin.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.TempGitRepo;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release record step of release-candidate, on a real repository: written, attached, kept. */
class ReleaseRecordGateTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC);
  private static final ReleaseListener QUIET = new ReleaseListener() {};

  @TempDir Path dir;

  private ReleaseRecordGate gate(TempGitRepo repo, boolean dryRun) throws Exception {
    Path out = Files.createDirectories(repo.root().resolve("target/beelms-release"));
    return new ReleaseRecordGate(
        new ReleaseRecordGate.Settings(repo.root(), out, repo.root().resolve("db/migration"), Optional.empty(),
            "0.2.0", false, dryRun, "origin", Optional.empty(), false),
        List.of(), CLOCK);
  }

  private static TempGitRepo repository(Path folder) {
    TempGitRepo repo = TempGitRepo.init(folder);
    repo.write("db/migration/V1__init.sql", "create table a (id int);\n");
    repo.commitAll("feat: first");
    return repo;
  }

  @Test
  void aDryRunWritesTheRecordFileAndAttachesNothing() throws Exception {
    try (TempGitRepo repo = repository(dir.resolve("repo"))) {
      ReleaseRecordGate gate = gate(repo, true);

      GateResult result = gate.check(QUIET);

      assertEquals(GateStatus.PASSED, result.status(), result.findings().toString());
      ReleaseRecordGate.Written written = gate.written().orElseThrow();
      assertTrue(Files.isRegularFile(written.file()), written.file().toString());
      assertEquals("v0.2.0", written.record().tag());
      assertTrue(result.findings().stream().map(Finding::message).anyMatch(m -> m.startsWith("dry run")));
      String head = repo.git().getRepository().resolve("HEAD").name();
      assertEquals(Optional.empty(), new ReleaseRecordStore(repo.git().getRepository()).read(head));
      List<String> summary = ReleaseRecordGate.summary(written, written.file().getParent(), true);
      assertTrue(summary.get(0).contains("dry run"), summary.toString());
      assertTrue(summary.get(1).contains("v0.2.0 (not created) on " + head.substring(0, 7)), summary.toString());
    }
  }

  @Test
  void aRealRunAttachesTheRecordAsANoteAndSaysItWasNotPushed() throws Exception {
    try (TempGitRepo repo = repository(dir.resolve("repo"))) {
      ReleaseRecordGate gate = gate(repo, false);

      GateResult result = gate.check(QUIET);

      assertEquals(GateStatus.PASSED, result.status(), result.findings().toString());
      String head = repo.git().getRepository().resolve("HEAD").name();
      ReleaseRecord attached = new ReleaseRecordStore(repo.git().getRepository()).read(head).orElseThrow();
      assertEquals("v0.2.0", attached.tag());
      assertTrue(result.findings().stream().map(Finding::message)
          .anyMatch(m -> m.contains("not pushed") && m.contains("git push origin refs/notes/beelms-release")),
          result.findings().toString());
    }
  }

  @Test
  void aNoteThatIsNotARecordIsReplacedWithAWarningInTheResult() throws Exception {
    try (TempGitRepo repo = repository(dir.resolve("repo"))) {
      ObjectId head = repo.git().getRepository().resolve("HEAD");
      try (RevWalk walk = new RevWalk(repo.git().getRepository())) {
        repo.git().notesAdd().setNotesRef(ReleaseRecordStore.NOTES_REF)
            .setObjectId(walk.parseCommit(head)).setMessage("not json").call();
      }

      GateResult result = gate(repo, false).check(QUIET);

      assertFalse(result.failed(), result.findings().toString());
      assertTrue(result.findings().stream().anyMatch(f -> f.severity() == Severity.WARNING
          && f.message().contains("is not a release record and is replaced")), result.findings().toString());
      assertEquals("v0.2.0",
          new ReleaseRecordStore(repo.git().getRepository()).read(head.name()).orElseThrow().tag());
    }
  }
}
