package org.beelms.plugin.supplychain;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * An ECDSA P-256 signing key read from a password-protected PEM ({@code -----BEGIN ENCRYPTED
 * PRIVATE KEY-----}, PKCS#8 as {@code openssl genpkey ... -aes-256-cbc} or {@code openssl pkcs8
 * -topk8} write it). Signatures are SHA-256 with ECDSA, DER-encoded: what {@code openssl dgst
 * -sha256 -verify} and cosign check. The key and its password never appear in a message or in
 * {@link #toString()}.
 */
public final class SigningKey {

  private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String source;

  private SigningKey(PrivateKey privateKey, PublicKey publicKey, String source) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.source = source;
  }

  /**
   * Reads a password-protected key.
   *
   * @param pem the PEM text
   * @param password its password
   * @param source where it came from, named in errors (e.g. {@code settings.xml server 'signing'})
   */
  public static SigningKey read(String pem, char[] password, String source) {
    Objects.requireNonNull(source, "source");
    String text = pem == null ? "" : pem;
    if (text.contains("BEGIN ENCRYPTED SIGSTORE PRIVATE KEY")) {
      throw new IllegalArgumentException(source + " holds a cosign key (ENCRYPTED SIGSTORE PRIVATE KEY), which"
          + " Java cannot read; give a PKCS#8 key: openssl genpkey -algorithm EC -pkeyopt"
          + " ec_paramgen_curve:P-256 -aes-256-cbc -out signing.pem (cosign signs with it too:"
          + " cosign import-key-pair --key signing.pem)");
    }
    if (!text.contains("BEGIN " + ENCRYPTED)) {
      throw new IllegalArgumentException(source + " is not a password-protected PKCS#8 key (no -----BEGIN "
          + ENCRYPTED + "-----); an unencrypted key must not sit in CI: encrypt it with openssl pkcs8 -topk8"
          + " -v2 aes-256-cbc -in key.pem -out signing.pem");
    }
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException(source + " is password-protected but no password was given");
    }
    try {
      EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(Pem.decode(text, ENCRYPTED, source));
      AlgorithmParameters parameters = info.getAlgParameters();
      // For PBES2 the JDK names the real cipher only in the parameters (PBEWithHmacSHA256AndAES_256).
      String algorithm = parameters == null ? info.getAlgName() : parameters.toString();
      SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
      PBEKeySpec spec = new PBEKeySpec(password);
      Cipher cipher = Cipher.getInstance(algorithm);
      cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(spec), parameters);
      spec.clearPassword();
      PKCS8EncodedKeySpec keySpec = info.getKeySpec(cipher);
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(keySpec);
      ECPrivateKey ec = (ECPrivateKey) key;
      checkP256(ec.getParams(), source);
      return new SigningKey(key, publicOf(ec), source);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot decrypt the signing key of " + source
          + " (wrong password, or a cipher this JVM lacks: " + e.getClass().getSimpleName()
          + "); check the password, or re-encrypt it with openssl pkcs8 -topk8 -v2 aes-256-cbc", e);
    } catch (java.io.IOException | ClassCastException e) {
      throw new IllegalArgumentException(source + " is not an EC private key in PKCS#8 (" + e.getClass().getSimpleName()
          + "); give a P-256 key made with openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256", e);
    }
  }

  /** A {@code -----BEGIN PUBLIC KEY-----} PEM (what {@code openssl pkey -pubout} writes), P-256 only. */
  public static PublicKey readPublic(String pem, String source) {
    try {
      PublicKey key = KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Pem.decode(pem, "PUBLIC KEY", source)));
      checkP256(((ECPublicKey) key).getParams(), source);
      return key;
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(source + " is not an EC public key (" + e.getClass().getSimpleName()
          + "); give the PEM openssl pkey -in signing.pem -pubout writes", e);
    }
  }

  /** DER-encoded SHA256withECDSA over {@code payload}. */
  public byte[] sign(byte[] payload) {
    try {
      Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
      signature.initSign(privateKey);
      signature.update(payload);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with the key of " + source + " failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** True when {@code signature} (DER) is {@code key}'s over {@code payload}. */
  public static boolean verify(PublicKey key, byte[] payload, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
      verifier.initVerify(key);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (java.security.SignatureException malformed) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot verify an ECDSA signature: " + e.getMessage(), e);
    }
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** {@code sha256:<hex>} of the public key's DER (SubjectPublicKeyInfo): names the key, reveals nothing. */
  public static String fingerprint(PublicKey key) {
    return Digests.sha256(key.getEncoded());
  }

  public String fingerprint() {
    return fingerprint(publicKey);
  }

  /** The public key as PEM, for a verifier's {@code <verifyKey>}. */
  public String publicPem() {
    return Pem.encode(publicKey.getEncoded(), "PUBLIC KEY");
  }

  @Override
  public String toString() {
    return "SigningKey[" + source + ", " + fingerprint() + "]";
  }

  private static void checkP256(ECParameterSpec params, String source) {
    if (params.getCurve().getField().getFieldSize() != 256
        || !params.getOrder().toString(16).equals("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")) {
      throw new IllegalArgumentException(source + " is not a P-256 (prime256v1) key; make one with openssl genpkey"
          + " -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
    }
  }

  /** Q = d·G is not exposed by the JDK; the public key is rebuilt from the PKCS#8 structure. */
  private static PublicKey publicOf(ECPrivateKey key) throws GeneralSecurityException {
    ECPoint q = EcMath.multiply(key.getParams(), key.getS());
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, key.getParams()));
  }

  /** PEM armour. */
  static final class Pem {
    private Pem() {}

    static byte[] decode(String pem, String type, String source) {
      String begin = "-----BEGIN " + type + "-----";
      String end = "-----END " + type + "-----";
      int from = pem == null ? -1 : pem.indexOf(begin);
      int to = from < 0 ? -1 : pem.indexOf(end, from);
      if (from < 0 || to < 0) {
        throw new IllegalArgumentException(source + " has no " + begin + " ... " + end + " block");
      }
      String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
      try {
        return Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": the " + type + " block is not Base64", e);
      }
    }

    static String encode(byte[] der, String type) {
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
      return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
  }
}
