package org.beelms.smoke.config;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How the browser tier answers a cookie-consent bar that covers what it has to click ({@code page.consent}), and
 * where that bar's buttons are on a front end whose buttons the tier cannot find by their text
 * ({@code page.consentSelectors}). Without selectors the bar is found by its buttons' text in the page's language
 * (Откажи/Приеми, Decline/Accept, Reject/Allow, ...) inside a fixed or sticky element.
 *
 * @param answer {@code decline} (default), {@code accept} or {@code leave} (never touch the bar)
 * @param declineSelector CSS selector of the bar's decline button ({@code decline=...} of {@code page.consentSelectors})
 * @param acceptSelector CSS selector of the bar's accept button ({@code accept=...})
 */
public record PageConsent(Answer answer, Optional<String> declineSelector, Optional<String> acceptSelector) {
    public static final PageConsent DEFAULT = new PageConsent(Answer.DECLINE, Optional.empty(), Optional.empty());

    /** The answer given to a consent bar. */
    public enum Answer {
        DECLINE, ACCEPT, LEAVE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PageConsent {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(declineSelector, "declineSelector");
        Objects.requireNonNull(acceptSelector, "acceptSelector");
    }

    /** The selector of the button {@link #answer()} clicks, when one was configured. */
    public Optional<String> selector() {
        return answer == Answer.ACCEPT ? acceptSelector : answer == Answer.DECLINE ? declineSelector : Optional.empty();
    }

    /** {@code page.consent} and {@code page.consentSelectors} (either may be {@code null}: the default). */
    static PageConsent parse(String answerSource, String answerValue, String selectorsSource, String selectorsValue) {
        Answer answer = Answer.DECLINE;
        if (answerValue != null && !answerValue.isBlank()) {
            String v = answerValue.trim().toLowerCase(Locale.ROOT);
            answer = switch (v) {
                case "decline" -> Answer.DECLINE;
                case "accept" -> Answer.ACCEPT;
                case "leave" -> Answer.LEAVE;
                default -> throw SmokeConfigException.invalid("page.consent", answerSource, answerValue,
                        "decline (default), accept or leave");
            };
        }
        String decline = null;
        String accept = null;
        if (selectorsValue != null && !selectorsValue.isBlank()) {
            for (String part : selectorsValue.split(";")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String name = eq < 0 ? "" : part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String css = eq < 0 ? "" : part.substring(eq + 1).trim();
                if (css.isEmpty() || !(name.equals("decline") || name.equals("accept"))) {
                    throw SmokeConfigException.invalid("page.consentSelectors", selectorsSource, selectorsValue,
                            "decline=CSS;accept=CSS (either or both), e.g. decline=#cookie-reject;accept=#cookie-ok");
                }
                if (name.equals("decline")) {
                    decline = css;
                } else {
                    accept = css;
                }
            }
        }
        return new PageConsent(answer, Optional.ofNullable(decline), Optional.ofNullable(accept));
    }

    /** The {@code page.consentSelectors} text of these selectors, empty when none. */
    String selectorsText() {
        StringBuilder s = new StringBuilder();
        declineSelector.ifPresent(d -> s.append("decline=").append(d));
        acceptSelector.ifPresent(a -> s.append(s.isEmpty() ? "" : ";").append("accept=").append(a));
        return s.toString();
    }
}
