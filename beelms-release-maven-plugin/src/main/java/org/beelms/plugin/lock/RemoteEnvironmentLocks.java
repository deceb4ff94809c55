package org.beelms.plugin.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.git.GitCredentials;
import org.beelms.plugin.release.ReleaseRecordSync;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Environment locks as refs on the remote: taking one is a push that expects the ref to be absent
 * (JGit {@link RemoteRefUpdate} with expected old id = zero), which the remote applies atomically
 * under its own ref lock, so of two runners exactly one gets it. The ref points at a commit whose
 * message is the {@link EnvironmentLock}. Giving it back deletes the ref only if it still points at
 * that commit; taking over an expired one replaces exactly the expired commit.
 */
final class RemoteEnvironmentLocks implements EnvironmentLocks {

  /** Where the remote's lock commits are fetched to, to read who holds them. */
  private static final String FETCHED = "refs/beelms-release/fetched-locks/";

  /** How often a push that lost a race without a holder to show (ref lock busy) is tried again. */
  private static final int ATTEMPTS = 3;

  private final Repository repository;
  private final String remote;
  private final Optional<GitCredentials> credentials;
  private final int timeoutSeconds;

  RemoteEnvironmentLocks(Repository repository, String remote, Optional<GitCredentials> credentials, Duration timeout) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.remote = Objects.requireNonNull(remote, "remote");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
  }

  @Override
  public String where() {
    return "ref " + PREFIX + "<environment> on " + ReleaseRecordSync.safe(remote);
  }

  @Override
  public EnvironmentLock acquire(EnvironmentLock wanted, Optional<String> breakReason) throws LockHeldException {
    String ref = EnvironmentLocks.refName(wanted.environment());
    String where = "ref " + ref + " on " + ReleaseRecordSync.safe(remote);
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        ObjectId mine = commit(wanted);
        RemoteRefUpdate.Status status = push(ref, mine, ObjectId.zeroId());
        if (status == RemoteRefUpdate.Status.OK) {
          return wanted;
        }
        last = "the remote answered " + status;
        Optional<Held> holder = read(ref);
        if (holder.isEmpty()) {
          continue; // released meanwhile, or the remote's ref lock was busy: try again
        }
        EnvironmentLock held = holder.get().lock();
        Instant now = wanted.since();
        if (!held.expiredAt(now) || breakReason.isEmpty()) {
          throw new LockHeldException(
              breakReason.isPresent()
                  ? "-Dbeelms.deploy.breakLock only takes over an expired lock; "
                      + EnvironmentLocks.heldMessage(held, wanted, where, now)
                  : EnvironmentLocks.heldMessage(held, wanted, where, now));
        }
        EnvironmentLock taking = broke(wanted, held, breakReason.get());
        ObjectId over = commit(taking);
        if (push(ref, over, holder.get().id()) == RemoteRefUpdate.Status.OK) {
          return taking;
        }
        last = "another run took over the expired lock first";
      } catch (IOException e) {
        throw new LockHeldException("could not take the lock of " + wanted.environment() + " (" + where + "): "
            + redact(e.getMessage()) + "; nothing was moved; check the remote and its credentials"
            + " (-Dbeelms.tag.remote, -Dbeelms.tag.serverId or " + GitCredentials.ENV_USERNAME + "/"
            + GitCredentials.ENV_PASSWORD + ")");
      }
    }
    throw new LockHeldException("could not take the lock of " + wanted.environment() + " (" + where + "): " + last
        + " " + ATTEMPTS + " times; nothing was moved; run again");
  }

  static EnvironmentLock broke(EnvironmentLock wanted, EnvironmentLock held, String reason) {
    return new EnvironmentLock(wanted.environment(), wanted.holder(), wanted.goal(), wanted.version(),
        wanted.since(), wanted.expires(),
        reason + " (took over the expired lock of " + held.describe() + ")");
  }

  @Override
  public String release(EnvironmentLock held) {
    String ref = EnvironmentLocks.refName(held.environment());
    try {
      Optional<Held> now = read(ref);
      if (now.isEmpty() || !now.get().lock().equals(EnvironmentLock.parse(held.toText(), "this run's lock"))) {
        return "the lock of " + held.environment() + " was no longer ours (" + now.map(h -> h.lock().describe())
            .orElse("gone") + "); left as it is";
      }
      RemoteRefUpdate.Status status = push(ref, null, now.get().id());
      return status == RemoteRefUpdate.Status.OK
          ? "released the lock of " + held.environment() + " (" + ref + ")"
          : "could not release the lock of " + held.environment() + ": the remote answered " + status
              + "; it expires at " + held.expires() + " (delete it by hand: git push "
              + ReleaseRecordSync.safe(remote) + " :" + ref + ")";
    } catch (IOException e) {
      return "could not release the lock of " + held.environment() + ": " + redact(e.getMessage())
          + "; it expires at " + held.expires() + " (delete it by hand: git push " + ReleaseRecordSync.safe(remote)
          + " :" + ref + ")";
    }
  }

  @Override
  public List<EnvironmentLock> held() throws LockHeldException {
    List<EnvironmentLock> locks = new ArrayList<>();
    try {
      for (String ref : advertised().keySet()) {
        if (ref.startsWith(PREFIX)) {
          read(ref).ifPresent(h -> locks.add(h.lock()));
        }
      }
    } catch (IOException e) {
      throw new LockHeldException("could not read the locks on " + ReleaseRecordSync.safe(remote) + ": "
          + redact(e.getMessage()));
    }
    return locks;
  }

  /** A lock commit and what it says. */
  private record Held(ObjectId id, EnvironmentLock lock) {}

  private Optional<Held> read(String ref) throws IOException {
    Ref advertised = advertised().get(ref);
    if (advertised == null) {
      return Optional.empty();
    }
    String local = FETCHED + ref.substring(PREFIX.length());
    try (Transport transport = open()) {
      transport.fetch(NullProgressMonitor.INSTANCE, List.of(new RefSpec("+" + ref + ":" + local)));
    }
    ObjectId id = repository.resolve(local);
    if (id == null || !id.equals(advertised.getObjectId())) {
      return Optional.empty(); // it moved between the two calls; the caller asks again
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(id);
      return Optional.of(new Held(id, EnvironmentLock.parse(commit.getFullMessage(), ref + " on " + ReleaseRecordSync.safe(remote))));
    }
  }

  private Map<String, Ref> advertised() throws IOException {
    try (Transport transport = open(); FetchConnection connection = transport.openFetch()) {
      return connection.getRefsMap();
    }
  }

  /**
   * Pushes {@code next} (null = delete) to {@code ref}, only if the remote's ref is {@code
   * expected} (zero = absent).
   */
  private RemoteRefUpdate.Status push(String ref, ObjectId next, ObjectId expected) throws IOException {
    RemoteRefUpdate update =
        next == null
            ? new RemoteRefUpdate(repository, (String) null, ref, true, null, expected)
            : new RemoteRefUpdate(repository, null, next, ref, true, null, expected);
    try (Transport transport = open()) {
      PushResult result = transport.push(NullProgressMonitor.INSTANCE, List.of(update));
      return result.getRemoteUpdate(ref).getStatus();
    }
  }

  /** A parentless commit of the empty tree whose message is the lock. */
  private ObjectId commit(EnvironmentLock lock) throws IOException {
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(inserter.insert(Constants.OBJ_TREE, new byte[0]));
      PersonIdent who = new PersonIdent(lock.holder(), "beelms-release@localhost", lock.since(),
          java.time.ZoneOffset.UTC);
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setEncoding(StandardCharsets.UTF_8);
      commit.setMessage(lock.toText());
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  private Transport open() throws IOException {
    Transport transport;
    try {
      transport = Transport.open(repository, remote);
    } catch (java.net.URISyntaxException e) {
      throw new IOException("the remote '" + ReleaseRecordSync.safe(remote) + "' is not a valid URL: " + e.getMessage(), e);
    }
    transport.setTimeout(timeoutSeconds);
    credentials.ifPresent(c ->
        transport.setCredentialsProvider(new UsernamePasswordCredentialsProvider(c.username(), c.password())));
    return transport;
  }

  private String redact(String message) {
    String text = message == null ? "no message" : message;
    return credentials.map(c -> c.redact(text)).orElse(text);
  }
}
