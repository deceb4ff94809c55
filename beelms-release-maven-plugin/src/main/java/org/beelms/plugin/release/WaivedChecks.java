package org.beelms.plugin.release;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.beelms.plugin.release.ReleaseNotes.Limitation;
import org.beelms.smoke.waiver.SmokeWaiver;
import org.beelms.smoke.waiver.SmokeWaivers;

/**
 * The known limitations a smoke/regression waiver file declares: each waiver is a check the
 * release ships failing on purpose. The notes are written before the deploy, so they list what the
 * file accepts (not what a run waived): a waiver still valid as {@code WAIVED}, an expired one as
 * {@code WAIVER_EXPIRED} (the post-deploy smoke will fail on it until it is renewed or fixed).
 */
final class WaivedChecks {

  private WaivedChecks() {}

  /**
   * @throws IllegalArgumentException naming the file and line when the file cannot be used
   */
  static List<Limitation> read(Path file, LocalDate today) throws IOException {
    List<Limitation> out = new ArrayList<>();
    for (SmokeWaiver w : SmokeWaivers.read(file).waivers()) {
      String scope = w.describe().substring(w.check().length()).strip();
      String text = SmokeWaivers.checkText(w.check()) + (scope.isEmpty() ? "" : " " + scope);
      out.add(w.expiredOn(today)
          ? new Limitation(w.check(), text, Limitation.Status.WAIVER_EXPIRED,
              "waiver expired on " + w.expires() + " (" + w.owner() + ", " + w.reason() + ")")
          : new Limitation(w.check(), text, Limitation.Status.WAIVED,
              "until " + w.expires() + " (" + w.owner() + ", " + w.reason() + ")"));
    }
    return out;
  }
}
