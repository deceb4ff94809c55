package org.beelms.reference.pages;

import java.util.Locale;
import java.util.Objects;

/**
 * Switches of the client-rendered pages ({@code /app/...}, {@code /login}, {@code /my-courses}), kept
 * apart from the API's settings. The consent bar and the persisted language preference are always
 * there, as on the real front end; these switch on what only some runs want.
 *
 * @param brokenScript {@code --fault-page-script}: the pages' script throws after its API call
 * @param hangingThirdParty {@code --hanging-third-party}: every page loads a script from another
 *     origin (a second loopback port) that accepts the connection and never answers, so the page's
 *     load event never fires while its content is there
 * @param hydration {@code --fault-hydration[=after-language-switch|always]}: the pages outside the
 *     wiki log a React-style "Hydration failed ..." error, after the language preference was switched
 *     away from the default or always
 * @param spaFallback {@code --spa-fallback}: a front end's catch-all in front of the API answers its
 *     index page with 200 in place of every API error (as a proxy with {@code error_page … =200
 *     /index.html} does): no error body ever reaches a client
 * @param loginWithoutSession {@code --fault-login-without-session}: the login form's script goes on
 *     to {@code /my-courses} without logging in (no API call, no token stored)
 */
public record FrontEnd(boolean brokenScript, boolean hangingThirdParty, Hydration hydration, boolean spaFallback,
    boolean loginWithoutSession) {

  public static final FrontEnd DEFAULT = new FrontEnd(false, false, Hydration.OFF, false, false);

  /** Without the catch-all and the login fault. */
  public FrontEnd(boolean brokenScript, boolean hangingThirdParty, Hydration hydration) {
    this(brokenScript, hangingThirdParty, hydration, false, false);
  }

  public FrontEnd {
    Objects.requireNonNull(hydration, "hydration");
  }

  /** When the hydration-style mismatch appears. */
  public enum Hydration {
    OFF, AFTER_LANGUAGE_SWITCH, ALWAYS;

    /** {@code after-language-switch} or {@code always} (the flag's value), else an error naming the flag. */
    public static Hydration parse(String value) {
      String v = value == null || value.isBlank() ? "after-language-switch" : value.trim();
      for (Hydration h : values()) {
        if (h != OFF && h.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(v)) {
          return h;
        }
      }
      throw new IllegalArgumentException("--fault-hydration takes after-language-switch (the default) or always, not '"
          + value + "'");
    }
  }

  public FrontEnd withBrokenScript(boolean broken) {
    return new FrontEnd(broken, hangingThirdParty, hydration, spaFallback, loginWithoutSession);
  }

  public FrontEnd withHangingThirdParty(boolean hanging) {
    return new FrontEnd(brokenScript, hanging, hydration, spaFallback, loginWithoutSession);
  }

  public FrontEnd withHydration(Hydration mismatch) {
    return new FrontEnd(brokenScript, hangingThirdParty, mismatch, spaFallback, loginWithoutSession);
  }

  public FrontEnd withSpaFallback(boolean fallback) {
    return new FrontEnd(brokenScript, hangingThirdParty, hydration, fallback, loginWithoutSession);
  }

  public FrontEnd withLoginWithoutSession(boolean fault) {
    return new FrontEnd(brokenScript, hangingThirdParty, hydration, spaFallback, fault);
  }
}
