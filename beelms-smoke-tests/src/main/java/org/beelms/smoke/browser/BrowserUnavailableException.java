package org.beelms.smoke.browser;

/** Chromium or chromedriver is missing or would not start; the message is one line saying what to install or set. */
public final class BrowserUnavailableException extends RuntimeException {
    public BrowserUnavailableException(String message) {
        super(message);
    }

    public BrowserUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
