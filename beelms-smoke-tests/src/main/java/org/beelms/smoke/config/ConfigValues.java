package org.beelms.smoke.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One setting's text: found in the sources (highest precedence first) and parsed, with an error that names the key,
 * where the value came from and what is expected ({@link SmokeConfigException}).
 */
final class ConfigValues {

    private ConfigValues() {
    }

    /** A setting's value (trimmed) and where it came from, e.g. {@code -Dbeelms.smoke.url}. */
    record Lookup(String key, String value, String source) {
    }

    static Lookup lookup(List<ConfigSource> sources, String key) {
        for (ConfigSource s : sources) {
            Optional<String> value = s.get(key);
            if (value.isPresent()) {
                return new Lookup(key, value.get().trim(), s.describe(key));
            }
        }
        return null;
    }

    static URI parseUri(String key, Lookup v) {
        if (org.beelms.smoke.client.Redactor.hasUserInfo(v.value())) {
            throw SmokeConfigException.invalid(key, v.source(), "(URL with user info, not shown)",
                    "a URL without credentials; set user.email/user.password (settings.xml <server> or environment)"
                            + " instead");
        }
        try {
            return new URI(v.value());
        } catch (URISyntaxException e) {
            throw SmokeConfigException.invalid(key, v.source(), org.beelms.smoke.client.Redactor.maskUrlUserInfo(v.value()),
                    "an absolute http(s) URL, e.g. http://127.0.0.1:3000/api");
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String key, Lookup v) {
        try {
            return Enum.valueOf(type, v.value().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = String.join("|", Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
            throw SmokeConfigException.invalid(key, v.source(), v.value(), "one of " + allowed);
        }
    }

    static boolean parseBoolean(String key, Lookup v) {
        String s = v.value().trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw SmokeConfigException.invalid(key, v.source(), v.value(), "true or false");
        }
        return Boolean.parseBoolean(s);
    }

    static int parseWhole(String key, Lookup v, int min, int max) {
        try {
            int n = Integer.parseInt(v.value().trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw SmokeConfigException.invalid(key, v.source(), v.value(), "a whole number from " + min
                    + (max == Integer.MAX_VALUE ? " up" : " to " + max));
        }
    }

    static Duration parseDuration(String key, Lookup v) {
        String s = v.value().trim();
        try {
            Duration d = s.matches("\\d+") ? Duration.ofMillis(Long.parseLong(s)) : Duration.parse(s.toUpperCase(Locale.ROOT));
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", s, 0);
            }
            return d;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw SmokeConfigException.invalid(key, v.source(), v.value(),
                    "a positive duration in milliseconds (e.g. 5000) or ISO-8601 (e.g. PT5S)");
        }
    }

    static Set<Integer> parseStatuses(String key, Lookup v) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String part : v.value().split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int status = Integer.parseInt(part.trim());
                if (status < 200 || status > 299) {
                    throw new NumberFormatException();
                }
                out.add(status);
            } catch (NumberFormatException e) {
                throw SmokeConfigException.invalid(key, v.source(), v.value(),
                        "a comma-separated list of 2xx success statuses, e.g. 200,201");
            }
        }
        if (out.isEmpty()) {
            throw SmokeConfigException.invalid(key, v.source(), v.value(), "a comma-separated list of 2xx statuses, e.g. 200,201");
        }
        return out;
    }

    /** {@code acceptTerms=true,source="smoke",age=3}: values are JSON-typed (true/false/null/number/"string"); bare words are strings. */
    static Map<String, Object> parseExtraFields(Lookup v) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : v.value().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw SmokeConfigException.invalid("register.extraFields", v.source(), v.value(),
                        "comma-separated name=value pairs with JSON-typed values, e.g. acceptTerms=true,source=\"smoke\"");
            }
            String name = part.substring(0, eq).trim();
            if (name.equals("email") || name.equals("password")) {
                throw SmokeConfigException.invalid("register.extraFields", v.source(), v.value(),
                        "extra fields other than email and password (the run chooses those)");
            }
            out.put(name, jsonValue(part.substring(eq + 1).trim()));
        }
        return out;
    }

    private static Object jsonValue(String raw) {
        if (raw.equals("true") || raw.equals("false")) {
            return Boolean.valueOf(raw);
        }
        if (raw.equals("null")) {
            return null;
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.matches("-?\\d+")) {
            return Long.parseLong(raw);
        }
        if (raw.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(raw);
        }
        return raw;
    }
}
