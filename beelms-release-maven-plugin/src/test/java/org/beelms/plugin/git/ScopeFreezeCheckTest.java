package org.beelms.plugin.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeFreezeCheckTest {

  private static final String SPEC = "docs/architecture/openapi.yaml";

  @TempDir Path dir;
  private TempGitRepo repo;

  @BeforeEach
  void cleanReleaseCandidate() {
    repo = TempGitRepo.init(dir);
    repo.write(".gitignore", "target/\n")
        .write(SPEC, "openapi: 3.0.3\ninfo:\n  title: beelms core\n  version: 0.2.0\npaths: {}\n")
        .commitAll("feat: first");
  }

  private GateResult check(String version, boolean derive) throws Exception {
    return check(version, derive, Optional.empty(), Optional.empty());
  }

  private GateResult check(
      String version, boolean derive, Optional<Path> buildDirectory, Optional<String> releaseCommit)
      throws Exception {
    return new ScopeFreezeCheck(
            new ScopeFreezeSettings(
                dir,
                List.of("main", "release/*"),
                version,
                derive,
                Optional.of(dir.resolve(SPEC)),
                true,
                buildDirectory,
                releaseCommit))
        .check(ReleaseListener.NONE);
  }

  @Test
  void theBuildDirectoryIsNeverAFindingEvenWhenGitDoesNotIgnoreIt() throws Exception {
    repo.write(".gitignore", "be/node_modules/\n").commitAll("chore: the real core ignores no target/");
    repo.write("target/beelms-release/summary.json", "[]").write("target/beelms-release/release.json", "{}");
    assertEquals(
        List.of("untracked file: target/beelms-release/release.json",
            "untracked file: target/beelms-release/summary.json"),
        errors(check("0.2.0", false)), "without the build directory the plugin's output counts");
    GateResult withBuildDirectory =
        check("0.2.0", false, Optional.of(dir.resolve("target")), Optional.empty());
    assertEquals(List.of(), errors(withBuildDirectory));
    // Anything else still counts.
    repo.write("targets.md", "x");
    assertEquals(List.of("untracked file: targets.md"),
        errors(check("0.2.0", false, Optional.of(dir.resolve("target")), Optional.empty())));
  }

  @Test
  void acceptsExactlyTheReleaseCommitPrepareJustMadeAheadOfTheUpstream() throws Exception {
    Path remoteDir = dir.resolveSibling(dir.getFileName() + "-origin");
    try (Git remote = Git.init().setBare(true).setDirectory(remoteDir.toFile()).call()) {
      track(remoteDir);
      String release = repo.write("pom.xml", "<version>0.2.0</version>")
          .commitAll("chore(release): 0.2.0").getId().name();
      GateResult accepted = check("0.2.0", false, Optional.empty(), Optional.of(release));
      assertEquals(GateStatus.PASSED, accepted.status(), accepted.toString());
      assertTrue(accepted.findings().stream().anyMatch(f -> f.message().contains(
          "1 commit ahead of refs/remotes/origin/main: the release commit prepare just made")),
          accepted.toString());

      // Another commit on top: two ahead, refused although the release commit is among them.
      repo.write("CHANGELOG.md", "x").commitAll("docs: changelog");
      assertEquals(
          List.of("branch 'main' is 2 commit(s) ahead of and 0 behind refs/remotes/origin/main"),
          errors(check("0.2.0", false, Optional.empty(), Optional.of(release))));
    }
  }

  @Test
  void anUnpushedCommitThatIsNotTheReleaseCommitIsRefused() throws Exception {
    Path remoteDir = dir.resolveSibling(dir.getFileName() + "-origin2");
    try (Git remote = Git.init().setBare(true).setDirectory(remoteDir.toFile()).call()) {
      track(remoteDir);
      String release = repo.git().getRepository().resolve("HEAD").name();
      repo.write("CHANGELOG.md", "x").commitAll("docs: changelog");
      assertEquals(
          List.of("branch 'main' is 1 commit(s) ahead of and 0 behind refs/remotes/origin/main"),
          errors(check("0.2.0", false, Optional.empty(), Optional.of(release))));
    }
  }

  /** origin = the bare repository at {@code remoteDir}, main pushed and tracking it. */
  private void track(Path remoteDir) throws Exception {
    StoredConfig config = repo.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", remoteDir.toUri().toString());
    config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
    config.setString("branch", "main", "remote", "origin");
    config.setString("branch", "main", "merge", "refs/heads/main");
    config.save();
    repo.git().push().setRemote("origin").add("main").call();
  }

  private static List<String> errors(GateResult result) {
    return result.findingsAtLeast(Severity.ERROR).stream().map(Finding::message).toList();
  }

  @Test
  void aReleaseTagOnAnotherCommitStopsTheRunBeforeTheImageIsPushed() throws Exception {
    String tagged = repo.tag("v0.2.0").git().getRepository().resolve("HEAD").name();
    GateResult rerun = check("0.2.0", false);
    assertEquals(GateStatus.PASSED, rerun.status(), () -> errors(rerun).toString());
    assertTrue(rerun.findings().stream().anyMatch(f -> f.message().equals(
        "tag v0.2.0 is already on HEAD: a re-run of that release")), rerun.toString());

    // A forgotten version bump: the next commit is still 0.2.0.
    String head = repo.write("CHANGELOG.md", "x").commitAll("fix: later").getId().name();
    GateResult refused = check("0.2.0", false);
    assertEquals(GateStatus.FAILED, refused.status());
    assertEquals(List.of("tag v0.2.0 already tags commit " + tagged.substring(0, 7) + ", not HEAD "
        + head.substring(0, 7) + ": releasing 0.2.0 again would push the image's :v0.2.0 over that release's"),
        errors(refused));
    Finding error = refused.findingsAtLeast(Severity.ERROR).get(0);
    assertEquals("refs/tags/v0.2.0", error.where());
    assertTrue(error.fix().startsWith("bump the version in pom.xml (e.g. 0.2.1)"), error.fix());
  }

  @Test
  void passesOnACleanReleaseBranchWithMatchingVersions() throws Exception {
    repo.write("target/ignored.txt", "build output is ignored");
    GateResult result = check("0.2.0", false);
    assertEquals(GateStatus.PASSED, result.status(), () -> errors(result).toString());
    assertTrue(
        result.findings().stream().anyMatch(f -> f.message().equals("release version 0.2.0 (tag v0.2.0)")));
  }

  @Test
  void reportsEachUncommittedAndUntrackedFile() throws Exception {
    repo.write(SPEC, "openapi: 3.0.3\ninfo:\n  version: 0.2.0\npaths: {}\n").write("notes.txt", "x");
    GateResult result = check("0.2.0", false);
    assertEquals(GateStatus.FAILED, result.status());
    assertEquals(
        List.of("uncommitted change: " + SPEC, "untracked file: notes.txt"), errors(result));
    assertEquals("notes.txt", result.findingsAtLeast(Severity.ERROR).get(1).where());
  }

  @Test
  void refusesABranchThatIsNotARelease() throws Exception {
    repo.checkoutNewBranch("feature/x");
    GateResult result = check("0.2.0", false);
    assertEquals(List.of("HEAD is on branch 'feature/x', not a release branch"), errors(result));
  }

  @Test
  void acceptsAReleaseBranchGlob() throws Exception {
    repo.checkoutNewBranch("release/0.2");
    assertEquals(GateStatus.PASSED, check("0.2.0", false).status());
  }

  @Test
  void refusesASnapshotUnlessDerived() throws Exception {
    GateResult refused = check("0.2.0-SNAPSHOT", false);
    assertEquals(1, errors(refused).size());
    assertTrue(errors(refused).get(0).contains("-Dbeelms.deriveVersion=true"), errors(refused).get(0));

    repo.tag("v0.1.4");
    // Re-running the release of the tagged commit keeps its version: the spec says 0.2.0.
    assertEquals(
        List.of("the API document says info.version 0.2.0 but the release is 0.1.4"),
        errors(check("0.2.0-SNAPSHOT", true)));

    repo.write("CHANGELOG.md", "x").commitAll("docs: changelog");
    GateResult derived = check("0.2.0-SNAPSHOT", true);
    // The spec says 0.2.0 but the derived release is 0.1.5: that mismatch is the only error.
    assertEquals(
        List.of("the API document says info.version 0.2.0 but the release is 0.1.5"),
        errors(derived));
    assertEquals(dir.resolve(SPEC) + ":4", derived.findingsAtLeast(Severity.ERROR).get(0).where());
  }

  @Test
  void refusesHeadThatDiffersFromItsUpstream() throws Exception {
    Path remoteDir = dir.resolveSibling(dir.getFileName() + "-remote");
    try (Git remote = Git.init().setBare(true).setDirectory(remoteDir.toFile()).call()) {
      track(remoteDir);
      assertEquals(GateStatus.PASSED, check("0.2.0", false).status());

      repo.write("CHANGELOG.md", "x").commitAll("docs: changelog");
      GateResult ahead = check("0.2.0", false);
      assertEquals(
          List.of(
              "branch 'main' is 1 commit(s) ahead of and 0 behind refs/remotes/origin/main"),
          errors(ahead));
    }
  }
}
