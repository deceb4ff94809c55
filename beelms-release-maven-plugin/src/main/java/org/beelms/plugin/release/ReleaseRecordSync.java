package org.beelms.plugin.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.git.GitCredentials;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.PushCommand;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.notes.Note;
import org.eclipse.jgit.notes.NoteMap;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Shares the release records ({@value ReleaseRecordStore#NOTES_REF}) through the remote the
 * release tag goes to, so every runner (a fresh clone per job) plans from the same truth.
 *
 * <p>{@link #fetch} brings the remote's records in: fast-forward, or, when both sides added
 * records, a merge commit whose notes are merged record by record ({@link ReleaseRecordMerge#union}).
 * {@link #push} sends the local records; a push rejected because another runner pushed first is
 * fetched, merged and pushed again, a bounded number of times. Network calls are bounded; neither
 * ever throws for a network problem: the outcome says what happened and what to do.
 */
public final class ReleaseRecordSync {

  private static final String REF = ReleaseRecordStore.NOTES_REF;

  /** Where a fetch puts the remote's records before they are merged into {@link #REF}. */
  static final String FETCHED_REF = "refs/beelms-release/fetched-notes";

  /** How often a rejected push is fetched, merged and tried again. */
  public static final int PUSH_ATTEMPTS = 4;

  /** What a fetch or push did. */
  public enum State {
    /** Nothing to do: both sides had the same records (or the remote had none, on a fetch). */
    UP_TO_DATE,
    /** The remote's records were taken (fast-forward) or merged in; the push sent ours. */
    DONE,
    /** No remote configured: the records stay local. */
    NO_REMOTE,
    /** The remote could not be reached, refused, or the records could not be merged. */
    FAILED
  }

  /**
   * @param state what happened
   * @param message one sentence for the log, naming the remote (never credentials) and, on a
   *     failure, the exact command to run by hand
   */
  public record Outcome(State state, String message) {
    public boolean failed() {
      return state == State.FAILED;
    }
  }

  private final Repository repository;
  private final String remote;
  private final Optional<GitCredentials> credentials;
  private final int timeoutSeconds;

  /**
   * @param remote the remote's name in git config (e.g. {@code origin}) or a URL
   * @param credentials for the remote, as for the tag push; empty = none (or the URL's own)
   * @param timeout the bound of each network operation
   */
  public ReleaseRecordSync(
      Repository repository, String remote, Optional<GitCredentials> credentials, Duration timeout) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.remote = Objects.requireNonNull(remote, "remote");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
  }

  /** The remote's name (or URL without user info), as shown in messages. */
  public String remote() {
    return safe(remote);
  }

  /** True when {@code remote} is a URL or a remote configured in the repository. */
  public boolean hasRemote() {
    return isUrl(remote) || repository.getConfig().getString("remote", remote, "url") != null;
  }

  /** The command that pushes the records by hand. */
  public String pushCommand() {
    return "git push " + safe(remote) + " " + REF;
  }

  /** Fetches the remote's records and merges them into the local ones (never loses a local entry). */
  public Outcome fetch() {
    if (!hasRemote()) {
      return noRemote();
    }
    Optional<ObjectId> theirs;
    try {
      theirs = fetchRemote();
    } catch (GitAPIException | RuntimeException e) {
      return new Outcome(State.FAILED,
          "could not fetch the release records from " + remote() + ": " + redact(causes(e))
              + "; going on with the local records");
    }
    if (theirs.isEmpty()) {
      return new Outcome(State.UP_TO_DATE, remote() + " has no release records (" + REF + ") yet");
    }
    try {
      return integrate(theirs.get());
    } catch (IOException | RuntimeException e) {
      return new Outcome(State.FAILED,
          "could not merge " + remote() + "'s release records into the local ones: " + redact(causes(e))
              + "; going on with the local records");
    }
  }

  /**
   * Pushes the local records; on a rejection because the remote moved, fetches, merges and tries
   * again, at most {@value #PUSH_ATTEMPTS} times. The local records are kept whatever happens.
   */
  public Outcome push() {
    if (!hasRemote()) {
      return noRemote();
    }
    try {
      if (repository.resolve(REF) == null) {
        return new Outcome(State.UP_TO_DATE, "no local release records to push");
      }
    } catch (IOException e) {
      return new Outcome(State.FAILED, "cannot read the local " + REF + ": " + e.getMessage());
    }
    String last = "";
    for (int attempt = 1; attempt <= PUSH_ATTEMPTS; attempt++) {
      RemoteRefUpdate.Status status;
      try {
        PushCommand push =
            Git.wrap(repository).push().setRemote(remote).setRefSpecs(new RefSpec(REF + ":" + REF))
                .setForce(false).setTimeout(timeoutSeconds);
        authenticate(push);
        status = RemoteRefUpdate.Status.NOT_ATTEMPTED;
        String message = null;
        for (PushResult result : push.call()) {
          RemoteRefUpdate update = result.getRemoteUpdate(REF);
          if (update != null) {
            status = update.getStatus();
            message = update.getMessage();
          }
        }
        if (status == RemoteRefUpdate.Status.OK) {
          return new Outcome(State.DONE, "pushed the release records to " + remote() + " (" + REF + ")");
        }
        if (status == RemoteRefUpdate.Status.UP_TO_DATE) {
          return new Outcome(State.UP_TO_DATE, remote() + " already has these release records");
        }
        last = "the remote answered " + status + (message == null ? "" : ": " + message);
      } catch (GitAPIException | RuntimeException e) {
        return pushFailed(redact(causes(e)));
      }
      boolean busy = status == RemoteRefUpdate.Status.REJECTED_OTHER_REASON && last.contains("lock");
      if (!busy && status != RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
          && status != RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
        return pushFailed(last);
      }
      if (busy) {
        // Another push held the remote's ref lock at that moment: wait a little, then retry.
        pause(attempt);
      }
      // Another runner pushed first: take its records in, then try again.
      Outcome fetched = fetch();
      if (fetched.failed()) {
        return pushFailed(last + "; then " + fetched.message());
      }
    }
    return pushFailed(last + " " + PUSH_ATTEMPTS + " times (other runners kept pushing)");
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextLong(100));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Outcome pushFailed(String why) {
    return new Outcome(State.FAILED,
        "could not push the release records to " + remote() + ": " + why
            + "; the local records are kept; push them by hand: " + pushCommand());
  }

  private Outcome noRemote() {
    return new Outcome(State.NO_REMOTE,
        "the repository has no remote '" + remote() + "': the release records stay local (set"
            + " <remote> / -Dbeelms.tag.remote to share them)");
  }

  /** Fetches the remote's notes ref into {@link #FETCHED_REF}; empty when the remote has none. */
  private Optional<ObjectId> fetchRemote() throws GitAPIException {
    boolean remoteHasRecords =
        authenticate(Git.wrap(repository).lsRemote().setRemote(remote).setHeads(false).setTags(false)
                .setTimeout(timeoutSeconds))
            .call().stream().anyMatch(r -> r.getName().equals(REF));
    if (!remoteHasRecords) {
      return Optional.empty();
    }
    FetchCommand fetch =
        Git.wrap(repository).fetch().setRemote(remote)
            .setRefSpecs(new RefSpec("+" + REF + ":" + FETCHED_REF)).setTimeout(timeoutSeconds);
    authenticate(fetch).call();
    try {
      return Optional.ofNullable(repository.resolve(FETCHED_REF));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + FETCHED_REF + " after the fetch: " + e.getMessage(), e);
    }
  }

  /** Makes {@code theirs} part of the local records: fast-forward, or a merge commit. */
  private Outcome integrate(ObjectId theirs) throws IOException {
    ObjectId ours = repository.resolve(REF);
    if (theirs.equals(ours)) {
      return new Outcome(State.UP_TO_DATE, "the release records are the same as " + remote() + "'s");
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit remoteCommit = walk.parseCommit(theirs);
      if (ours != null) {
        RevCommit local = walk.parseCommit(ours);
        if (walk.isMergedInto(remoteCommit, local)) {
          return new Outcome(State.UP_TO_DATE,
              "the local release records already hold " + remote() + "'s (and more, not pushed yet)");
        }
        walk.reset();
        if (!walk.isMergedInto(local, remoteCommit)) {
          ObjectId merged = merge(walk.parseCommit(ours), walk.parseCommit(theirs));
          update(ours, merged);
          return new Outcome(State.DONE,
              "fetched the release records from " + remote() + " and merged them with the local ones ("
                  + REF + " " + abbreviate(ours) + " + " + abbreviate(theirs) + " -> " + abbreviate(merged) + ")");
        }
      }
      update(ours, theirs);
      return new Outcome(State.DONE,
          "fetched the release records from " + remote() + " (" + REF + " " + abbreviate(ours) + " -> "
              + abbreviate(theirs) + "); they are now the remote's");
    }
  }

  /** A notes commit with both parents whose notes are the union, record by record. */
  private ObjectId merge(RevCommit ours, RevCommit theirs) throws IOException {
    try (ObjectReader reader = repository.newObjectReader();
        ObjectInserter inserter = repository.newObjectInserter()) {
      NoteMap mine = NoteMap.read(reader, ours);
      NoteMap result = NoteMap.read(reader, ours);
      for (Note note : NoteMap.read(reader, theirs)) {
        ObjectId local = mine.get(note);
        if (local == null) {
          result.set(note, note.getData());
        } else if (!local.equals(note.getData())) {
          String where = "git note " + REF + " on " + note.name();
          ReleaseRecord merged =
              ReleaseRecordMerge.union(
                  ReleaseRecord.fromJson(text(reader, local), "the local " + where), "the local record",
                  ReleaseRecord.fromJson(text(reader, note.getData()), remote() + "'s " + where),
                  remote() + "'s record");
          result.set(note, inserter.insert(Constants.OBJ_BLOB, merged.toJson().getBytes(StandardCharsets.UTF_8)));
        }
      }
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(result.writeTree(inserter));
      commit.setParentIds(ours, theirs);
      PersonIdent who = new PersonIdent("beelms-release", "beelms-release@localhost");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage("Merged release records of " + remote() + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  private void update(ObjectId expected, ObjectId next) throws IOException {
    RefUpdate update = repository.updateRef(REF);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    update.setNewObjectId(next);
    update.setRefLogMessage("beelms-release: records from " + remote(), false);
    RefUpdate.Result result = update.update();
    switch (result) {
      case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
      default -> throw new IllegalStateException(
          REF + " changed while the records were merged (" + result + "); run again");
    }
  }

  private static String text(ObjectReader reader, ObjectId blob) throws IOException {
    return new String(reader.open(blob).getBytes(), StandardCharsets.UTF_8);
  }

  private <C extends TransportCommand<C, ?>> C authenticate(C command) {
    credentials.ifPresent(c ->
        command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(c.username(), c.password())));
    return command;
  }

  private String redact(String message) {
    return credentials.map(c -> c.redact(message)).orElse(message);
  }

  static String causes(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : " (caused by: ").append(message).append(t == e ? "" : ")");
      }
    }
    return text.toString();
  }

  /** {@code remote}, without any user info when it is a URL. */
  public static String safe(String remote) {
    if (!isUrl(remote)) {
      return remote;
    }
    try {
      return new URIish(remote).setUser(null).setPass(null).toString();
    } catch (java.net.URISyntaxException e) {
      return "(an unparsable URL)";
    }
  }

  /** True when {@code remote} is a URL or a path rather than a remote's name. */
  public static boolean isUrl(String remote) {
    return remote.contains("://") || remote.contains("@") || remote.contains("/") || remote.contains("\\");
  }

  private static String abbreviate(ObjectId id) {
    return id == null ? "absent" : id.abbreviate(7).name();
  }
}
