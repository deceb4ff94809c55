package org.beelms.reference.api;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashes. */
public final class PasswordHasher {

  /** Cost 10: about 50–100 ms per hash on a small machine, enough for a demo server that tests log into often. */
  private static final int COST = 10;
  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
  public static final int MAX_PASSWORD_BYTES = 71;
  /** Checked against when the account does not exist, so a wrong email costs as long as a wrong password. */
  private static final String DUMMY_HASH = BCrypt.withDefaults().hashToString(COST, "not-a-password".toCharArray());

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  /** True when {@code password} matches {@code hash}; a null or non-bcrypt hash never matches. */
  public boolean matches(String password, String hash) {
    byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
    if (passwordBytes.length > MAX_PASSWORD_BYTES) {
      return false;
    }
    if (hash == null || !hash.startsWith("$2")) {
      // No account (or an unusable hash): spend the same time as a real check, then refuse.
      BCrypt.verifyer().verify(passwordBytes, DUMMY_HASH.getBytes(StandardCharsets.UTF_8));
      return false;
    }
    return BCrypt.verifyer().verify(passwordBytes, hash.getBytes(StandardCharsets.UTF_8)).verified;
  }
}
