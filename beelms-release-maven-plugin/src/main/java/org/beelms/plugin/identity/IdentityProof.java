package org.beelms.plugin.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What one look at an environment's identity found: recorded with each deploy and rollback
 * ({@code "identity": {…}}), handed to the post-deploy smoke (OPS-HEALTH-1) and shown by status and
 * the board.
 *
 * @param mode how it was read
 * @param outcome what was found
 * @param seen what the environment showed (redacted, one line, at most {@value #MAX_SEEN} characters);
 *     empty when nothing was read
 * @param detail the proof ({@code running image sha256:… = v0.2.0}) when proven; else why not
 */
public record IdentityProof(IdentityMode mode, Outcome outcome, String seen, String detail) {

  static final int MAX_SEEN = 240;

  /** The text shown for {@link IdentityMode#NONE}, on the entry, the board and in status. */
  public static final String NOT_VERIFIED = "identity not verified";

  /** An entry written before identities were recorded (no {@code identity} field). */
  public static final IdentityProof UNKNOWN = new IdentityProof(IdentityMode.HEALTH, Outcome.NOT_RECORDED, "", "");

  public enum Outcome {
    /** What runs is the release. */
    PROVEN,
    /** Another release answers. */
    ANOTHER_RELEASE,
    /** Nothing recognisable was shown, or it could not be read (command failed, endpoint down). */
    NOT_READ,
    /** {@code <identity>none</identity>}: not checked. */
    NOT_VERIFIED,
    /** The entry predates identities. */
    NOT_RECORDED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  public IdentityProof {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(outcome, "outcome");
    seen = oneLine(seen);
    detail = detail == null ? "" : detail;
  }

  /** The proof for {@link IdentityMode#NONE}. */
  public static IdentityProof notVerified() {
    return new IdentityProof(IdentityMode.NONE, Outcome.NOT_VERIFIED, "",
        NOT_VERIFIED + " (<identity>none</identity>): which release runs was not checked");
  }

  public boolean proven() {
    return outcome == Outcome.PROVEN;
  }

  /** True when what runs may go on to smoke: proven, or not checked by choice. */
  public boolean accepted() {
    return outcome == Outcome.PROVEN || outcome == Outcome.NOT_VERIFIED;
  }

  /** One phrase for logs, the board and status: the proof, {@code identity not verified}, or what was seen. */
  public String describe() {
    return switch (outcome) {
      case PROVEN -> detail;
      case NOT_VERIFIED -> NOT_VERIFIED;
      case ANOTHER_RELEASE -> "another release answers: " + seen;
      case NOT_READ -> detail.isEmpty() ? "identity not read" : detail;
      case NOT_RECORDED -> "";
    };
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("mode", mode.label());
    node.put("verified", proven());
    node.put("outcome", outcome.label());
    if (!seen.isEmpty()) {
      node.put("seen", seen);
    }
    node.put("detail", describe());
    return node;
  }

  /** The proof recorded in {@code node}; {@link #UNKNOWN} when there is none (an older entry). */
  public static IdentityProof fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      return UNKNOWN;
    }
    IdentityMode mode = IdentityMode.parse(node.path("mode").asText(""), "identity.mode", IdentityMode.HEALTH);
    Outcome outcome;
    try {
      outcome = Outcome.valueOf(node.path("outcome").asText("not-read").toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      outcome = Outcome.NOT_READ;
    }
    // fail closed: an entry that says verified=false is never read as proven
    if (outcome == Outcome.PROVEN && !node.path("verified").asBoolean(false)) {
      outcome = Outcome.NOT_READ;
    }
    return new IdentityProof(mode, outcome, node.path("seen").asText(""), node.path("detail").asText(""));
  }

  private static String oneLine(String s) {
    if (s == null) {
      return "";
    }
    String line = s.strip().replaceAll("\\s*\\R\\s*", " | ");
    return line.length() > MAX_SEEN ? line.substring(0, MAX_SEEN) + "…" : line;
  }
}
