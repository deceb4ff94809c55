package org.beelms.smoke.runner;

import org.beelms.smoke.checks.SmokeSuites;
import org.beelms.smoke.config.SmokeConfig;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What to run: the configuration, the selected suites (tags {@code ops}, {@code ws1}, {@code ws2}, {@code ws3},
 * {@code smoke} for the whole smoke tier, {@code regression} for the regression tier, {@code pages} for the browser
 * tier; {@code all} selects all three) and the
 * directory for the JUnit XML and checklist reports.
 */
public final class SmokeRunRequest {
    private final SmokeConfig config;
    private final Set<String> suites;
    private final Path reportDirectory;
    private final SmokeRunListener listener;

    private SmokeRunRequest(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.suites = Set.copyOf(b.suites.isEmpty() ? Set.of(SmokeSuites.ALL) : b.suites);
        this.reportDirectory = b.reportDirectory == null ? Path.of("target", "beelms-smoke") : b.reportDirectory;
        this.listener = b.listener == null ? SmokeRunListener.NONE : b.listener;
    }

    public static Builder builder(SmokeConfig config) {
        return new Builder(config);
    }

    public SmokeConfig config() {
        return config;
    }

    /** The selected tags; {@code smoke} means all suites. */
    public Set<String> suites() {
        return suites;
    }

    public Path reportDirectory() {
        return reportDirectory;
    }

    public SmokeRunListener listener() {
        return listener;
    }

    /**
     * Parses {@code "ops,ws1"} (comma or space separated; {@code all} = {@code smoke} + {@code regression} +
     * {@code pages}).
     *
     * @throws IllegalArgumentException naming the unknown suite and the known ones
     */
    public static Set<String> parseSuites(String csv) {
        Set<String> out = new LinkedHashSet<>();
        if (csv == null || csv.isBlank()) {
            return Set.of(SmokeSuites.ALL);
        }
        for (String part : csv.split("[,\\s]+")) {
            String s = part.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals("all")) {
                out.add(SmokeSuites.ALL);
                out.add(SmokeSuites.REGRESSION);
                out.add(SmokeSuites.PAGES);
                continue;
            }
            if (!s.equals(SmokeSuites.ALL) && !s.equals(SmokeSuites.REGRESSION) && !s.equals(SmokeSuites.PAGES)
                    && !SmokeSuites.SUITE_TAGS.contains(s)) {
                throw new IllegalArgumentException("Unknown suite '" + part.trim() + "': use a comma-separated list of "
                        + "ops, ws1, ws2, ws3, smoke (every smoke suite), regression (the regression tier), pages (the "
                        + "browser tier, with webUrl) or all (every tier), e.g. --suites ops,ws1");
            }
            out.add(s);
        }
        return out.isEmpty() ? Set.of(SmokeSuites.ALL) : out;
    }

    public static final class Builder {
        private final SmokeConfig config;
        private final Set<String> suites = new LinkedHashSet<>();
        private Path reportDirectory;
        private SmokeRunListener listener;

        private Builder(SmokeConfig config) {
            this.config = config;
        }

        /** Suite tags, e.g. {@code "ops", "ws1"}; validated. */
        public Builder suites(String... suites) {
            for (String s : suites) {
                this.suites.addAll(parseSuites(s));
            }
            return this;
        }

        public Builder suites(List<String> suites) {
            return suites(suites.toArray(String[]::new));
        }

        public Builder reportDirectory(Path dir) {
            this.reportDirectory = dir;
            return this;
        }

        public Builder listener(SmokeRunListener listener) {
            this.listener = listener;
            return this;
        }

        public SmokeRunRequest build() {
            return new SmokeRunRequest(this);
        }
    }

    @Override
    public String toString() {
        return "SmokeRunRequest[config=" + config + ", suites=" + suites + ", reportDirectory=" + reportDirectory + "]";
    }
}
