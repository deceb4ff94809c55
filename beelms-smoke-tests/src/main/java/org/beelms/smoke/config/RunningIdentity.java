package org.beelms.smoke.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What a deploy or rollback proved about the release that runs, handed to the smoke run so
 * OPS-HEALTH-1 checks the same thing: {@code beelms.smoke.identity.mode} ({@code health},
 * {@code endpoint}, {@code command}, {@code none}) and {@code beelms.smoke.identity.proof} (e.g.
 * {@code running image sha256:… = v0.2.0}), set by {@code beelms:deploy} and {@code beelms:rollback}.
 *
 * @param mode how the identity was checked; {@code health} when not set
 * @param proof the proof when the release was proven another way than {@code /health}'s version
 */
public record RunningIdentity(String mode, Optional<String> proof) {

    private static final java.util.List<String> MODES = java.util.List.of("health", "endpoint", "command", "none");
    public static final RunningIdentity HEALTH = new RunningIdentity("health", Optional.empty());

    public RunningIdentity {
        mode = mode == null || mode.isBlank() ? "health" : mode.trim().toLowerCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw SmokeConfigException.invalid("identity.mode", "beelms.smoke.identity.mode", mode,
                    String.join(", ", MODES));
        }
        proof = proof == null ? Optional.empty() : proof.map(String::trim).filter(p -> !p.isEmpty());
    }

    /** True for {@code none}: which release runs was not checked, by choice. */
    public boolean notVerified() {
        return mode.equals("none");
    }
}
