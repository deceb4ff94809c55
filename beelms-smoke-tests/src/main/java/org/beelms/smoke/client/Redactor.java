package org.beelms.smoke.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything the library records or reports: known secret values (passwords, issued tokens),
 * bearer and basic credentials, JWT-shaped strings, JSON fields and assignments named like secrets (camelCase and
 * snake_case: {@code accessToken}, {@code access_token}, {@code client_secret}, {@code api_key}…), JUnit XML
 * properties named like secrets, and the user info of URLs ({@code scheme://user:pass@host} → {@code
 * scheme://***@host}, even when the password holds {@code /?#@}).
 */
public final class Redactor {
    public static final String MASK = "***";
    /** Names of secret-holding keys, camelCase and snake_case. */
    private static final String SECRET_KEYS = "password|currentPassword|newPassword|accessToken|refreshToken|idToken"
            + "|token|challengeToken|captchaToken|secret|clientSecret|apiKey|access_token|refresh_token|id_token"
            + "|client_secret|api_key|current_password|new_password";
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"(?:" + SECRET_KEYS + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9\\-_.~+/=]+");
    /** {@code Authorization: Basic <base64>}. */
    private static final Pattern BASIC = Pattern.compile("(?i)(\\bbasic\\s+)[A-Za-z0-9+/]{4,}={0,2}");
    /** {@code access_token=…}, {@code client_secret: …} in forms, command lines and properties. */
    private static final Pattern ASSIGNED_TOKEN = Pattern.compile(
            "(?i)(\\b(?:access_token|refresh_token|id_token|client_secret|api_key|apiKey|clientSecret)\\s*[=:]\\s*)"
                    + "(?![\\s\"*])[^\\s&\"',;<]+");
    /** {@code <property name="beelms.smoke.user.token" value="…"/>} in JUnit XML (and any name="…secret" value="…"). */
    private static final Pattern SECRET_PROPERTY = Pattern.compile(
            "(?i)(name=\"[^\"]*(?:password|passwd|token|secret|credential|api[_.-]?key|private[_.-]?key)[^\"]*\"\\s+value=\")"
                    + "[^\"]*\"");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&](?:token|access_token|refresh_token|id_token|client_secret|api_key|password)=)[^&#\\s]*");
    /** {@code -Dbeelms.smoke.user.password=...}, {@code password: ...} in command lines and properties. */
    private static final Pattern ASSIGNED_PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*)(?![\\s\"*])[^\\s&\"',;<]+");
    /** {@code scheme://…} up to whitespace or a quote: a URL in free text. */
    private static final Pattern URL = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^\\s\"'<>]*)");
    /** An image digest after {@code @}: {@code sha256:<hex>}. */
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{6,}.*");
    /**
     * Literal secrets shorter than this are masked only where they stand alone (not inside a longer word or
     * number), so a short password cannot mangle ordinary text yet never shows as a value.
     */
    static final int MIN_SECRET_LENGTH = 6;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public Redactor(Set<String> initialSecrets) {
        initialSecrets.forEach(this::addSecret);
    }

    /** Adds a value (a password, an issued token) that must never appear in any record; blank values are ignored. */
    public void addSecret(String secret) {
        if (secret != null && !secret.isBlank()) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = secret.length() >= MIN_SECRET_LENGTH
                    ? out.replace(secret, MASK)
                    : out.replaceAll("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])",
                            java.util.regex.Matcher.quoteReplacement(MASK));
        }
        out = SECRET_FIELD.matcher(out).replaceAll("$1\"" + MASK + "\"");
        out = SECRET_PROPERTY.matcher(out).replaceAll("$1" + MASK + "\"");
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        out = BASIC.matcher(out).replaceAll("$1" + MASK);
        out = ASSIGNED_TOKEN.matcher(out).replaceAll("$1" + MASK);
        out = JWT.matcher(out).replaceAll(MASK);
        out = QUERY_SECRET.matcher(out).replaceAll("$1" + MASK);
        out = ASSIGNED_PASSWORD.matcher(out).replaceAll("$1" + MASK);
        return maskUrlUserInfo(out);
    }

    /** Every URL in {@code text} with its user info replaced by {@code ***}, however odd the password. */
    public static String maskUrlUserInfo(String text) {
        java.util.regex.Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int at = userInfoEnd(m.group(2));
            String masked = at < 0 ? m.group() : m.group(1) + MASK + m.group(2).substring(at);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(masked));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The position of the {@code @} that ends the user info of {@code rest} (a URL after {@code ://}, or an image
     * reference), or -1. The {@code @} is found before the authority is cut at {@code /?#}, since a password may
     * hold them: an {@code @} ends user info when what precedes it has none of {@code /?#}, or has a {@code :}
     * before them that is not a port ({@code u:p/ss@host}, not {@code host:3000/x@y}). The last such {@code @}
     * counts (a password may hold {@code @}); an image digest ({@code @sha256:…}) never does.
     */
    private static int userInfoEnd(String rest) {
        int found = -1;
        for (int at = rest.indexOf('@'); at >= 0; at = rest.indexOf('@', at + 1)) {
            if (DIGEST.matcher(rest.substring(at + 1)).matches()) {
                continue;
            }
            String before = rest.substring(0, at);
            int delimiter = firstOf(before, "/?#");
            int colon = before.indexOf(':');
            if (delimiter < 0
                    || (colon >= 0 && colon < delimiter && !before.substring(colon + 1, delimiter).matches("\\d*"))) {
                found = at;
            }
        }
        return found;
    }

    private static int firstOf(String s, String characters) {
        for (int i = 0; i < s.length(); i++) {
            if (characters.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when a setting's raw value carries credentials in its user info ({@code http://user:pass@host},
     * {@code user:pass@registry/repo}); checked on the raw text, before parsing, so a host that is not a DNS name
     * ({@code beelms_core}) cannot slip past and nothing echoes the value.
     */
    public static boolean hasUserInfo(String rawValue) {
        if (rawValue == null) {
            return false;
        }
        String value = rawValue.trim();
        java.util.regex.Matcher url = URL.matcher(value);
        if (url.lookingAt()) {
            return userInfoEnd(url.group(2)) >= 0;
        }
        if (value.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return hasUserInfo(value.substring(5));
        }
        return !value.contains("://") && userInfoEnd(value.split("\\s", 2)[0]) >= 0;
    }

    /** The error text for a setting whose value carries user info; the value itself is never shown. */
    public static String userInfoRefused(String setting) {
        return setting + " carries user info (user:password@ in the URL); the value is not shown. Remove the"
                + " credentials from it and give the account through a settings.xml <server> (serverId) or an"
                + " environment variable";
    }
}
