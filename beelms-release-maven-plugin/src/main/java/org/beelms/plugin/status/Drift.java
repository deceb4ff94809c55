package org.beelms.plugin.status;

import java.util.Objects;

/**
 * A disagreement between what the release records say runs on an environment and what the
 * registry or the environment itself say, or a check that could not see its input (fail closed:
 * not verified is never "in step").
 *
 * @param kind what kind of drift
 * @param message what disagrees, naming the tag, digest, URL and release
 * @param fix what to do, with the command to run
 */
public record Drift(Kind kind, String message, String fix) {

  public Drift {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    fix = fix == null ? "" : fix;
  }

  /** The kinds of drift, each with the short label the board shows. */
  public enum Kind {
    TAG_MOVED("registry tag moved outside the tool"),
    TAG_MISSING("registry tag missing"),
    NOT_RECORDED("deployed without a record"),
    ROLLBACK_INCOMPLETE("rollback failed half-way"),
    ROLLBACK_SMOKE_FAILED("rolled back, a smoke check failed"),
    DEPLOY_INCOMPLETE("deploy failed half-way"),
    HEALTH_DOWN("health down"),
    VERSION_MISMATCH("another release runs"),
    NOT_VERIFIED("could not verify");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
