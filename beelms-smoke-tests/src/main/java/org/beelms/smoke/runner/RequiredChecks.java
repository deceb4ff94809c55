package org.beelms.smoke.runner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.beelms.smoke.checks.SuiteTags;
import org.beelms.smoke.config.SmokeConfigException;
import org.beelms.smoke.regression.RegressionItems;
import org.beelms.smoke.report.ChecklistCatalog;

/**
 * The checklist IDs a tier needs PASSED (or WAIVED), never skipped nor left out: without them a
 * tier is no pass however many other checks passed (one pass and fifteen skips is not a regression
 * run). Smoke tier: {@link #SMOKE}; regression tier: {@link #REGRESSION} (the JWT guard and the
 * malformed-id check, which holds the error contract: 4xx JSON, never 5xx or HTML). A run requires
 * the IDs of the suites it selected ({@code --suites ops} requires the OPS ones). Configured with
 * {@code beelms.smoke.requiredChecks} (comma-separated IDs, or {@code none}); a run whose checks
 * may be skipped for a documented reason (identity {@code none} skips OPS-HEALTH-1's version
 * check, a read-only target without a database report skips OPS-DB-1) names its list there.
 */
public final class RequiredChecks {

    /** Required of the smoke tier by default. */
    public static final List<String> SMOKE = List.of("OPS-HEALTH-1", "OPS-DB-1", "WS1-API-1", "WS2-API-2", "WS3-API-1");

    /** Required of the regression tier by default: the JWT guard and one check of the error contract. */
    public static final List<String> REGRESSION = List.of(RegressionItems.JWT_GUARD, RegressionItems.MALFORMED_IDS);

    /** Both tiers' defaults. */
    public static final List<String> DEFAULTS;

    static {
        List<String> all = new ArrayList<>(SMOKE);
        all.addAll(REGRESSION);
        DEFAULTS = List.copyOf(all);
    }

    private RequiredChecks() {
    }

    /**
     * {@code OPS-DB-1,WS1-API-1} or {@code none} (no check required: the run still needs one check executed).
     *
     * @throws SmokeConfigException naming {@code source} for an unknown ID
     */
    public static List<String> parse(String text, String source) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("none")) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String part : trimmed.split("[,\\s]+")) {
            String id = part.trim().toUpperCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (ChecklistCatalog.item(id).isEmpty() && !RegressionItems.ids().contains(id)) {
                throw SmokeConfigException.invalid("requiredChecks", source, text,
                        "checklist IDs separated by commas (e.g. " + String.join(",", SMOKE) + "), or none; '"
                                + part.trim() + "' is no checklist ID of the smoke or regression tier");
            }
            out.add(id);
        }
        if (out.isEmpty()) {
            throw SmokeConfigException.invalid("requiredChecks", source, text,
                    "checklist IDs separated by commas, or none (leave it unset for the defaults)");
        }
        return List.copyOf(out);
    }

    /** True when {@code id} belongs to the regression tier. */
    public static boolean regression(String id) {
        return id.startsWith("REG-");
    }

    /** The IDs of {@code required} whose suite {@code suites} selected. */
    public static List<String> forSuites(List<String> required, Set<String> suites) {
        return required.stream().filter(id -> selected(id, suites)).toList();
    }

    private static boolean selected(String id, Set<String> suites) {
        if (regression(id)) {
            return suites.contains(SuiteTags.REGRESSION);
        }
        String suite = ChecklistCatalog.suiteOf(id);
        return suites.contains(suite) || suites.contains(SuiteTags.ALL);
    }

    /**
     * Why {@code id} is not met in {@code checks}, or empty when it is: met means a check citing it PASSED (or was
     * WAIVED) and none failed. An ID with two checks (OPS-HEALTH-1: the API is up; the running version is the
     * expected one) is met by the first when the second is skipped for its documented reason (no expected version,
     * identity {@code none}: the deployment entry records that identity as not verified). Otherwise {@code not run},
     * {@code skipped: <reason>}, {@code failed} or {@code information only}.
     */
    static java.util.Optional<String> unmet(String id, List<CheckResult> checks) {
        List<CheckResult> citing = checks.stream().filter(c -> c.cites(id)).toList();
        if (citing.isEmpty()) {
            return java.util.Optional.of("not run");
        }
        if (citing.stream().anyMatch(c -> c.status() == CheckStatus.FAILED)) {
            return java.util.Optional.of("failed");
        }
        if (citing.stream().anyMatch(c -> c.status() == CheckStatus.PASSED || c.status() == CheckStatus.WAIVED)) {
            return java.util.Optional.empty();
        }
        CheckResult first = citing.get(0);
        if (first.status() == CheckStatus.SKIPPED) {
            return java.util.Optional.of("skipped" + (first.message() == null || first.message().isBlank() ? ""
                    : ": " + first.message()));
        }
        return java.util.Optional.of(first.status() == CheckStatus.INFO ? "information only"
                : first.status().name().toLowerCase(Locale.ROOT));
    }
}
