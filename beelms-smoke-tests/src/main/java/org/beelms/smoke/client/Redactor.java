package org.beelms.smoke.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything the library records or reports: known secret values (passwords, issued tokens),
 * bearer credentials, JWT-shaped strings, JSON fields named like secrets and the user info of URLs
 * ({@code scheme://user:pass@host} → {@code scheme://***@host}).
 */
public final class Redactor {
    public static final String MASK = "***";
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"(?:password|currentPassword|newPassword|accessToken|refreshToken|token|challengeToken|captchaToken|secret)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9\\-_.~+/=]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern QUERY_SECRET = Pattern.compile("(?i)([?&](?:token|access_token|password)=)[^&#\\s]*");
    /** {@code -Dbeelms.smoke.user.password=...}, {@code password: ...} in command lines and properties. */
    private static final Pattern ASSIGNED_PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*)(?![\\s\"*])[^\\s&\"',;<]+");
    /** {@code scheme://user:pass@host}: the user info of any URL. */
    private static final Pattern URL_USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#@\\s]+@");
    /** A URL with user info, or a registry/image reference {@code user:pass@host/...}, in a setting's raw value. */
    private static final Pattern SETTING_USER_INFO = Pattern.compile(
            "^\\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*@|[^/?#@\\s]*:[^/?#@\\s]*@)");
    /** Literal secrets shorter than this are not replaced (they would mangle ordinary words); beelms passwords have 8+. */
    static final int MIN_SECRET_LENGTH = 6;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    public Redactor(Set<String> initialSecrets) {
        initialSecrets.stream().filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH).forEach(secrets::add);
    }

    /** Adds a value (a password, an issued token) that must never appear in any record. */
    public void addSecret(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        out = SECRET_FIELD.matcher(out).replaceAll("$1\"" + MASK + "\"");
        out = BEARER.matcher(out).replaceAll("$1" + MASK);
        out = JWT.matcher(out).replaceAll(MASK);
        out = QUERY_SECRET.matcher(out).replaceAll("$1" + MASK);
        out = ASSIGNED_PASSWORD.matcher(out).replaceAll("$1" + MASK);
        out = URL_USER_INFO.matcher(out).replaceAll("$1" + MASK + "@");
        return out;
    }

    /**
     * True when a setting's raw value carries credentials in its user info ({@code http://user:pass@host},
     * {@code user:pass@registry/repo}); checked on the raw text, before parsing, so a host that is not a DNS name
     * ({@code beelms_core}) cannot slip past and nothing echoes the value.
     */
    public static boolean hasUserInfo(String rawValue) {
        return rawValue != null && SETTING_USER_INFO.matcher(rawValue).find();
    }

    /** The error text for a setting whose value carries user info; the value itself is never shown. */
    public static String userInfoRefused(String setting) {
        return setting + " carries user info (user:password@ in the URL); the value is not shown. Remove the"
                + " credentials from it and give the account through a settings.xml <server> (serverId) or an"
                + " environment variable";
    }
}
