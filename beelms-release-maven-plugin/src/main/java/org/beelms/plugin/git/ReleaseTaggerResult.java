package org.beelms.plugin.git;

import java.util.Objects;
import org.beelms.plugin.gate.GateResult;

/**
 * What {@link ReleaseTagger} did.
 *
 * @param gate the gate result with every finding (failed when nothing could be tagged or the
 *     push failed)
 * @param tag the tag name, e.g. {@code v0.2.0}; empty when no version could be decided
 * @param commit the commit HEAD was at (full SHA); empty in a repository without commits
 * @param action what happened to the local tag
 * @param push what happened on the remote
 */
public record ReleaseTaggerResult(
    GateResult gate, String tag, String commit, Action action, Push push) {

  /** What happened to the local tag. */
  public enum Action {
    /** The annotated tag was created on HEAD. */
    CREATED,
    /** The tag was already on HEAD; nothing changed (a re-run). */
    ALREADY_ON_HEAD,
    /** Dry run: the tag would have been created. */
    WOULD_CREATE,
    /** Nothing tagged: dirty tree, tag on another commit, no commit or no version. */
    REFUSED
  }

  /** What happened on the remote. */
  public enum Push {
    NOT_REQUESTED,
    PUSHED,
    /** The remote already had the same tag. */
    UP_TO_DATE,
    /** Dry run: the tag would have been pushed. */
    WOULD_PUSH,
    /** The push failed; the local tag stays. */
    FAILED,
    /** Not attempted because nothing was tagged. */
    NOT_ATTEMPTED
  }

  public ReleaseTaggerResult {
    Objects.requireNonNull(gate, "gate");
    tag = tag == null ? "" : tag;
    commit = commit == null ? "" : commit;
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(push, "push");
  }
}
