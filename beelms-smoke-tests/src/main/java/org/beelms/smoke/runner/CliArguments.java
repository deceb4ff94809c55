package org.beelms.smoke.runner;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The standalone runner's command line, parsed. Options map to configuration keys (without prefix). */
public record CliArguments(Map<String, String> values, Set<String> suites, Path reportDirectory, boolean help) {

    public static final Path DEFAULT_REPORT = Path.of("beelms-smoke-report");

    public static final String USAGE = String.join("\n",
            "Usage: java -jar beelms-smoke-tests-<version>-standalone.jar --url URL [options]",
            "",
            "Runs the beelms core post-deploy smoke checks (OPS, WS-1..WS-3 checklists) and, with --suites regression,",
            "the regression tier against URL.",
            "",
            "  --url URL          target API, e.g. http://host:3000/api (prefix /api added when missing)",
            "  --mode MODE        staging (default: may register one throwaway account) | production (no residue;",
            "                     needs -Dbeelms.smoke.user.email=... -Dbeelms.smoke.user.password=...)",
            "  --suites LIST      ops,ws1,ws2,ws3, smoke (the smoke tier, the default), regression (the regression",
            "                     tier: negative/security checks, data stability, parallel-user smoke), pages (the",
            "                     DEMO pages in headless Chromium, with -Dbeelms.smoke.webUrl=...) or all (every tier)",
            "  --spec FILE        OpenAPI document: every response is checked against it (contract conformance);",
            "                     -Dbeelms.smoke.failOnContractDeviation=true makes deviations fail the run",
            "  --report DIR       where to write JUnit XML and checklist-report.md/.html (default beelms-smoke-report)",
            "  --config FILE      properties file with configuration keys (beelms.smoke.* or bare keys)",
            "  --env NAME         environment name shown in the report (default staging; production with --mode production)",
            "  -Dbeelms.smoke.KEY=VALUE  any configuration key (repeatable), e.g. -Dbeelms.smoke.status.quizSubmit=200,201",
            "  --in-process       run in this JVM; by default the jar starts a second JVM tuned for a short run (C1",
            "                     JIT only, serial GC, a class-data archive recorded in ~/.cache/beelms-smoke on the",
            "                     first run; BEELMS_SMOKE_CACHE_DIR moves it); also BEELMS_SMOKE_IN_PROCESS=true",
            "  --help             this text",
            "",
            "Configuration precedence: these options > system properties > BEELMS_SMOKE_<KEY> environment > file > defaults.",
            "Exit codes: 0 all required checks passed; 1 a check failed; 2 bad usage, target unreachable or not a beelms API.");

    /** Thrown for a command line that cannot be understood; the message says what to type instead. */
    public static final class UsageException extends IllegalArgumentException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static CliArguments parse(String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> suites = null;
        Path report = DEFAULT_REPORT;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals(LaunchPlan.IN_PROCESS_OPTION)) {
                continue; // read by SmokeLauncher before this JVM runs the checks
            }
            if (arg.startsWith("-D")) {
                String kv = arg.substring(2);
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new UsageException("'" + arg + "' is not -Dkey=value; e.g. -Dbeelms.smoke.mode=production");
                }
                String key = kv.substring(0, eq);
                if (!key.startsWith("beelms.smoke.")) {
                    throw new UsageException("'" + key + "' is not a beelms.smoke.* key; e.g. -Dbeelms.smoke.user.email=smoke@example.com");
                }
                values.put(key.substring("beelms.smoke.".length()), kv.substring(eq + 1));
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("Unexpected argument '" + arg + "'. Run with --help for the options.");
            }
            String name = arg;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("Option " + arg + " needs a value. Run with --help for the options.");
                }
                value = args[++i];
            }
            switch (name) {
                case "--url" -> values.put("url", value);
                case "--mode" -> values.put("mode", value);
                case "--env" -> values.put("environment", value);
                case "--config" -> values.put("config", value);
                case "--spec" -> values.put("spec", value);
                case "--suites" -> {
                    try {
                        suites = SmokeRunRequest.parseSuites(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                case "--report" -> report = Path.of(value);
                default -> throw new UsageException("Unknown option " + name + ". Run with --help for the options.");
            }
        }
        return new CliArguments(Map.copyOf(values), suites == null ? Set.of("smoke") : suites, report, help);
    }
}
