package org.beelms.smoke.browser;

import org.beelms.smoke.config.PageConsent;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
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

    private final ChromeDriver driver;
    private final PageConsent consent;

    PersonSubmit(ChromeDriver driver, PageConsent consent) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.consent = Objects.requireNonNull(consent, "consent");
    }

    /** Submits through {@code button} (or Enter in {@code password} when there is none or it stays covered). */
    Outcome submit(WebElement button, WebElement password) {
        if (button == null) {
            password.sendKeys(Keys.ENTER);
            return new Outcome("by Enter in the password field (the form has no submit button)");
        }
        String cover = cover(button);
        if (cover == null) {
            return clickOrEnter(button, password, "by a click on the submit button");
        }
        String answered = answerConsent();
        if (answered != null) {
            String after = cover(button);
            if (after == null) {
                return clickOrEnter(button, password, "by a click on the submit button after " + answered
                        + " that covered it with " + cover);
            }
            password.sendKeys(Keys.ENTER);
            return new Outcome("by Enter in the password field: after " + answered + " the submit button was still "
                    + "covered by " + after);
        }
        password.sendKeys(Keys.ENTER);
        return new Outcome("by Enter in the password field: the submit button was covered by " + cover
                + (consent.answer() == PageConsent.Answer.LEAVE ? " (page.consent=leave)"
                : " and no consent bar to answer was found"));
    }

    private Outcome clickOrEnter(WebElement button, WebElement password, String how) {
        try {
            button.click();
            return new Outcome(how);
        } catch (ElementClickInterceptedException e) {
            password.sendKeys(Keys.ENTER);
            return new Outcome("by Enter in the password field: the click was intercepted ("
                    + FailureText.driverSaid(e.getMessage()) + ")");
        }
    }

    /** Scrolls {@code element} to the viewport's middle; what covers it there, or {@code null}. */
    private String cover(WebElement element) {
        Object covered = driver.executeScript(PageScripts.SCROLL_TO_MIDDLE_AND_FIND_COVER, element);
        return covered == null ? null : String.valueOf(covered);
    }

    /** Answers the consent bar as configured: what was done (e.g. "declining the consent bar <div ...>"), or null. */
    private String answerConsent() {
        if (consent.answer() == PageConsent.Answer.LEAVE) {
            return null;
        }
        boolean decline = consent.answer() == PageConsent.Answer.DECLINE;
        Object found = driver.executeScript(PageScripts.FIND_CONSENT_BUTTON, consent.selector().orElse(null),
                decline ? DECLINE_WORDS : ACCEPT_WORDS, decline ? ACCEPT_WORDS : DECLINE_WORDS);
        if (!(found instanceof List<?> pair) || pair.size() < 2 || !(pair.get(0) instanceof WebElement answer)) {
            return null;
        }
        String label = answer.getText().trim();
        try {
            answer.click();
        } catch (WebDriverException e) {
            return null;
        }
        long until = System.nanoTime() + BAR_GONE.toNanos();
        while (System.nanoTime() < until && shown(answer)) {
            sleep();
        }
        return (decline ? "declining" : "accepting") + " the consent bar " + pair.get(1) + " (\"" + label + "\")";
    }

    private static boolean shown(WebElement element) {
        try {
            return element.isDisplayed();
        } catch (WebDriverException e) {
            return false; // removed from the page with its bar
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
