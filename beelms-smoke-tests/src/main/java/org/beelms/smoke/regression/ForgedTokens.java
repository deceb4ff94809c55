package org.beelms.smoke.regression;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bearer tokens a healthy JWT guard must refuse, crafted by hand (base64url JSON + HMAC-SHA256 from
 * {@code javax.crypto}): signed with a throwaway key the target cannot know, expired, unsigned ({@code alg: none}),
 * malformed. Each carries plausible claims ({@code sub}, {@code email}, {@code role}, {@code iat}, {@code exp}), so a
 * guard that skips the signature check would accept it as the named account.
 */
public final class ForgedTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] throwawayKey;

    /** A fresh random 256-bit throwaway key per instance. */
    public ForgedTokens() {
        this(randomKey());
    }

    public ForgedTokens(byte[] throwawayKey) {
        this.throwawayKey = throwawayKey.clone();
    }

    /** One bad token of each kind; {@code subject} is the account a broken guard would let the caller act as. */
    public enum Kind {
        MALFORMED("malformed token"),
        OTHER_KEY("token signed with another key"),
        EXPIRED("expired token"),
        ALG_NONE("unsigned token (alg none)");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public String token(Kind kind, String subject, String email, Instant now) {
        return switch (kind) {
            case MALFORMED -> "not-a-jwt";
            case OTHER_KEY -> hs256(claims(subject, email, now, now.plus(Duration.ofHours(1))));
            case EXPIRED -> hs256(claims(subject, email, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
            case ALG_NONE -> unsigned(claims(subject, email, now, now.plus(Duration.ofHours(1))));
        };
    }

    /** {@code {"sub","email","role":"user","iat","exp"}} as JSON. */
    static String claims(String subject, String email, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("email", email);
        claims.put("role", "user");
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        StringBuilder json = new StringBuilder("{");
        claims.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(k).append("\":");
            json.append(v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : v);
        });
        return json.append('}').toString();
    }

    /** An HS256 JWT over {@code payloadJson}, signed with the throwaway key. */
    public String hs256(String payloadJson) {
        String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(payloadJson);
        return signingInput + "." + B64.encodeToString(hmacSha256(throwawayKey, signingInput));
    }

    /** An unsigned JWT ({@code alg: none}, empty signature) over {@code payloadJson}. */
    public static String unsigned(String payloadJson) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(payloadJson) + ".";
    }

    static byte[] hmacSha256(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
