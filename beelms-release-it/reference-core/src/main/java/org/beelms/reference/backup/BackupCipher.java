package org.beelms.reference.backup;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a dump with the {@code encryptionPassword} of a backup request, as beelms core offers:
 * AES-256-GCM with a key derived by PBKDF2-HMAC-SHA256 from the password and a random salt. The
 * stored form is salt (16 bytes), nonce (12 bytes), then the ciphertext with its tag; a wrong
 * password fails the tag check.
 */
final class BackupCipher {

  private static final int SALT = 16;
  private static final int NONCE = 12;
  private static final int ITERATIONS = 100_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private BackupCipher() {
  }

  static byte[] encrypt(byte[] plain, String password) throws GeneralSecurityException {
    byte[] salt = new byte[SALT];
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key(password, salt), new GCMParameterSpec(128, nonce));
    byte[] sealed = cipher.doFinal(plain);
    return ByteBuffer.allocate(SALT + NONCE + sealed.length).put(salt).put(nonce).put(sealed).array();
  }

  /** The plain dump; {@link GeneralSecurityException} when the password is wrong or the file damaged. */
  static byte[] decrypt(byte[] stored, String password) throws GeneralSecurityException {
    if (stored.length < SALT + NONCE + 16) {
      throw new GeneralSecurityException("the encrypted backup is too short");
    }
    ByteBuffer in = ByteBuffer.wrap(stored);
    byte[] salt = new byte[SALT];
    byte[] nonce = new byte[NONCE];
    in.get(salt).get(nonce);
    byte[] sealed = new byte[in.remaining()];
    in.get(sealed);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key(password, salt), new GCMParameterSpec(128, nonce));
    return cipher.doFinal(sealed);
  }

  private static SecretKeySpec key(String password, byte[] salt) throws GeneralSecurityException {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
    try {
      return new SecretKeySpec(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded(),
          "AES");
    } finally {
      spec.clearPassword();
    }
  }
}
