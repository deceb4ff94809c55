package org.beelms.plugin.supplychain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as registries and in-toto write it. */
final class Digests {

  private Digests() {}

  /** {@code sha256:<hex>}. */
  static String sha256(byte[] bytes) {
    return "sha256:" + sha256Hex(bytes);
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The hex part of {@code sha256:<hex>}, checked. */
  static String hexOf(String digest) {
    if (digest == null || !digest.matches("sha256:[0-9a-f]{64}")) {
      throw new IllegalArgumentException("'" + digest + "' is not a sha256 digest (sha256:<64 hex>)");
    }
    return digest.substring("sha256:".length());
  }
}
