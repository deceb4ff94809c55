package org.beelms.plugin.git;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.BranchTrackingStatus;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * The end of {@code release-candidate -Dbeelms.prepare=true}: the release branch's new commits
 * (the release commit, and the next SNAPSHOT commit when asked for) and the release tag go to the
 * branch's upstream in one push, atomic where the remote allows it, so the remote never has the
 * tag without its commit or the commit without its tag. Never forced. A dry run pushes nothing.
 */
public final class ReleasePush implements Gate {

  public static final String NAME = "push";

  private final java.nio.file.Path projectDirectory;
  private final String tagName;
  private final Optional<GitCredentials> credentials;
  private final boolean dryRun;

  public ReleasePush(
      java.nio.file.Path projectDirectory, String tagName, Optional<GitCredentials> credentials,
      boolean dryRun) {
    this.projectDirectory = Objects.requireNonNull(projectDirectory, "projectDirectory");
    this.tagName = Objects.requireNonNull(tagName, "tagName");
    this.credentials = credentials == null ? Optional.empty() : credentials;
    this.dryRun = dryRun;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    try (ReleaseHistory history = ReleaseHistory.open(projectDirectory);
        Git git = new Git(history.repository())) {
      Repository repository = history.repository();
      String branch = repository.getBranch();
      BranchConfig upstream = new BranchConfig(repository.getConfig(), branch);
      String remote = upstream.getRemote();
      String merge = upstream.getMerge();
      String tagRef = Constants.R_TAGS + tagName;
      String byHand = "git push --atomic " + (remote == null ? "<remote>" : remote) + " "
          + branch + " " + tagRef;
      if (remote == null || merge == null) {
        return GateResult.skipped(NAME, "branch '" + branch + "' has no upstream, so nothing was"
            + " pushed; push the release by hand: " + byHand);
      }
      String shown = ReleaseTagger.describeRemote(repository.getConfig(), remote);
      BranchTrackingStatus tracking = BranchTrackingStatus.of(repository, branch);
      int ahead = tracking == null ? 0 : tracking.getAheadCount();
      String what = branch + " (" + ahead + " commit(s)) and " + tagName;
      List<Finding> findings = new ArrayList<>();
      if (dryRun) {
        findings.add(Finding.info("dry run: would push " + what + " to " + shown
            + " in one atomic push; nothing pushed", remote));
        return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
      }
      if (repository.exactRef(tagRef) == null) {
        findings.add(Finding.error("tag " + tagName + " does not exist; nothing was pushed", tagRef,
            "run the release again; the tag step creates it"));
        return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
      }
      List<RefSpec> refs = List.of(
          new RefSpec(Constants.R_HEADS + branch + ":" + merge), new RefSpec(tagRef + ":" + tagRef));
      listener.progress(NAME, "pushing " + what + " to " + shown);
      String failure;
      boolean atomic = true;
      try {
        Iterable<PushResult> results;
        try {
          results = push(git, remote, refs, true).call();
        } catch (TransportException notAtomic) {
          if (!String.valueOf(notAtomic.getMessage()).toLowerCase().contains("atomic")) {
            throw notAtomic;
          }
          atomic = false;
          results = push(git, remote, refs, false).call();
        }
        failure = failures(results, refs);
      } catch (GitAPIException | RuntimeException e) {
        failure = ReleaseTagger.causeChain(e);
      }
      if (failure == null) {
        findings.add(Finding.info("pushed " + what + " to " + shown
            + (atomic ? " in one atomic push" : " (the remote does not offer atomic pushes: one"
                + " push, each ref on its own)"), remote));
      } else {
        String text = "pushing " + what + " to " + shown + " failed: " + failure
            + "; the local commits and tag stay as they are";
        findings.add(Finding.error(credentials.map(c -> c.redact(text)).orElse(text), remote,
            "see what the remote got meanwhile (git fetch; a rebase would change the released"
                + " commit, so resolve it without one), fix access (<serverId> / -Dbeelms.tag.serverId, or "
                + GitCredentials.ENV_USERNAME + "/" + GitCredentials.ENV_PASSWORD
                + "), then push by hand: " + byHand + " (never move the tag)"));
      }
      return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
    }
  }

  private PushCommand push(Git git, String remote, List<RefSpec> refs, boolean atomic) {
    PushCommand command = git.push().setRemote(remote).setRefSpecs(refs).setForce(false)
        .setAtomic(atomic).setTimeout(ReleaseTagger.PUSH_TIMEOUT_SECONDS);
    credentials.ifPresent(c -> command.setCredentialsProvider(
        new UsernamePasswordCredentialsProvider(c.username(), c.password())));
    return command;
  }

  /** Each ref the remote refused, with its status; null when all went through. */
  private static String failures(Iterable<PushResult> results, List<RefSpec> refs) {
    List<String> refused = new ArrayList<>();
    for (PushResult result : results) {
      for (RefSpec ref : refs) {
        RemoteRefUpdate update = result.getRemoteUpdate(ref.getDestination());
        if (update != null && update.getStatus() != RemoteRefUpdate.Status.OK
            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
          refused.add(ref.getDestination() + " " + update.getStatus()
              + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
        }
      }
    }
    return refused.isEmpty() ? null : String.join(", ", refused);
  }
}
