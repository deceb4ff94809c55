package org.beelms.plugin.supplychain;

import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.image.ImageException;
import org.beelms.plugin.image.ManifestCopy;

/**
 * What production checks before it runs an image: the image's {@code .sig} holds a simple-signing
 * payload naming exactly this digest, signed with the environment's verify key; its {@code .att}
 * holds a DSSE envelope signed with the same key whose in-toto statement names this digest as
 * subject and the release's commit. The first thing that fails is the answer, in one line.
 */
public final class ImageVerifier {

  private final Attachments attachments;
  private final PublicKey key;
  private final String keySource;

  /**
   * @param keySource where the verify key came from, named in the answer (e.g. {@code
   *     <environment> 'production' <verifyKey>})
   */
  public ImageVerifier(ManifestCopy registry, PublicKey key, String keySource) {
    this.attachments = new Attachments(Objects.requireNonNull(registry, "registry"));
    this.key = Objects.requireNonNull(key, "key");
    this.keySource = Objects.requireNonNull(keySource, "keySource");
  }

  /**
   * The check deploy and rollback run before anything moves: the release's image verified as built
   * from the release's commit; an admitted release is recorded as verified with this key.
   */
  public org.beelms.plugin.deploy.ImageAdmission admission() {
    return org.beelms.plugin.deploy.ImageAdmission.verifiedWith(SigningKey.fingerprint(key),
        (release, environment) -> refusal(release.image().image(), release.image().digest(), release.commit()));
  }

  /**
   * Verifies {@code image@digest} as built from {@code commit}.
   *
   * @return empty when everything holds; else the one line saying what failed
   */
  public Optional<String> refusal(String image, String digest, String commit) {
    String fingerprint = SigningKey.fingerprint(key);
    try {
      String sigRef = Attachments.reference(image, digest, Attachments.Kind.SIGNATURE);
      Optional<List<Attachments.Layer>> signatures = attachments.read(image, digest, Attachments.Kind.SIGNATURE);
      if (signatures.isEmpty() || signatures.get().isEmpty()) {
        return Optional.of("no signature: " + sigRef + " does not exist; sign the release (beelms:attest with a"
            + " signing key) before it goes to production");
      }
      Optional<String> otherDigest = Optional.empty();
      boolean signedByKey = false;
      for (Attachments.Layer layer : signatures.get()) {
        byte[] signature = decode(layer.annotations().get(Signatures.SIGNATURE_ANNOTATION));
        if (signature.length == 0 || !SigningKey.verify(key, layer.bytes(), signature)) {
          continue;
        }
        signedByKey = true;
        Optional<String> named = Signatures.signedDigest(layer.bytes());
        if (named.isPresent() && named.get().equals(digest)) {
          otherDigest = Optional.empty();
          break;
        }
        otherDigest = named.or(() -> Optional.of("(none)"));
      }
      if (!signedByKey) {
        return Optional.of("signature not made with the verify key: no signature in " + sigRef + " verifies with "
            + fingerprint + " (" + keySource + "); it was signed with another key");
      }
      if (otherDigest.isPresent()) {
        return Optional.of("signature of another digest: " + sigRef + " signs " + otherDigest.get() + ", not "
            + digest);
      }

      String attRef = Attachments.reference(image, digest, Attachments.Kind.ATTESTATION);
      Optional<List<Attachments.Layer>> attestations = attachments.read(image, digest, Attachments.Kind.ATTESTATION);
      if (attestations.isEmpty() || attestations.get().isEmpty()) {
        return Optional.of("no provenance: " + attRef + " does not exist");
      }
      String lastProblem = "";
      for (Attachments.Layer layer : attestations.get()) {
        byte[] statement;
        try {
          statement = Signatures.openEnvelope(layer.bytes(), key);
        } catch (IllegalArgumentException e) {
          lastProblem = e.getMessage() + " (" + attRef + ")";
          continue;
        }
        Optional<ProvenanceStatement.Claims> claims = ProvenanceStatement.claims(statement);
        if (claims.isEmpty()) {
          lastProblem = "the attestation in " + attRef + " is not an in-toto statement";
          continue;
        }
        if (!claims.get().subjectDigests().contains(digest)) {
          return Optional.of("provenance of another image: its subject is " + claims.get().subjectDigests()
              + ", not " + digest + " (" + attRef + ")");
        }
        if (!claims.get().commit().equals(commit)) {
          return Optional.of("provenance of another commit: it says " + shortSha(claims.get().commit())
              + ", the release is " + shortSha(commit) + " (" + attRef + ")");
        }
        return Optional.empty();
      }
      return Optional.of(lastProblem);
    } catch (ImageException e) {
      return Optional.of("cannot read the signature or provenance of " + digest + ": " + e.getMessage());
    }
  }

  private static byte[] decode(String base64) {
    if (base64 == null) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static String shortSha(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha.isEmpty() ? "(none)" : sha;
  }
}
