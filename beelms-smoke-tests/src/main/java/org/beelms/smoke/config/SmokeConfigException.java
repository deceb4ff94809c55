package org.beelms.smoke.config;

/** A configuration value is missing or wrong: names the key, the source it came from and what is expected. */
public class SmokeConfigException extends IllegalArgumentException {
    private final String key;
    private final String source;

    public SmokeConfigException(String key, String source, String message) {
        super(message);
        this.key = key;
        this.source = source;
    }

    public static SmokeConfigException invalid(String key, String source, String shownValue, String expected) {
        return new SmokeConfigException(key, source,
                "Invalid smoke configuration '" + key + "' = '" + shownValue + "' (from " + source + "): expected "
                        + expected + ". Fix it where it came from, e.g. -D" + SmokeConfig.PREFIX + key + "=... or "
                        + SmokeConfig.envName(key) + ".");
    }

    static SmokeConfigException missing(String key, String why) {
        return new SmokeConfigException(key, "none",
                "Missing smoke configuration '" + key + "': " + why + ". Set -D" + SmokeConfig.PREFIX + key
                        + "=... (or JUnit configuration parameter), environment " + SmokeConfig.envName(key)
                        + ", or '" + key + "' in the file named by " + SmokeConfig.PREFIX + "config.");
    }

    /** The configuration key, without the {@code beelms.smoke.} prefix. */
    public String key() {
        return key;
    }

    /** Where the bad value came from (e.g. "system property beelms.smoke.mode"), or "none" when missing. */
    public String source() {
        return source;
    }
}
