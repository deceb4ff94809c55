package org.beelms.plugin.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseTagger;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * What a release candidate that stopped at an artifact step (image, attest, notes, tag) left in
 * the local repository, read from the repository itself rather than assumed: whether the release
 * tag exists and where, whether it was created by this run, whether a release record is attached
 * to HEAD, and the exact commands that finish or undo the release from there.
 *
 * @param projectDirectory a folder inside the git work tree
 * @param tag the release tag, e.g. {@code v0.2.0}
 * @param remote the git remote the tag and the record go to
 * @param taggedBefore the commit the tag named before the artifact steps ran; empty when it did not
 *     exist
 */
public record StoppedRelease(Path projectDirectory, String tag, String remote, Optional<String> taggedBefore) {

  public StoppedRelease {
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(remote, "remote");
    taggedBefore = taggedBefore == null ? Optional.empty() : taggedBefore;
  }

  /** Notes where {@code tag} is now, before the artifact steps run. */
  public static StoppedRelease before(Path projectDirectory, String tag, String remote) {
    try (ReleaseHistory history = ReleaseHistory.open(projectDirectory)) {
      return new StoppedRelease(projectDirectory, tag, remote, taggedCommit(history.repository(), tag));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tags of " + projectDirectory, e);
    }
  }

  /**
   * The console's last word after the stop.
   *
   * @param image what happened to the image ({@code no image was built or pushed}, {@code the image
   *     was built: ...})
   */
  public String describe(String image) {
    try (ReleaseHistory history = ReleaseHistory.open(projectDirectory)) {
      Repository repository = history.repository();
      Optional<String> tagged = taggedCommit(repository, tag);
      String head = history.head().map(c -> c.getId().name()).orElse("");
      boolean recordAttached = !head.isEmpty() && new ReleaseRecordStore(repository).read(head).isPresent();
      String record = recordAttached
          ? "a release record (from an earlier run) is attached locally to " + shortSha(head) + " ("
              + ReleaseRecordStore.NOTES_REF + "); this run's record was not attached"
          : "no release record was attached";
      StringBuilder text = new StringBuilder("Release candidate stopped: ").append(image).append("; ");
      if (tagged.isEmpty()) {
        return text.append("no tag was created and ").append(recordAttached ? record : "no record attached")
            .append('.').toString();
      }
      String at = shortSha(tagged.get());
      if (!tagged.get().equals(head)) {
        return text.append("no tag was created: ").append(tag).append(" already tags ").append(at)
            .append(", not HEAD ").append(shortSha(head)).append("; ").append(record)
            .append(". Bump the version and release again.").toString();
      }
      boolean createdNow = taggedBefore.isEmpty();
      text.append(createdNow
              ? "the local tag " + tag + " was created on " + at + " by this run and was NOT pushed to " + remote
              : "the local tag " + tag + " was already on " + at + " before this run (a re-run)")
          .append("; ").append(record).append(", and nothing of it was pushed. ")
          .append("To finish: git push ").append(remote).append(' ').append(Constants.R_TAGS).append(tag)
          .append(", then run mvn beelms:release-candidate again on ").append(at)
          .append(" (the tag is on HEAD, so it is kept; the image is rebuilt to the same digest; the record is")
          .append(" attached and pushed).");
      if (createdNow) {
        text.append(" To undo: git tag -d ").append(tag)
            .append(" (only the local tag; ").append(remote).append(" never received it).");
      }
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the tags of " + projectDirectory, e);
    }
  }

  private static Optional<String> taggedCommit(Repository repository, String tag) throws IOException {
    Ref ref = repository.exactRef(Constants.R_TAGS + tag);
    if (ref == null) {
      return Optional.empty();
    }
    return Optional.of(ReleaseTagger.peeledCommit(repository, ref));
  }

  private static String shortSha(String sha) {
    return ReleaseTagger.shortSha(sha);
  }
}
