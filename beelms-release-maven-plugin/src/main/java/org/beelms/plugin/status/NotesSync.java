package org.beelms.plugin.status;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.git.GitCredentials;
import org.beelms.plugin.release.ReleaseRecordStore;
import org.beelms.plugin.release.ReleaseRecordSync;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.LsRemoteCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Compares the local release records ({@value ReleaseRecordStore#NOTES_REF}) with the remote's,
 * by asking the remote for that ref ({@code ls-remote}, bounded), and optionally fetches them
 * first, fast-forward only (local notes not pushed yet are never overwritten). Never fails: a
 * remote that cannot be reached (offline, no credentials) gives {@link State#NOT_COMPARED} with
 * the reason.
 */
public final class NotesSync {

  /** How the local notes stand against the remote's. */
  public enum State {
    UP_TO_DATE,
    /** The remote has records the local repository has not fetched. */
    BEHIND,
    /** The local repository has records not pushed. */
    AHEAD,
    DIVERGED,
    REMOTE_HAS_NONE,
    NO_REMOTE,
    NOT_COMPARED
  }

  /**
   * The comparison.
   *
   * @param state how they stand
   * @param remote the remote asked
   * @param message one sentence for the log and the board, with what to do
   * @param fetched true when this run fetched newer records from the remote
   */
  public record Result(State state, String remote, String message, boolean fetched) {

    /** True when the records shown may be older than the remote's. */
    public boolean behind() {
      return state == State.BEHIND || state == State.DIVERGED;
    }
  }

  private static final String REF = ReleaseRecordStore.NOTES_REF;
  private static final String FETCH = "git fetch " + "%s " + REF + ":" + REF;

  private final Repository repository;
  private final String remote;
  private final Optional<GitCredentials> credentials;
  private final int timeoutSeconds;

  public NotesSync(Repository repository, String remote, Optional<GitCredentials> credentials, Duration timeout) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.remote = Objects.requireNonNull(remote, "remote");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
  }

  /**
   * Fetches the remote's records when they are ahead or both changed (fast-forward, or merged entry
   * by entry: {@link ReleaseRecordSync#fetch}; local records not pushed yet are never lost), then
   * compares.
   */
  public Result fetchAndCompare() {
    Result before = compare();
    if (!before.behind()) {
      return before;
    }
    ReleaseRecordSync.Outcome fetched =
        new ReleaseRecordSync(repository, remote, credentials, Duration.ofSeconds(timeoutSeconds)).fetch();
    if (fetched.failed()) {
      return new Result(before.state(), remote, before.message() + "; " + fetched.message(), false);
    }
    Result after = compare();
    return after.behind() ? after : new Result(after.state(), remote, fetched.message(), true);
  }

  /** Compares without changing anything. */
  public Result compare() {
    if (!isUrl(remote) && !repository.getRemoteNames().contains(remote)) {
      return new Result(State.NO_REMOTE, remote,
          "could not compare the release records with a remote: the repository has no remote '" + remote
              + "' (-Dbeelms.status.remote); the records shown are the local ones", false);
    }
    Optional<ObjectId> theirs;
    try (Git git = new Git(repository)) {
      LsRemoteCommand ls = git.lsRemote().setRemote(remote).setHeads(false).setTags(false).setTimeout(timeoutSeconds);
      credentials.ifPresent(c -> ls.setCredentialsProvider(new UsernamePasswordCredentialsProvider(c.username(), c.password())));
      Collection<Ref> refs = ls.call();
      theirs = refs.stream().filter(r -> r.getName().equals(REF)).map(Ref::getObjectId).findFirst();
    } catch (GitAPIException | RuntimeException e) {
      return new Result(State.NOT_COMPARED, remote,
          "could not compare the release records with " + remote + ": " + redact(e.getMessage())
              + "; the records shown are the local ones", false);
    }
    Optional<ObjectId> ours;
    try {
      ours = Optional.ofNullable(repository.resolve(REF));
    } catch (IOException e) {
      return new Result(State.NOT_COMPARED, remote, "could not read the local " + REF + ": " + e.getMessage(), false);
    }
    return compare(ours, theirs);
  }

  private Result compare(Optional<ObjectId> ours, Optional<ObjectId> theirs) {
    String fetch = FETCH.formatted(remote);
    String push = "git push " + remote + " " + REF;
    if (theirs.isEmpty()) {
      return new Result(State.REMOTE_HAS_NONE, remote,
          remote + " has no " + REF + (ours.isPresent() ? "; push the local records: " + push : ""), false);
    }
    if (ours.isPresent() && ours.get().equals(theirs.get())) {
      return new Result(State.UP_TO_DATE, remote, "the release records are the same as " + remote + "'s", false);
    }
    if (ours.isEmpty() || !has(theirs.get())) {
      return new Result(State.BEHIND, remote,
          "the local release records are behind " + remote + "'s (" + REF + " there is "
              + abbreviate(theirs.get()) + ", here " + ours.map(NotesSync::abbreviate).orElse("absent")
              + "): what runs where may be newer than shown; fetch them: " + fetch
              + " (or -Dbeelms.status.fetch=true)", false);
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit local = walk.parseCommit(ours.get());
      RevCommit remoteCommit = walk.parseCommit(theirs.get());
      if (walk.isMergedInto(remoteCommit, local)) {
        return new Result(State.AHEAD, remote,
            "the local release records have entries " + remote + " lacks; push them: " + push, false);
      }
      if (walk.isMergedInto(local, remoteCommit)) {
        return new Result(State.BEHIND, remote,
            "the local release records are behind " + remote + "'s (fetched earlier, not merged): " + fetch, false);
      }
    } catch (IOException e) {
      return new Result(State.NOT_COMPARED, remote, "could not compare " + REF + " with " + remote + "'s: " + e.getMessage(), false);
    }
    return new Result(State.DIVERGED, remote,
        "the local release records and " + remote + "'s have both changed; merge them (git fetch " + remote + " "
            + REF + ":refs/notes/remote-beelms-release && git notes --ref beelms-release merge"
            + " refs/notes/remote-beelms-release), then " + push, false);
  }

  private boolean has(ObjectId id) {
    try {
      return repository.getObjectDatabase().has(id);
    } catch (IOException e) {
      return false;
    }
  }

  private String redact(String message) {
    String text = message == null ? "no message" : message;
    return credentials.map(c -> c.redact(text)).orElse(text);
  }

  private static boolean isUrl(String remote) {
    try {
      return remote.contains("/") || remote.contains(":") && new org.eclipse.jgit.transport.URIish(remote).isRemote();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String abbreviate(ObjectId id) {
    return id == null || id.equals(ObjectId.zeroId()) ? "absent" : id.abbreviate(7).name();
  }
}
