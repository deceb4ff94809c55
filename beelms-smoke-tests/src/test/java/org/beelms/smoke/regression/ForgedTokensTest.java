package org.beelms.smoke.regression;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForgedTokensTest {
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static String part(String token, int i) {
        return new String(B64.decode(token.split("\\.", -1)[i]), StandardCharsets.UTF_8);
    }

    @Test
    void hmacMatchesTheRfc7515Example() {
        // RFC 7515, appendix A.1: JWS using HMAC SHA-256
        byte[] key = B64.decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
        String input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
        assertArrayEquals(B64.decode("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), ForgedTokens.hmacSha256(key, input));
    }

    @Test
    void otherKeyTokenIsAValidHs256JwtUnderTheThrowawayKey() {
        byte[] key = new byte[32];
        key[0] = 7;
        String token = new ForgedTokens(key).token(ForgedTokens.Kind.OTHER_KEY, "user-1", "a@example.com", NOW);
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", part(token, 0));
        assertEquals("{\"sub\":\"user-1\",\"email\":\"a@example.com\",\"role\":\"user\",\"iat\":" + NOW.getEpochSecond()
                + ",\"exp\":" + (NOW.getEpochSecond() + 3600) + "}", part(token, 1));
        assertArrayEquals(ForgedTokens.hmacSha256(key, parts[0] + "." + parts[1]), B64.decode(parts[2]));
    }

    @Test
    void expiredTokenExpiredAnHourAgo() {
        String token = new ForgedTokens().token(ForgedTokens.Kind.EXPIRED, "user-1", "a@example.com", NOW);
        assertTrue(part(token, 1).contains("\"exp\":" + (NOW.getEpochSecond() - 3600)), part(token, 1));
    }

    @Test
    void algNoneTokenIsUnsigned() {
        String token = new ForgedTokens().token(ForgedTokens.Kind.ALG_NONE, "user-1", "a@example.com", NOW);
        assertTrue(token.endsWith("."), token);
        assertEquals("{\"alg\":\"none\",\"typ\":\"JWT\"}", part(token, 0));
        assertEquals("", token.split("\\.", -1)[2]);
    }

    @Test
    void malformedTokenIsNotAJwt() {
        String token = new ForgedTokens().token(ForgedTokens.Kind.MALFORMED, "user-1", "a@example.com", NOW);
        assertNotEquals(3, token.split("\\.").length);
    }

    @Test
    void eachInstanceSignsWithItsOwnRandomKey() {
        String a = new ForgedTokens().token(ForgedTokens.Kind.OTHER_KEY, "u", "e@example.com", NOW);
        String b = new ForgedTokens().token(ForgedTokens.Kind.OTHER_KEY, "u", "e@example.com", NOW);
        assertNotEquals(a, b);
    }

    @Test
    void claimsEscapeQuotes() {
        assertTrue(ForgedTokens.claims("a\"b", "e@example.com", NOW, NOW).contains("\"sub\":\"a\\\"b\""));
    }
}
