package org.beelms.smoke.client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page the browser tier opened: what it waited for and whether it appeared, the page's console errors and failed
 * requests, and the screenshot taken afterwards (the evidence of the visual check). Everything in it is redacted.
 *
 * @param checklistIds the items the page proves, e.g. {@code WS1-DEMO-1}
 * @param check the check's display name
 * @param url the page opened (for the login: the form's page)
 * @param landedOn the page the browser showed at the end (after redirects, e.g. the login's target)
 * @param status the page's HTTP status as the browser saw it (Navigation Timing), 0 when unknown
 * @param expected what the check waited for, e.g. the titles the API returned
 * @param shown the expected text that appeared, or {@code null} when none did within the wait
 * @param visibleText the start of the page's visible text at the end (what a person would have read)
 * @param consoleErrors the page's console errors (uncaught exceptions, {@code console.error})
 * @param failedRequests the page's requests that failed (network errors, 4xx other than 401, 5xx)
 * @param screenshot the PNG, or {@code null} when none could be taken
 * @param problem why the check fails, one line of at most 300 characters, or {@code null} when the page showed what it
 *     should, cleanly
 * @param notes what the check did or saw that does not fail it: how a form was submitted and what covered its button,
 *     requests of other origins that failed or never finished, a preference put back
 * @param log the text file beside the screenshot holding the browser driver's full messages, or {@code null}
 */
public record PageVisit(List<String> checklistIds, String check, String url, String landedOn, int status,
                        List<String> expected, String shown, String visibleText, List<String> consoleErrors,
                        List<String> failedRequests, Path screenshot, Duration duration, Instant at, String problem,
                        List<String> notes, Path log) {

    public PageVisit {
        checklistIds = List.copyOf(checklistIds);
        expected = List.copyOf(expected);
        consoleErrors = List.copyOf(consoleErrors);
        failedRequests = List.copyOf(failedRequests);
        notes = List.copyOf(notes);
    }

    /** A visit without notes or driver log. */
    public PageVisit(List<String> checklistIds, String check, String url, String landedOn, int status,
                     List<String> expected, String shown, String visibleText, List<String> consoleErrors,
                     List<String> failedRequests, Path screenshot, Duration duration, Instant at, String problem) {
        this(checklistIds, check, url, landedOn, status, expected, shown, visibleText, consoleErrors, failedRequests,
                screenshot, duration, at, problem, List.of(), null);
    }

    public Optional<Path> logFile() {
        return Optional.ofNullable(log);
    }

    public boolean ok() {
        return problem == null;
    }

    public Optional<Path> screenshotFile() {
        return Optional.ofNullable(screenshot);
    }

    /** The same visit with its texts passed through {@code redactor}. */
    public PageVisit redacted(Redactor redactor) {
        return new PageVisit(checklistIds, check, redactor.redact(url), redactor.redact(landedOn), status,
                expected.stream().map(redactor::redact).toList(), shown == null ? null : redactor.redact(shown),
                redactor.redact(visibleText), consoleErrors.stream().map(redactor::redact).toList(),
                failedRequests.stream().map(redactor::redact).toList(), screenshot, duration, at,
                problem == null ? null : redactor.redact(problem), notes.stream().map(redactor::redact).toList(), log);
    }
}
