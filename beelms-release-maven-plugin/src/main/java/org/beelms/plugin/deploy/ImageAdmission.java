package org.beelms.plugin.deploy;

import java.util.Optional;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;

/**
 * Whether a release's image may run on an environment, asked before anything moves (deploy and
 * rollback alike): e.g. its signature and provenance verified with the environment's
 * {@code <verifyKey>}.
 */
@FunctionalInterface
public interface ImageAdmission {

  /** Admits everything: an environment without a verify key. */
  ImageAdmission ANY = (release, environment) -> Optional.empty();

  /** Empty when {@code release} may go to {@code environment}; else one line saying what failed. */
  Optional<String> refusal(ReleaseRecord release, Environment environment);

  /**
   * What an admitted release was verified as, recorded on its deployment entry: {@link
   * ImageVerification#NO_VERIFY_KEY} unless {@link #verifiedWith} says which key checked it.
   */
  default ImageVerification admitted() {
    return ImageVerification.NO_VERIFY_KEY;
  }

  /** {@code check}, whose admissions are recorded as verified with the key of {@code keyFingerprint}. */
  static ImageAdmission verifiedWith(String keyFingerprint, ImageAdmission check) {
    ImageVerification verified = ImageVerification.verified(keyFingerprint);
    return new ImageAdmission() {
      @Override
      public Optional<String> refusal(ReleaseRecord release, Environment environment) {
        return check.refusal(release, environment);
      }

      @Override
      public ImageVerification admitted() {
        return verified;
      }
    };
  }
}
