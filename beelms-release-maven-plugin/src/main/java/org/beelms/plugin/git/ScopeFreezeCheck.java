package org.beelms.plugin.git;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Repository;

/**
 * Release plan 2.1, "Freeze на scope за release candidate": the release is cut from a clean,
 * committed tree on an allowed branch that matches its upstream, with a release version that the
 * API document states too. Read with JGit, no {@code git} binary.
 */
public final class ScopeFreezeCheck implements Gate {

  public static final String NAME = "scope-freeze";

  /** Beyond this many, changed files are summarised by count so the log stays readable. */
  private static final int LISTED_FILES = 20;

  private final ScopeFreezeSettings settings;

  public ScopeFreezeCheck(ScopeFreezeSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    List<Finding> findings = new ArrayList<>();
    try (ReleaseHistory history = ReleaseHistory.open(settings.projectDirectory())) {
      Repository repository = history.repository();
      if (history.head().isEmpty()) {
        findings.add(
            Finding.error(
                "the repository has no commit yet",
                history.workTree().toString(),
                "commit the release's sources first"));
        return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
      }
      checkCleanTree(TreeState.read(history, settings.buildDirectory()), findings);
      checkBranch(repository, findings);
      checkVersion(history, findings);
    }
    return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
  }

  private void checkCleanTree(TreeState tree, List<Finding> findings) {
    reportFiles(
        tree.uncommitted(),
        "uncommitted change",
        "commit or stash it; a release candidate is built only from committed sources",
        findings);
    reportFiles(
        tree.untracked(),
        "untracked file",
        "commit it, delete it, or add it to .gitignore",
        findings);
  }

  private static void reportFiles(
      SortedSet<String> files, String what, String fix, List<Finding> findings) {
    int listed = 0;
    for (String file : files) {
      if (listed++ == LISTED_FILES) {
        findings.add(
            Finding.error(
                "and " + (files.size() - LISTED_FILES) + " more " + what + "(s)", "", fix));
        return;
      }
      findings.add(Finding.error(what + ": " + file, file, fix));
    }
  }

  private void checkBranch(Repository repository, List<Finding> findings) throws IOException {
    String branch = repository.getBranch();
    String fullBranch = repository.getFullBranch();
    if (fullBranch == null || !fullBranch.startsWith("refs/heads/")) {
      findings.add(
          Finding.error(
              "HEAD is detached at " + branch,
              "HEAD",
              "check out one of the release branches " + settings.allowedBranches()));
      return;
    }
    boolean allowed =
        settings.allowedBranches().stream()
            .anyMatch(
                glob -> FileSystems.getDefault()
                    .getPathMatcher("glob:" + glob)
                    .matches(Path.of(branch)));
    if (!allowed) {
      findings.add(
          Finding.error(
              "HEAD is on branch '" + branch + "', not a release branch",
              "<branches> / -Dbeelms.scope-freeze.branches = " + settings.allowedBranches(),
              "check out a release branch, or add this branch to <branches>"));
    }
    BranchTrackingStatus tracking = BranchTrackingStatus.of(repository, branch);
    if (tracking == null) {
      findings.add(
          Finding.info("branch '" + branch + "' has no upstream; not compared with a remote", ""));
    } else if (isTheReleaseCommit(repository, tracking)) {
      findings.add(
          Finding.info(
              "branch '" + branch + "' is 1 commit ahead of " + tracking.getRemoteTrackingBranch()
                  + ": the release commit prepare just made; it is pushed with the tag at the end",
              "HEAD"));
    } else if (settings.requireUpstreamMatch()
        && (tracking.getAheadCount() > 0 || tracking.getBehindCount() > 0)) {
      findings.add(
          Finding.error(
              "branch '"
                  + branch
                  + "' is "
                  + tracking.getAheadCount()
                  + " commit(s) ahead of and "
                  + tracking.getBehindCount()
                  + " behind "
                  + tracking.getRemoteTrackingBranch(),
              "HEAD",
              "push or pull so the release candidate is what everyone sees on the remote"));
    }
  }

  /** Exactly one commit ahead, none behind, and that commit is the one prepare made in this run. */
  private boolean isTheReleaseCommit(Repository repository, BranchTrackingStatus tracking)
      throws IOException {
    if (settings.releaseCommit().isEmpty()
        || tracking.getAheadCount() != 1 || tracking.getBehindCount() != 0) {
      return false;
    }
    var head = repository.resolve(org.eclipse.jgit.lib.Constants.HEAD);
    return head != null && head.name().equals(settings.releaseCommit().get());
  }

  private void checkVersion(ReleaseHistory history, List<Finding> findings) throws IOException {
    SemanticVersion release;
    try {
      release =
          ReleaseVersion.resolve(settings.projectVersion(), settings.deriveVersion(), history);
    } catch (IllegalArgumentException e) {
      findings.add(Finding.error(e.getMessage(), "pom.xml <version>", ""));
      return;
    }
    findings.add(Finding.info("release version " + release + " (tag " + release.tagName() + ")", ""));
    checkTagFree(history, release, findings);
    if (settings.spec().isEmpty()) {
      return;
    }
    Path spec = settings.spec().get();
    if (!Files.isRegularFile(spec)) {
      findings.add(
          Finding.error(
              "the API document is missing",
              spec + " (<spec> / -Dbeelms.openapi.spec)",
              "point <spec> at the OpenAPI file, or set it empty to skip the version comparison"));
      return;
    }
    Optional<SpecVersion> stated = SpecVersion.read(spec);
    if (stated.isEmpty()) {
      findings.add(
          Finding.error(
              "the API document states no info.version",
              spec.toString(),
              "add 'version: " + release + "' under 'info:'"));
    } else if (!stated.get().value().equals(release.toString())) {
      findings.add(
          Finding.error(
              "the API document says info.version "
                  + stated.get().value()
                  + " but the release is "
                  + release,
              spec + ":" + stated.get().line(),
              "set info.version to " + release));
    }
  }

  /**
   * The release tag must be free or already on HEAD (a re-run): checked here, before the image
   * step pushes {@code :v<version>} to the registry, so a forgotten version bump stops the run
   * before anything leaves the machine, not at the tag step after the registry tag moved.
   */
  private static void checkTagFree(ReleaseHistory history, SemanticVersion release, List<Finding> findings)
      throws IOException {
    Repository repository = history.repository();
    String refName = org.eclipse.jgit.lib.Constants.R_TAGS + release.tagName();
    org.eclipse.jgit.lib.Ref existing = repository.exactRef(refName);
    if (existing == null) {
      return;
    }
    String tagged = ReleaseTagger.peeledCommit(repository, existing);
    String head = history.head().map(c -> c.getId().name()).orElse("");
    if (tagged.equals(head)) {
      findings.add(Finding.info(
          "tag " + release.tagName() + " is already on HEAD: a re-run of that release", refName));
      return;
    }
    findings.add(Finding.error(
        "tag " + release.tagName() + " already tags commit " + ReleaseTagger.shortSha(tagged)
            + ", not HEAD " + ReleaseTagger.shortSha(head) + ": releasing " + release
            + " again would push the image's :" + release.tagName() + " over that release's",
        refName,
        "bump the version in pom.xml (e.g. " + release.nextPatch() + ") and release again, or check out "
            + ReleaseTagger.shortSha(tagged) + " to re-run " + release.tagName()));
  }

  /** The {@code info.version} of an OpenAPI document (YAML or JSON), with the line it is on. */
  record SpecVersion(String value, int line) {

    static Optional<SpecVersion> read(Path spec) throws IOException {
      // A streaming read keeps the line number, which a tree read would lose.
      try (JsonParser parser = new YAMLFactory().createParser(spec.toFile())) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return Optional.empty();
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if ("info".equals(field) && value == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String infoField = parser.currentName();
              JsonToken infoValue = parser.nextToken();
              if ("version".equals(infoField) && infoValue.isScalarValue()) {
                return Optional.of(
                    new SpecVersion(parser.getText(), parser.currentLocation().getLineNr()));
              }
              parser.skipChildren();
            }
            return Optional.empty();
          }
          parser.skipChildren();
        }
        return Optional.empty();
      }
    }
  }
}
