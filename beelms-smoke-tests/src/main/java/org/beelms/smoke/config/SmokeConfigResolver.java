package org.beelms.smoke.config;

import static org.beelms.smoke.config.ConfigValues.lookup;
import static org.beelms.smoke.config.ConfigValues.parseBoolean;
import static org.beelms.smoke.config.ConfigValues.parseDuration;
import static org.beelms.smoke.config.ConfigValues.parseEnum;
import static org.beelms.smoke.config.ConfigValues.parseExtraFields;
import static org.beelms.smoke.config.ConfigValues.parseStatuses;
import static org.beelms.smoke.config.ConfigValues.parseUri;
import static org.beelms.smoke.config.ConfigValues.parseWhole;
import static org.beelms.smoke.config.SmokeConfig.KEYS;
import static org.beelms.smoke.config.SmokeConfig.MAX_LOAD_USERS;
import static org.beelms.smoke.config.SmokeConfig.MAX_PARALLELISM;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.smoke.config.ConfigValues.Lookup;

/**
 * Builds a {@link SmokeConfig} from its sources ({@code beelms.smoke.<key>} parameters and properties, {@code
 * BEELMS_SMOKE_<KEY>} variables, the {@code config} file): refuses unknown keys naming where they came from, reads
 * each key from the highest source that has it and records that source for the key's error messages.
 */
final class SmokeConfigResolver {

    private SmokeConfigResolver() {
    }

    /**
     * Resolves from {@code sources}, highest precedence first. A {@code config} key found in any of them names a
     * properties file that is consulted after all of them; defaults come last.
     */
    static SmokeConfig resolve(List<ConfigSource> sources) {
        List<ConfigSource> all = new ArrayList<>(sources);
        Lookup configFile = lookup(all, "config");
        if (configFile != null) {
            all.add(ConfigSource.propertiesFile(Path.of(configFile.value())));
        }
        for (ConfigSource source : all) {
            for (String key : source.knownKeys()) {
                if (key.equals(RETIRED_CHROMEDRIVER)) {
                    throw new SmokeConfigException(key, source.describe(key), "The smoke configuration key '" + key
                            + "' (from " + source.describe(key) + ") is no longer used: the browser tier drives "
                            + "Chromium over the DevTools protocol, without chromedriver. Remove it (only "
                            + "browser.chromium names the browser).");
                }
                if (!isKnownKey(key)) {
                    throw new SmokeConfigException(key, source.describe(key),
                            "Unknown smoke configuration key '" + key + "' (from " + source.describe(key)
                                    + "). Known keys: " + String.join(", ", KEYS) + ".");
                }
            }
        }
        SmokeConfig.Builder b = SmokeConfig.builder();
        Lookup v;
        if ((v = lookup(all, "url")) != null) {
            b.url = parseUri("url", v);
            b.sources.put("url", v.source());
        }
        if ((v = lookup(all, "apiPrefix")) != null) {
            b.apiPrefix(v.value()).sources.put("apiPrefix", v.source());
        }
        if ((v = lookup(all, "webUrl")) != null) {
            b.webUrl = parseUri("webUrl", v);
            b.sources.put("webUrl", v.source());
        }
        if ((v = lookup(all, "environment")) != null) {
            b.environment(v.value()).sources.put("environment", v.source());
        }
        if ((v = lookup(all, "mode")) != null) {
            b.mode(parseEnum(SmokeMode.class, "mode", v)).sources.put("mode", v.source());
        }
        b.user = credentials(all, "user", b.sources);
        b.admin = credentials(all, "admin", b.sources);
        for (String key : List.of("connectTimeout", "readTimeout", "readyTimeout")) {
            if ((v = lookup(all, key)) != null) {
                Duration d = parseDuration(key, v);
                switch (key) {
                    case "connectTimeout" -> b.connectTimeout = d;
                    case "readTimeout" -> b.readTimeout = d;
                    default -> b.readyTimeout = d;
                }
                b.sources.put(key, v.source());
            }
        }
        if ((v = lookup(all, "retryBudget")) != null) {
            try {
                int n = Integer.parseInt(v.value().trim());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                b.retryBudget = n;
            } catch (NumberFormatException e) {
                throw SmokeConfigException.invalid("retryBudget", v.source(), v.value(), "a whole number >= 0, e.g. 10");
            }
            b.sources.put("retryBudget", v.source());
        }
        if ((v = lookup(all, "expectedVersion")) != null) {
            b.expectedVersion(v.value()).sources.put("expectedVersion", v.source());
        }
        Lookup mode = lookup(all, "identity.mode");
        Lookup proof = lookup(all, "identity.proof");
        if (mode != null || proof != null) {
            b.identity(new RunningIdentity(mode == null ? null : mode.value(),
                    Optional.ofNullable(proof == null ? null : proof.value())));
        }
        if ((v = lookup(all, "register.extraFields")) != null) {
            b.registerExtraFields.putAll(parseExtraFields(v));
            b.sources.put("register.extraFields", v.source());
        }
        if ((v = lookup(all, "taskCompletion")) != null) {
            b.taskCompletion(parseEnum(TaskCompletion.class, "taskCompletion", v)).sources.put("taskCompletion", v.source());
        }
        if ((v = lookup(all, "spec")) != null) {
            b.spec = Path.of(v.value().trim());
            b.sources.put("spec", v.source());
        }
        if ((v = lookup(all, "waivers")) != null && !v.value().isBlank()) {
            b.waivers = Path.of(v.value().trim());
            b.sources.put("waivers", v.source());
        }
        if ((v = lookup(all, "failOnContractDeviation")) != null) {
            b.failOnContractDeviation = parseBoolean("failOnContractDeviation", v);
            b.sources.put("failOnContractDeviation", v.source());
        }
        if ((v = lookup(all, "registrationBudget")) != null) {
            b.registrationBudget = parseWhole("registrationBudget", v, 0, Integer.MAX_VALUE);
            b.sources.put("registrationBudget", v.source());
        }
        if ((v = lookup(all, "parallelism")) != null) {
            b.parallelism = parseWhole("parallelism", v, 1, MAX_PARALLELISM);
            b.sources.put("parallelism", v.source());
        }
        if ((v = lookup(all, "requiredChecks")) != null) {
            b.requiredChecks = org.beelms.smoke.runner.RequiredChecks.parse(v.value(), v.source());
            b.sources.put("requiredChecks", v.source());
        }
        if ((v = lookup(all, "load.users")) != null) {
            b.loadUsers = parseWhole("load.users", v, 1, MAX_LOAD_USERS);
            b.sources.put("load.users", v.source());
        }
        if ((v = lookup(all, "load.duration")) != null) {
            b.loadDuration = parseDuration("load.duration", v);
            b.sources.put("load.duration", v.source());
        }
        if ((v = lookup(all, "load.maxErrorRate")) != null) {
            try {
                b.loadMaxErrorRate = Double.parseDouble(v.value().trim());
            } catch (NumberFormatException e) {
                throw SmokeConfigException.invalid("load.maxErrorRate", v.source(), v.value(), "a fraction from 0 to 1, e.g. 0.01");
            }
            b.sources.put("load.maxErrorRate", v.source());
        }
        if ((v = lookup(all, "load.maxP95")) != null) {
            b.loadMaxP95 = parseDuration("load.maxP95", v);
            b.sources.put("load.maxP95", v.source());
        }
        b.browser = browserSettings(all, b.sources);
        for (StatusKey k : StatusKey.values()) {
            String key = "status." + k.key();
            if ((v = lookup(all, key)) != null) {
                b.acceptedStatuses.put(k, parseStatuses(key, v));
                b.sources.put(key, v.source());
            }
        }
        return b.build();
    }

    private static BrowserSettings browserSettings(List<ConfigSource> all, Map<String, String> sources) {
        BrowserSettings d = BrowserSettings.DEFAULTS;
        Lookup chromium = lookup(all, "browser.chromium");
        Lookup timeout = lookup(all, "browser.timeout");
        Lookup window = lookup(all, "browser.window");
        Lookup login = lookup(all, "page.loginPath");
        Lookup shots = lookup(all, "screenshots");
        Lookup consent = lookup(all, "page.consent");
        Lookup consentSelectors = lookup(all, "page.consentSelectors");
        for (Lookup l : new Lookup[] {chromium, timeout, window, login, shots, consent, consentSelectors}) {
            if (l != null) {
                sources.put(l.key(), l.source());
            }
        }
        int[] size = window == null ? new int[] {d.width(), d.height()}
                : BrowserSettings.parseWindow("browser.window", window.source(), window.value());
        return new BrowserSettings(
                chromium == null || chromium.value().isEmpty() ? Optional.empty() : Optional.of(Path.of(chromium.value())),
                timeout == null ? d.timeout() : parseDuration("browser.timeout", timeout), size[0], size[1],
                login == null ? d.loginPath() : login.value(),
                shots == null || shots.value().isEmpty() ? Optional.empty() : Optional.of(Path.of(shots.value())),
                PageConsent.parse(consent == null ? null : consent.source(), consent == null ? null : consent.value(),
                        consentSelectors == null ? null : consentSelectors.source(),
                        consentSelectors == null ? null : consentSelectors.value()));
    }

    /** The key of chromedriver's path, from before the tier talked to Chromium directly: refused with what to do. */
    static final String RETIRED_CHROMEDRIVER = "browser.chromedriver";

    private static boolean isKnownKey(String key) {
        return KEYS.contains(key) || key.startsWith("register.extraFields") || key.equals("resolved");
    }

    private static Credentials credentials(List<ConfigSource> all, String who, Map<String, String> sources) {
        Lookup email = lookup(all, who + ".email");
        Lookup password = lookup(all, who + ".password");
        if (email == null && password == null) {
            return null;
        }
        if (email == null) {
            throw SmokeConfigException.missing(who + ".email", who + ".password is set (from " + password.source()
                    + ") but the account's email is not");
        }
        if (password == null) {
            throw SmokeConfigException.missing(who + ".password", who + ".email is set (from " + email.source()
                    + ") but the account's password is not");
        }
        if (!email.value().matches("[^@\\s]+@[^@\\s]+")) {
            throw SmokeConfigException.invalid(who + ".email", email.source(), email.value(), "an email address");
        }
        sources.put(who + ".email", email.source());
        sources.put(who + ".password", password.source());
        return new Credentials(email.value(), password.value());
    }
}
