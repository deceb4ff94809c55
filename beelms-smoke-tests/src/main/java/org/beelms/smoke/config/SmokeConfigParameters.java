package org.beelms.smoke.config;

import static org.beelms.smoke.config.SmokeConfig.PREFIX;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link SmokeConfig} written back as JUnit configuration parameters ({@code beelms.smoke.<key>}), each value in
 * the form {@link SmokeConfigResolver} reads, so resolving them gives the same configuration again.
 */
final class SmokeConfigParameters {

    private SmokeConfigParameters() {
    }

    /** Every setting of {@code c} plus {@link SmokeConfig#RESOLVED_MARKER}; holds the passwords. */
    static Map<String, String> of(SmokeConfig c) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PREFIX + "url", c.url().toString());
        p.put(PREFIX + "apiPrefix", c.apiPrefix().isEmpty() ? "/" : c.apiPrefix());
        c.webUrl().ifPresent(web -> p.put(PREFIX + "webUrl", web.toString()));
        p.put(PREFIX + "environment", c.environment());
        p.put(PREFIX + "mode", c.mode().name().toLowerCase(Locale.ROOT));
        c.user().ifPresent(user -> {
            p.put(PREFIX + "user.email", user.email());
            p.put(PREFIX + "user.password", user.password());
        });
        c.admin().ifPresent(admin -> {
            p.put(PREFIX + "admin.email", admin.email());
            p.put(PREFIX + "admin.password", admin.password());
        });
        p.put(PREFIX + "connectTimeout", String.valueOf(c.connectTimeout().toMillis()));
        p.put(PREFIX + "readTimeout", String.valueOf(c.readTimeout().toMillis()));
        p.put(PREFIX + "readyTimeout", String.valueOf(c.readyTimeout().toMillis()));
        p.put(PREFIX + "retryBudget", String.valueOf(c.retryBudget()));
        c.expectedVersion().ifPresent(version -> p.put(PREFIX + "expectedVersion", version));
        p.put(PREFIX + "identity.mode", c.identity().mode());
        c.identity().proof().ifPresent(proof -> p.put(PREFIX + "identity.proof", proof));
        if (!c.registerExtraFields().isEmpty()) {
            List<String> parts = new ArrayList<>();
            c.registerExtraFields().forEach((k, v) -> parts.add(k + "=" + (v instanceof String s ? "\"" + s + "\"" : String.valueOf(v))));
            p.put(PREFIX + "register.extraFields", String.join(",", parts));
        }
        p.put(PREFIX + "taskCompletion", c.taskCompletion().name().toLowerCase(Locale.ROOT));
        for (StatusKey k : StatusKey.values()) {
            p.put(PREFIX + "status." + k.key(),
                    String.join(",", c.acceptedStatuses(k).stream().sorted().map(String::valueOf).toList()));
        }
        c.spec().ifPresent(spec -> p.put(PREFIX + "spec", spec.toString()));
        c.waivers().ifPresent(waivers -> p.put(PREFIX + "waivers", waivers.toString()));
        p.put(PREFIX + "failOnContractDeviation", String.valueOf(c.failOnContractDeviation()));
        p.put(PREFIX + "registrationBudget", String.valueOf(c.registrationBudget()));
        p.put(PREFIX + "parallelism", String.valueOf(c.parallelism()));
        p.put(PREFIX + "requiredChecks", c.requiredChecks().isEmpty() ? "none" : String.join(",", c.requiredChecks()));
        p.put(PREFIX + "load.users", String.valueOf(c.loadUsers()));
        p.put(PREFIX + "load.duration", String.valueOf(c.loadDuration().toMillis()));
        p.put(PREFIX + "load.maxErrorRate", String.valueOf(c.loadMaxErrorRate()));
        p.put(PREFIX + "load.maxP95", String.valueOf(c.loadMaxP95().toMillis()));
        c.browser().toParameters().forEach((k, v) -> p.put(PREFIX + k, v));
        p.put(SmokeConfig.RESOLVED_MARKER, "true");
        return p;
    }
}
