package org.beelms.smoke.waiver;

import org.beelms.smoke.regression.RegressionItems;
import org.beelms.smoke.report.ChecklistCatalog;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The smoke/regression waiver file ({@code beelms.smoke.waivers}, in the plugin {@code <smokeWaivers>}): known
 * failures accepted one by one, and the review of a run's checks against them.
 *
 * <pre>
 * - check: REG-INPUT-1
 *   endpoint: GET /courses/{courseId}     # optional: a request of the failing check that went wrong
 *   detail: "500"                          # optional: text its failure message contains
 *   reason: malformed UUIDs reach the database (beelms core issue 123)
 *   owner: core team
 *   expires: 2026-12-31
 * </pre>
 *
 * <p>The rules of {@link #review}: a failing check that a waiver matches is {@link CheckStatus#WAIVED}; an expired
 * waiver accepts nothing and is an error; a waiver whose check ran (passed, failed otherwise, or only observed) but
 * that matched no failure is an error (the failure is fixed or the waiver is wrong: remove or correct it); a waiver
 * whose check did not run at all (its tier was not selected, e.g. a regression waiver on production, which runs the
 * smoke tier only; or the check was skipped) is noted as not exercised, not an error, so one file serves every
 * environment and tier.
 */
public final class SmokeWaivers {

    /** The setting that names the file, for messages. */
    public static final String SETTING = "<smokeWaivers> / -Dbeelms.smoke.waivers";
    static final String EVERY = "check, reason, owner and expires (endpoint and detail are optional)";
    static final String EXAMPLE = "'- check: REG-INPUT-1' with 'reason: ...', 'owner: ...', 'expires: 2026-12-31'"
            + " (optional 'endpoint: GET /courses/{courseId}', 'detail: \"500\"')";
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("check", "endpoint", "detail", "reason", "owner",
            "expires"));

    /** No waiver file. */
    public static final SmokeWaivers NONE = new SmokeWaivers(null, List.of());

    private final Path file;
    private final List<SmokeWaiver> waivers;

    private SmokeWaivers(Path file, List<SmokeWaiver> waivers) {
        this.file = file;
        this.waivers = List.copyOf(waivers);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file and line: the file is missing, not a list of waivers, a field
     *     is missing, a date is not a date, or the check is not a checklist ID of the smoke or regression tier
     */
    public static SmokeWaivers read(Path file) throws IOException {
        List<SmokeWaiver> waivers = new ArrayList<>();
        Set<String> known = knownChecks();
        for (WaiverYaml.Entry entry : WaiverYaml.read(file, SETTING, EXAMPLE, FIELDS)) {
            String check = entry.required("check", EVERY);
            if (known.stream().noneMatch(check::equalsIgnoreCase)) {
                throw new IllegalArgumentException(entry.position() + ": '" + check + "' is not a check of the smoke"
                        + " or regression tier; write its checklist ID as the reports show it, e.g. REG-INPUT-1 or"
                        + " OPS-HEALTH-1");
            }
            String endpoint = entry.optional("endpoint");
            if (!endpoint.isEmpty() && !endpoint.replaceFirst("^[A-Za-z]+\\s+", "").startsWith("/")) {
                throw new IllegalArgumentException(entry.position() + ": endpoint '" + endpoint + "' is not"
                        + " [METHOD ]/path; write it e.g. as GET /courses/{courseId}");
            }
            waivers.add(new SmokeWaiver(check.toUpperCase(java.util.Locale.ROOT), endpoint, entry.optional("detail"),
                    entry.required("reason", EVERY), entry.required("owner", EVERY), entry.date("expires", EVERY),
                    entry.position()));
        }
        return new SmokeWaivers(file, waivers);
    }

    /** The waivers in file order. */
    public List<SmokeWaiver> waivers() {
        return waivers;
    }

    /** The file they were read from; empty for {@link #NONE}. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public boolean isEmpty() {
        return waivers.isEmpty();
    }

    /** The check text of a checklist ID a waiver may name: the catalogue's, else the regression tier's. */
    public static String checkText(String id) {
        return ChecklistCatalog.items().stream().filter(i -> i.id().equals(id)).map(ChecklistCatalog.Item::text)
                .findFirst().orElseGet(() -> RegressionItems.text(id));
    }

    /** Every checklist ID a waiver may name: the smoke tier's catalogue and the regression tier's items. */
    static Set<String> knownChecks() {
        Set<String> ids = new LinkedHashSet<>();
        ChecklistCatalog.items().forEach(i -> ids.add(i.id()));
        ids.addAll(RegressionItems.ids());
        return ids;
    }

    /**
     * Applies the waivers to a run's checks, as of {@code today}: see the class comment for the rules.
     *
     * @return the checks (failures a waiver accepts now {@link CheckStatus#WAIVED}) and what the review found
     */
    public WaiverReview review(List<CheckResult> checks, LocalDate today) {
        if (waivers.isEmpty()) {
            return new WaiverReview(file().map(Path::toString).orElse(""), checks, List.of(), List.of(), List.of());
        }
        Map<SmokeWaiver, Integer> used = new LinkedHashMap<>();
        List<CheckResult> out = new ArrayList<>();
        for (CheckResult check : checks) {
            CheckResult reviewed = accept(check, today);
            reviewed.waiverUsed().ifPresent(w -> used.merge(w, 1, Integer::sum));
            out.add(reviewed);
        }
        List<String> errors = new ArrayList<>();
        List<String> notExercised = new ArrayList<>();
        for (SmokeWaiver waiver : waivers) {
            List<CheckResult> citing = checks.stream().filter(c -> WaiverMatch.cites(waiver, c)).toList();
            if (waiver.expiredOn(today)) {
                errors.add(waiver.position() + ": the waiver of " + waiver.describe() + " expired on "
                        + waiver.expires() + " (" + waiver.owner() + ") and accepts nothing; " + outcome(citing)
                        + ". Fix the failure and remove the waiver, or renew it with a new expires date ("
                        + SETTING + ")");
            } else if (!used.containsKey(waiver)) {
                if (citing.stream().allMatch(c -> c.status() == CheckStatus.SKIPPED)) {
                    notExercised.add(waiver.position() + ": the waiver of " + waiver.describe()
                            + " was not exercised: " + (citing.isEmpty() ? "no check of it ran in this run (its tier"
                            + " or suite was not selected)" : "its check was skipped"));
                } else {
                    errors.add(waiver.position() + ": the waiver of " + waiver.describe() + " matches nothing in"
                            + " this run: " + outcome(citing) + ". Remove it if the failure is fixed, or correct its"
                            + " endpoint/detail to the failure the report shows (" + SETTING + ")");
                }
            }
        }
        return new WaiverReview(file.toString(), out, List.copyOf(used.keySet()), errors, notExercised);
    }

    /**
     * The check as the waivers see it: a failure the first live (not expired) waiver matches becomes
     * {@link CheckStatus#WAIVED}; anything else (an already waived check included) is returned as it is. Applied as
     * each check finishes, so progress lines already say WAIVED.
     */
    public CheckResult accept(CheckResult check, LocalDate today) {
        return waivers.stream().filter(w -> !w.expiredOn(today) && WaiverMatch.matches(w, check)).findFirst()
                .map(check::waivedBy).orElse(check);
    }

    /** What the waiver's check did: {@code REG-INPUT-1 passed} or its failure. */
    private static String outcome(List<CheckResult> citing) {
        if (citing.isEmpty()) {
            return "no check of it ran";
        }
        return citing.stream().map(c -> c.status() == CheckStatus.FAILED
                        ? "'" + c.displayName() + "' failed: " + shorten(c.message())
                        : "'" + c.displayName() + "' " + c.status().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining("; "));
    }

    private static String shorten(String message) {
        if (message == null) {
            return "(no message)";
        }
        return message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }
}
