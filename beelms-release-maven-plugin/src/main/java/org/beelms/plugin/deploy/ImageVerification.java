package org.beelms.plugin.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Whether a deploy or rollback checked the image's signature and provenance before it moved the
 * environment tag ({@code "verification": {…}} on its deployment entry), shown by status and the
 * board. Only {@link Outcome#VERIFIED} is ever shown as verified.
 *
 * @param outcome what was checked
 * @param key for {@link Outcome#VERIFIED}, the SHA-256 fingerprint of the environment's
 *     {@code <verifyKey>} that the signature and provenance verified with; empty otherwise
 */
public record ImageVerification(Outcome outcome, String key) {

  public enum Outcome {
    /** The signature and the provenance verified with the environment's verify key. */
    VERIFIED,
    /** The environment has no {@code <verifyKey>}: nothing was checked. */
    NO_VERIFY_KEY,
    /** The entry predates verification records (no {@code verification} field). */
    NOT_RECORDED
  }

  /** An entry written before verifications were recorded. */
  public static final ImageVerification NOT_RECORDED = new ImageVerification(Outcome.NOT_RECORDED, "");

  /** A rollout to an environment without {@code <verifyKey>}. */
  public static final ImageVerification NO_VERIFY_KEY = new ImageVerification(Outcome.NO_VERIFY_KEY, "");

  public ImageVerification {
    Objects.requireNonNull(outcome, "outcome");
    key = key == null ? "" : key;
    if (outcome == Outcome.VERIFIED && key.isEmpty()) {
      throw new IllegalArgumentException("a verified image names the key it verified with");
    }
  }

  /** Verified with the key of this fingerprint. */
  public static ImageVerification verified(String keyFingerprint) {
    return new ImageVerification(Outcome.VERIFIED, keyFingerprint);
  }

  public boolean verified() {
    return outcome == Outcome.VERIFIED;
  }

  /**
   * One phrase for the board and status: {@code signature and provenance verified ✓ (key
   * sha256:…)}, {@code signature not verified (no <verifyKey>)}, or {@code signature not verified
   * (not recorded)} for an older entry.
   */
  public String describe() {
    return switch (outcome) {
      case VERIFIED -> "signature and provenance verified ✓ (key " + shortKey(key) + ")";
      case NO_VERIFY_KEY -> "signature not verified (no <verifyKey>)";
      case NOT_RECORDED -> "signature not verified (not recorded)";
    };
  }

  /** A key fingerprint as {@code sha256:0123456789ab…}: enough to tell keys apart. */
  public static String shortKey(String fingerprint) {
    int colon = fingerprint.indexOf(':');
    return fingerprint.length() > colon + 13 ? fingerprint.substring(0, colon + 13) + "…" : fingerprint;
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("verified", verified());
    if (verified()) {
      node.put("key", key);
    } else {
      node.put("reason", "no <verifyKey> on the environment");
    }
    return node;
  }

  /** Reads an entry's {@code verification}; {@link #NOT_RECORDED} when absent. */
  public static ImageVerification fromJson(JsonNode node) {
    if (node == null || node.isNull() || !node.isObject()) {
      return NOT_RECORDED;
    }
    String key = node.path("key").asText("");
    return node.path("verified").asBoolean(false) && !key.isEmpty() ? verified(key) : NO_VERIFY_KEY;
  }
}
