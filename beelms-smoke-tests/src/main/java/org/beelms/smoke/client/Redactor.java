package org.beelms.smoke.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes secrets from anything the library records or reports: known secret values (passwords, issued tokens),
 * bearer credentials, JWT-shaped strings and JSON fields named like secrets.
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
        return out;
    }
}
