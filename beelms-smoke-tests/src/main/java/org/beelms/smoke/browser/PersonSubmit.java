package org.beelms.smoke.browser;

import org.beelms.smoke.config.PageConsent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Submits a form the way a person does: the submit button is scrolled to the middle of the viewport; if an overlay
 * still covers it there and it is a cookie-consent bar (found by its buttons' text in the page's language inside a
 * fixed or sticky element, or by {@code page.consentSelectors}), the bar is answered as {@code page.consent} says
 * (decline by default) and the button clicked; if it is still covered (or the click is intercepted anyway), the form
 * is submitted the keyboard's way, Enter in the password field. {@link Outcome#how()} says which way was used and what
 * covered the button, for the check's proof.
 */
final class PersonSubmit {
    /** Labels of a consent bar's decline button, lower case, in the languages of the fronts met so far. */
    static final List<String> DECLINE_WORDS = List.of("откажи", "отказ", "отказвам", "отхвърли", "отхвърляне",
            "decline", "decline all", "reject", "reject all", "refuse", "deny", "only necessary",
            "necessary only", "only essential", "ablehnen", "refuser", "rechazar");
    /** Labels of a consent bar's accept button. */
    static final List<String> ACCEPT_WORDS = List.of("приеми", "приемам", "приеми всички", "съгласен съм", "разбрах",
            "accept", "accept all", "agree", "i agree", "allow", "allow all", "ok", "got it", "akzeptieren",
            "accepter", "aceptar");
    private static final Duration BAR_GONE = Duration.ofSeconds(2);

    /** How the form was submitted: {@code how} for the proof. */
    record Outcome(String how) {
    }

    private final Tab tab;
    private final PageConsent consent;

    PersonSubmit(Tab tab, PageConsent consent) {
        this.tab = Objects.requireNonNull(tab, "tab");
        this.consent = Objects.requireNonNull(consent, "consent");
    }

    /**
     * Submits through the first shown element matching {@code button} (or by Enter in the first shown {@code password}
     * field when there is none or it stays covered).
     */
    Outcome submit(String button, String password) {
        Map<?, ?> target = target(button);
        if (target == null) {
            enter(password);
            return new Outcome("by Enter in the password field (the form has no submit button)");
        }
        Object cover = target.get("cover");
        if (cover == null) {
            return clickOrEnter(button, password, "by a click on the submit button");
        }
        String answered = answerConsent();
        if (answered != null) {
            Map<?, ?> again = target(button);
            Object after = again == null ? "nothing (the button is gone)" : again.get("cover");
            if (after == null) {
                return clickOrEnter(button, password, "by a click on the submit button after " + answered
                        + " that covered it with " + cover);
            }
            enter(password);
            return new Outcome("by Enter in the password field: after " + answered + " the submit button was still "
                    + "covered by " + after);
        }
        enter(password);
        return new Outcome("by Enter in the password field: the submit button was covered by " + cover
                + (consent.answer() == PageConsent.Answer.LEAVE ? " (page.consent=leave)"
                : " and no consent bar to answer was found"));
    }

    /**
     * Clicks the button's centre through the browser's mouse events, right after a hit test there (what a click would
     * reach): when something else would receive it (the page moved an overlay over it meanwhile), Enter instead.
     */
    private Outcome clickOrEnter(String button, String password, String how) {
        Map<?, ?> target = target(button);
        if (target == null || target.get("cover") != null || !(target.get("x") instanceof Number x)
                || !(target.get("y") instanceof Number y)) {
            enter(password);
            return new Outcome("by Enter in the password field: the click was intercepted (element click intercepted"
                    + " by " + (target == null ? "nothing: the button is gone" : target.get("cover")) + ")");
        }
        tab.click(x.doubleValue(), y.doubleValue());
        return new Outcome(how);
    }

    /** The button scrolled to the middle: {@code {x, y, cover}}, or {@code null} when none is shown. */
    private Map<?, ?> target(String button) {
        return tab.script(PageScripts.SCROLL_TO_MIDDLE_AND_FIND_COVER, button) instanceof Map<?, ?> m ? m : null;
    }

    private void enter(String password) {
        tab.script(PageScripts.FOCUS, password);
        tab.pressEnter();
    }

    /** Answers the consent bar as configured: what was done (e.g. "declining the consent bar <div ...>"), or null. */
    private String answerConsent() {
        if (consent.answer() == PageConsent.Answer.LEAVE) {
            return null;
        }
        boolean decline = consent.answer() == PageConsent.Answer.DECLINE;
        Object found = tab.script(PageScripts.FIND_CONSENT_BUTTON, consent.selector().orElse(null),
                decline ? DECLINE_WORDS : ACCEPT_WORDS, decline ? ACCEPT_WORDS : DECLINE_WORDS);
        if (!(found instanceof List<?> answer) || answer.size() < 4 || !(answer.get(0) instanceof Number x)
                || !(answer.get(1) instanceof Number y)) {
            return null;
        }
        try {
            tab.click(x.doubleValue(), y.doubleValue());
        } catch (DevToolsException e) {
            return null;
        }
        Poll.until(BAR_GONE, Duration.ofMillis(50), () -> !Boolean.TRUE.equals(tab.script(PageScripts.CONSENT_SHOWN)));
        return (decline ? "declining" : "accepting") + " the consent bar " + answer.get(3) + " (\"" + answer.get(2)
                + "\")";
    }
}
