package org.beelms.plugin.git;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Release plan 2.3, "Git tag": an annotated tag {@code v<version>} on HEAD, carrying the release
 * notes' summary, optionally pushed to one remote. It never moves or deletes a tag: a tag of the
 * same name on another commit is an error, on HEAD a no-op, so re-running a release is safe.
 */
public final class ReleaseTagger implements Gate {

  public static final String NAME = "tag";

  /** Bound on the push's network operations, in seconds. */
  static final int PUSH_TIMEOUT_SECONDS = 120;

  private static final int LISTED_FILES = 10;

  private final ReleaseTaggerSettings settings;

  public ReleaseTagger(ReleaseTaggerSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    return tag(listener).gate();
  }

  /** Tags HEAD (and pushes the tag when asked), or says why not. */
  public ReleaseTaggerResult tag(ReleaseListener listener) throws IOException, GitAPIException {
    List<Finding> findings = new ArrayList<>();
    try (ReleaseHistory history = ReleaseHistory.open(settings.projectDirectory());
        Git git = new Git(history.repository())) {
      Repository repository = history.repository();
      Optional<RevCommit> head = history.head();
      if (head.isEmpty()) {
        findings.add(
            Finding.error(
                "the repository has no commit to tag", history.workTree().toString(),
                "commit the release's sources first"));
        return refused(findings, "", "");
      }
      String commit = head.get().getId().name();
      SemanticVersion version;
      try {
        version =
            ReleaseVersion.resolve(settings.projectVersion(), settings.deriveVersion(), history);
      } catch (IllegalArgumentException e) {
        findings.add(Finding.error(e.getMessage(), "pom.xml <version>", ""));
        return refused(findings, "", commit);
      }
      String tagName = version.tagName();
      String refName = Constants.R_TAGS + tagName;
      Ref existing = repository.exactRef(refName);
      ReleaseTaggerResult.Action action;
      if (existing != null) {
        String tagged = peeledCommit(repository, existing);
        if (!tagged.equals(commit)) {
          findings.add(
              Finding.error(
                  "tag " + tagName + " already exists on commit " + shortSha(tagged)
                      + " but HEAD is commit " + shortSha(commit)
                      + "; the existing tag was left untouched",
                  refName,
                  "never move a release tag: bump the version in pom.xml (e.g. "
                      + version.nextPatch() + ") and release again, or check out "
                      + shortSha(tagged) + " to re-run that release"));
          return refused(findings, tagName, commit);
        }
        findings.add(
            Finding.info(
                "tag " + tagName + " is already on HEAD (" + shortSha(commit)
                    + "); nothing to tag, re-running a release is safe",
                refName));
        action = ReleaseTaggerResult.Action.ALREADY_ON_HEAD;
      } else {
        TreeState tree = TreeState.read(history, settings.buildDirectory());
        if (!tree.clean()) {
          findings.add(
              Finding.error(
                  "the work tree is not clean (" + tree.describe(LISTED_FILES) + "); not tagging",
                  history.workTree().toString(),
                  "commit or stash the changes (or add build output to .gitignore): a release tag"
                      + " must name exactly the committed sources"));
          return refused(findings, tagName, commit);
        }
        PersonIdent tagger = tagger(repository.getConfig());
        String who = tagger.getName() + " <" + tagger.getEmailAddress() + ">";
        if (settings.dryRun()) {
          findings.add(
              Finding.info(
                  "dry run: would create annotated tag " + tagName + " on " + shortSha(commit)
                      + " by " + who + " with message '" + firstLine(settings.message()) + "'",
                  refName));
          action = ReleaseTaggerResult.Action.WOULD_CREATE;
        } else {
          listener.progress(NAME, "tagging " + shortSha(commit) + " as " + tagName);
          git.tag()
              .setName(tagName)
              .setAnnotated(true)
              .setSigned(false)
              .setMessage(settings.message())
              .setTagger(tagger)
              .setObjectId(head.get())
              .call();
          findings.add(
              Finding.info(
                  "created annotated tag " + tagName + " on " + shortSha(commit) + " by " + who,
                  refName));
          action = ReleaseTaggerResult.Action.CREATED;
        }
      }
      ReleaseTaggerResult.Push push = ReleaseTaggerResult.Push.NOT_REQUESTED;
      if (settings.push()) {
        push = push(git, refName, tagName, listener, findings);
      }
      return new ReleaseTaggerResult(
          GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), tagName, commit, action,
          push);
    }
  }

  private ReleaseTaggerResult.Push push(
      Git git, String refName, String tagName, ReleaseListener listener, List<Finding> findings) {
    String remote = settings.remote();
    String shown = describeRemote(git.getRepository().getConfig(), remote);
    String byHand = "git push " + remote + " " + refName;
    String where = "<remote> / -Dbeelms.tag.remote = " + shown;
    if (!isUrl(remote) && git.getRepository().getConfig().getString("remote", remote, "url") == null) {
      findings.add(
          Finding.error(
              "cannot push " + tagName + ": remote '" + remote + "' is not configured in "
                  + git.getRepository().getDirectory() + "/config"
                  + (settings.dryRun() ? " (dry run: nothing was tagged)" : "; the local tag stays"),
              where,
              "add it (git remote add " + remote + " <url>) or set <remote> to the remote's name"
                  + " or URL, then push by hand: " + byHand));
      return ReleaseTaggerResult.Push.FAILED;
    }
    if (settings.dryRun()) {
      findings.add(Finding.info("dry run: would push " + refName + " to " + shown, where));
      return ReleaseTaggerResult.Push.WOULD_PUSH;
    }
    listener.progress(NAME, "pushing " + refName + " to " + shown);
    String failure;
    try {
      var command =
          git.push()
              .setRemote(remote)
              .setRefSpecs(new RefSpec(refName + ":" + refName))
              .setForce(false)
              .setTimeout(PUSH_TIMEOUT_SECONDS);
      settings
          .credentials()
          .ifPresent(
              c ->
                  command.setCredentialsProvider(
                      new UsernamePasswordCredentialsProvider(c.username(), c.password())));
      failure = null;
      boolean upToDate = false;
      for (PushResult result : command.call()) {
        RemoteRefUpdate update = result.getRemoteUpdate(refName);
        if (update == null) {
          continue;
        }
        switch (update.getStatus()) {
          case OK -> { }
          case UP_TO_DATE -> upToDate = true;
          case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
              failure = "the remote already has a tag " + tagName + " on another commit";
          default ->
              failure =
                  "the remote answered " + update.getStatus()
                      + (update.getMessage() == null ? "" : ": " + update.getMessage());
        }
      }
      if (failure == null) {
        findings.add(
            Finding.info(
                upToDate
                    ? "the remote " + shown + " already has " + tagName + " on this commit"
                    : "pushed " + refName + " to " + shown,
                where));
        return upToDate ? ReleaseTaggerResult.Push.UP_TO_DATE : ReleaseTaggerResult.Push.PUSHED;
      }
    } catch (GitAPIException | RuntimeException e) {
      failure = causeChain(e);
    }
    findings.add(
        Finding.error(
            redact("pushing " + tagName + " to " + shown + " failed: " + failure
                + "; the local tag " + tagName + " stays as it is"),
            where,
            "check the remote's URL and the credentials (<serverId> / -Dbeelms.tag.serverId, or "
                + GitCredentials.ENV_USERNAME + "/" + GitCredentials.ENV_PASSWORD
                + "), then push by hand: " + byHand
                + " (never delete or move the tag to retry)"));
    return ReleaseTaggerResult.Push.FAILED;
  }

  private PersonIdent tagger(StoredConfig config) {
    String name = config.getString("user", null, "name");
    String email = config.getString("user", null, "email");
    return new PersonIdent(
        name == null || name.isBlank() ? settings.fallbackName() : name,
        email == null || email.isBlank() ? settings.fallbackEmail() : email);
  }

  private String redact(String text) {
    return settings.credentials().map(c -> c.redact(text)).orElse(text);
  }

  private ReleaseTaggerResult refused(List<Finding> findings, String tag, String commit) {
    return new ReleaseTaggerResult(
        GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR), tag, commit,
        ReleaseTaggerResult.Action.REFUSED,
        settings.push() ? ReleaseTaggerResult.Push.NOT_ATTEMPTED
            : ReleaseTaggerResult.Push.NOT_REQUESTED);
  }

  /** The remote's name and URL, without any user info in the URL. */
  static String describeRemote(StoredConfig config, String remote) {
    if (isUrl(remote)) {
      return safeUrl(remote);
    }
    String url = config.getString("remote", remote, "url");
    return url == null ? remote : remote + " (" + safeUrl(url) + ")";
  }

  private static String safeUrl(String url) {
    try {
      URIish uri = new URIish(url);
      return uri.setUser(null).setPass(null).toString();
    } catch (URISyntaxException e) {
      return "(an unparsable URL)";
    }
  }

  private static boolean isUrl(String remote) {
    return remote.contains("://") || remote.contains("@") || remote.contains("/")
        || remote.contains("\\");
  }

  /** The commit a tag ref names, through an annotated tag. */
  public static String peeledCommit(Repository repository, Ref ref) throws IOException {
    Ref peeled = repository.getRefDatabase().peel(ref);
    ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
    return id.name();
  }

  static String causeChain(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : " (caused by: ").append(message);
        if (t != e) {
          text.append(")");
        }
      }
    }
    return text.toString();
  }

  public static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
