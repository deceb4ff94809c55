package org.beelms.smoke.browser;

/** The browser refused a DevTools command, did not answer it in time, or the connection to it is gone. */
class DevToolsException extends RuntimeException {
    DevToolsException(String message) {
        super(message);
    }

    DevToolsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The connection to the browser is gone (it exited or was closed): nothing more will answer. */
    static final class Closed extends DevToolsException {
        Closed(String message) {
            super(message);
        }
    }

    /** No answer (or no page event) within the bounded wait. */
    static final class Timeout extends DevToolsException {
        Timeout(String message) {
            super(message);
        }
    }
}
