package org.beelms.smoke.browser;


import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One page check in progress: what it found so far. */
final class Visit {
    final List<String> ids;
    final String check;
    final URI url;
    final Collection<String> expected;
    final Tab d;
    final Instant at = Instant.now();
    final List<String> console = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> driverLog = new ArrayList<>();
    /** Console errors and failed requests were gathered during the check (the login page's, before it left). */
    boolean observed;
    String shown;
    String problem;
    String how = "";

    Visit(List<String> ids, String check, URI url, Collection<String> expected, Tab d) {
        this.ids = ids;
        this.check = check;
        this.url = url;
        this.expected = expected;
        this.d = d;
    }

    /** A one-line problem from the browser's exception; its full text to the log file. */
    void driverFailed(String doing, RuntimeException e) {
        if (problem == null) {
            problem = doing + ": " + FailureText.driverSaid(e.getMessage());
        }
        log(e);
    }

    void log(RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        driverLog.add(trace.toString());
    }
}
