package org.beelms.plugin.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseTaggerTest {

  private static final String MESSAGE =
      "beelms core 0.2.0 (v0.2.0), changes since v0.1.0\nFeatures: 1 (feat: courses)\n";
  private static final String PASSWORD = "s3cr3t-Pa55-word";

  @TempDir Path dir;
  @TempDir Path remoteDir;
  private TempGitRepo repo;
  private RevCommit head;

  @BeforeEach
  void committedProject() throws Exception {
    repo = TempGitRepo.init(dir);
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("user", null, "name", "Rel Ease");
    config.setString("user", null, "email", "rel@example.test");
    config.save();
    head = repo.write(".gitignore", "target/\n").write("a.txt", "a").commitAll("feat: courses");
  }

  private ReleaseTaggerSettings settings() {
    return ReleaseTaggerSettings.of(dir, "0.2.0", MESSAGE);
  }

  private static ReleaseTaggerResult tag(ReleaseTaggerSettings settings) throws Exception {
    return new ReleaseTagger(settings).tag(ReleaseListener.NONE);
  }

  private Ref localTag() throws Exception {
    return repo.git().getRepository().exactRef("refs/tags/v0.2.0");
  }

  private static List<String> errors(GateResult result) {
    return result.findingsAtLeast(Severity.ERROR).stream().map(Finding::message).toList();
  }

  private Git bareRemote() throws Exception {
    Git bare = Git.init().setBare(true).setDirectory(remoteDir.toFile()).call();
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", remoteDir.toUri().toString());
    config.save();
    return bare;
  }

  @Test
  void createsAnAnnotatedTagOnHeadWithTheSummary() throws Exception {
    ReleaseTaggerResult result = tag(settings());
    assertEquals(GateStatus.PASSED, result.gate().status(), () -> errors(result.gate()).toString());
    assertEquals(ReleaseTaggerResult.Action.CREATED, result.action());
    assertEquals(ReleaseTaggerResult.Push.NOT_REQUESTED, result.push());
    assertEquals(head.getName(), result.commit());
    try (RevWalk walk = new RevWalk(repo.git().getRepository())) {
      RevTag tag = walk.parseTag(localTag().getObjectId());
      assertEquals(MESSAGE, tag.getFullMessage());
      assertEquals("Rel Ease", tag.getTaggerIdent().getName());
      assertEquals("rel@example.test", tag.getTaggerIdent().getEmailAddress());
      assertEquals(head, walk.peel(tag));
    }
  }

  @Test
  void refusesADirtyTree() throws Exception {
    repo.write("a.txt", "changed").write("notes.txt", "new");
    ReleaseTaggerResult result = tag(settings());
    assertEquals(GateStatus.FAILED, result.gate().status());
    assertEquals(ReleaseTaggerResult.Action.REFUSED, result.action());
    assertEquals(
        List.of("the work tree is not clean (uncommitted: a.txt; untracked: notes.txt); not tagging"),
        errors(result.gate()));
    assertNull(localTag());
  }

  @Test
  void reRunningOnTheTaggedCommitChangesNothing() throws Exception {
    tag(settings());
    ObjectId tagObject = localTag().getObjectId();
    ReleaseTaggerResult again = tag(settings());
    assertEquals(GateStatus.PASSED, again.gate().status());
    assertEquals(ReleaseTaggerResult.Action.ALREADY_ON_HEAD, again.action());
    assertTrue(again.gate().findings().get(0).message().contains("nothing to tag"));
    assertEquals(tagObject, localTag().getObjectId());
  }

  @Test
  void aTagOnAnotherCommitIsAnErrorAndStaysWhereItIs() throws Exception {
    tag(settings());
    ObjectId tagObject = localTag().getObjectId();
    RevCommit next = repo.write("b.txt", "b").commitAll("fix: later");
    ReleaseTaggerResult result = tag(settings());
    assertEquals(GateStatus.FAILED, result.gate().status());
    Finding error = result.gate().findingsAtLeast(Severity.ERROR).get(0);
    assertEquals(
        "tag v0.2.0 already exists on commit " + head.getName().substring(0, 7)
            + " but HEAD is commit " + next.getName().substring(0, 7)
            + "; the existing tag was left untouched",
        error.message());
    assertTrue(error.fix().startsWith("never move a release tag: bump the version in pom.xml (e.g. 0.2.1)"),
        error.fix());
    assertEquals(tagObject, localTag().getObjectId());
  }

  @Test
  void pushesOnlyThatTagToTheRemote() throws Exception {
    try (Git bare = bareRemote()) {
      ReleaseTaggerResult result =
          tag(settings().withPush("origin", Optional.of(new GitCredentials("ci", PASSWORD, "test"))));
      assertEquals(GateStatus.PASSED, result.gate().status(), () -> errors(result.gate()).toString());
      assertEquals(ReleaseTaggerResult.Push.PUSHED, result.push());
      Repository remote = bare.getRepository();
      assertEquals(localTag().getObjectId(), remote.exactRef("refs/tags/v0.2.0").getObjectId());
      assertEquals(List.of("refs/tags/v0.2.0"),
          remote.getRefDatabase().getRefs().stream().map(Ref::getName).toList());

      ReleaseTaggerResult again = tag(settings().withPush("origin", Optional.empty()));
      assertEquals(ReleaseTaggerResult.Action.ALREADY_ON_HEAD, again.action());
      assertEquals(ReleaseTaggerResult.Push.UP_TO_DATE, again.push());
    }
  }

  @Test
  void aRemoteTagOnAnotherCommitIsNotOverwritten(@TempDir Path otherDir) throws Exception {
    try (Git bare = bareRemote();
        TempGitRepo other = TempGitRepo.init(otherDir)) {
      other.write("x.txt", "elsewhere").commitAll("feat: elsewhere");
      other.tag("v0.2.0");
      other.git().push().setRemote(remoteDir.toUri().toString()).add("refs/tags/v0.2.0").call();
      ObjectId remoteTag = bare.getRepository().exactRef("refs/tags/v0.2.0").getObjectId();

      ReleaseTaggerResult result = tag(settings().withPush("origin", Optional.empty()));
      assertEquals(ReleaseTaggerResult.Push.FAILED, result.push());
      assertTrue(errors(result.gate()).get(0).contains(
          "the remote already has a tag v0.2.0 on another commit"), errors(result.gate()).get(0));
      assertEquals(remoteTag, bare.getRepository().exactRef("refs/tags/v0.2.0").getObjectId());
      assertNotNull(localTag());
    }
  }

  @Test
  void aFailedPushKeepsTheLocalTagAndSaysHowToPushByHand() throws Exception {
    Path missing = remoteDir.resolve("no-such-remote.git");
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", missing.toUri().toString());
    config.save();
    List<String> events = new ArrayList<>();
    ReleaseListener listener = new ReleaseListener() {
      @Override
      public void progress(String gate, String message) {
        events.add(message);
      }
    };
    ReleaseTaggerSettings settings =
        settings().withPush("origin", Optional.of(new GitCredentials("ci", PASSWORD, "test")));
    ReleaseTaggerResult result = new ReleaseTagger(settings).tag(listener);

    assertEquals(GateStatus.FAILED, result.gate().status());
    assertEquals(ReleaseTaggerResult.Action.CREATED, result.action());
    assertEquals(ReleaseTaggerResult.Push.FAILED, result.push());
    assertNotNull(localTag(), "the local tag stays");
    Finding error = result.gate().findingsAtLeast(Severity.ERROR).get(0);
    assertTrue(error.message().startsWith("pushing v0.2.0 to origin ("), error.message());
    assertTrue(error.message().endsWith("; the local tag v0.2.0 stays as it is"), error.message());
    assertTrue(error.fix().contains("push by hand: git push origin refs/tags/v0.2.0"), error.fix());
    List<String> everything = new ArrayList<>(events);
    result.gate().findings().forEach(f -> everything.add(f.message() + f.where() + f.fix()));
    everything.add(settings.toString());
    everything.forEach(text -> assertFalse(text.contains(PASSWORD), text));
  }

  @Test
  void anUnknownRemoteIsReportedWithoutTouchingTheTag() throws Exception {
    ReleaseTaggerResult result = tag(settings().withPush("upstream", Optional.empty()));
    assertEquals(ReleaseTaggerResult.Push.FAILED, result.push());
    assertNotNull(localTag());
    assertTrue(errors(result.gate()).get(0).startsWith("cannot push v0.2.0: remote 'upstream' is not configured"));
  }

  @Test
  void dryRunSaysWhatItWouldDoAndChangesNothing() throws Exception {
    try (Git bare = bareRemote()) {
      ReleaseTaggerResult result =
          tag(settings().withPush("origin", Optional.empty()).withDryRun(true));
      assertEquals(GateStatus.PASSED, result.gate().status());
      assertEquals(ReleaseTaggerResult.Action.WOULD_CREATE, result.action());
      assertEquals(ReleaseTaggerResult.Push.WOULD_PUSH, result.push());
      assertTrue(result.gate().findings().get(0).message().startsWith(
          "dry run: would create annotated tag v0.2.0 on " + head.getName().substring(0, 7)
              + " by Rel Ease <rel@example.test>"));
      assertTrue(result.gate().findings().get(1).message().startsWith("dry run: would push refs/tags/v0.2.0 to origin ("));
      assertNull(localTag());
      assertTrue(bare.getRepository().getRefDatabase().getRefs().isEmpty());
    }
  }

  @Test
  void derivedVersionReRunKeepsTheTagOnHead() throws Exception {
    repo.tag("v0.1.0");
    repo.write("b.txt", "b").commitAll("fix: b");
    ReleaseTaggerSettings derived =
        new ReleaseTaggerSettings(dir, "0.1.1-SNAPSHOT", true, MESSAGE, "n", "e@x", false,
            "origin", Optional.empty(), false, Optional.empty());
    assertEquals("v0.1.1", tag(derived).tag());
    ReleaseTaggerResult again = tag(derived);
    assertEquals("v0.1.1", again.tag());
    assertEquals(ReleaseTaggerResult.Action.ALREADY_ON_HEAD, again.action());
  }

  @Test
  void credentialsComeFromTheEnvironmentAndNeverShowThePassword() {
    GitCredentials creds =
        GitCredentials.fromEnvironment(Map.of(
            GitCredentials.ENV_USERNAME, "ci", GitCredentials.ENV_PASSWORD, PASSWORD)).orElseThrow();
    assertEquals("ci", creds.username());
    assertFalse(creds.toString().contains(PASSWORD));
    assertEquals(Optional.empty(), GitCredentials.fromEnvironment(Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GitCredentials.fromEnvironment(Map.of(GitCredentials.ENV_PASSWORD, PASSWORD)));
    assertFalse(e.getMessage().contains(PASSWORD));
  }
}
