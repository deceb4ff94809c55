package org.beelms.smoke.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One place configuration values come from. Keys are given without the {@code beelms.smoke.} prefix (e.g.
 * {@code user.email}); each source maps them to its own spelling and can say where a value came from.
 */
public interface ConfigSource {

    /** The raw value for {@code key} (without prefix), if this source has it. */
    Optional<String> get(String key);

    /** Where a value for {@code key} comes from, for error messages, e.g. "system property beelms.smoke.mode". */
    String describe(String key);

    /** Keys (without prefix) this source can enumerate, used to reject typos; empty when it cannot enumerate. */
    default Set<String> knownKeys() {
        return Set.of();
    }

    /** JUnit configuration parameters (which themselves fall back to system properties), keyed {@code beelms.smoke.<key>}. */
    static ConfigSource junitParameters(Function<String, Optional<String>> lookup) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return lookup.apply(SmokeConfig.PREFIX + key).filter(v -> !v.isBlank());
            }

            @Override
            public String describe(String key) {
                return "JUnit configuration parameter " + SmokeConfig.PREFIX + key;
            }
        };
    }

    /** System properties {@code beelms.smoke.<key>}. */
    static ConfigSource systemProperties(Properties properties) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(properties.getProperty(SmokeConfig.PREFIX + key)).filter(v -> !v.isBlank());
            }

            @Override
            public String describe(String key) {
                return "system property " + SmokeConfig.PREFIX + key;
            }
        };
    }

    /** Environment variables {@code BEELMS_SMOKE_<KEY>} (dots become underscores, upper case). */
    static ConfigSource environment(Map<String, String> env) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(env.get(SmokeConfig.envName(key))).filter(v -> !v.isBlank());
            }

            @Override
            public String describe(String key) {
                return "environment variable " + SmokeConfig.envName(key);
            }
        };
    }

    /**
     * Explicit values keyed without prefix (a {@code beelms.smoke.} prefix is tolerated), e.g. command-line options.
     * Enumerable, so unknown keys are rejected.
     */
    static ConfigSource map(String name, Map<String, String> values) {
        Map<String, String> stripped = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> stripped.put(stripPrefix(k), v));
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(stripped.get(key)).filter(v -> !v.isBlank());
            }

            @Override
            public String describe(String key) {
                return name + " '" + key + "'";
            }

            @Override
            public Set<String> knownKeys() {
                return new TreeSet<>(stripped.keySet());
            }
        };
    }

    /** A properties file; keys written with or without the {@code beelms.smoke.} prefix. */
    static ConfigSource propertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SmokeConfigException("config", "the smoke configuration file",
                    "Cannot read the smoke configuration file " + file.toAbsolutePath() + " (named by "
                            + SmokeConfig.PREFIX + "config): " + e.getMessage()
                            + ". Point " + SmokeConfig.PREFIX + "config (or --config) at a readable .properties file.");
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(stripPrefix(name), properties.getProperty(name).trim());
        }
        return new ConfigSource() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
            }

            @Override
            public String describe(String key) {
                return "file " + file + " key '" + key + "'";
            }

            @Override
            public Set<String> knownKeys() {
                return new TreeSet<>(values.keySet());
            }
        };
    }

    private static String stripPrefix(String key) {
        String k = key.trim();
        return k.toLowerCase(Locale.ROOT).startsWith(SmokeConfig.PREFIX) ? k.substring(SmokeConfig.PREFIX.length()) : k;
    }
}
