package org.beelms.smoke.regression;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeakPatternsTest {

    @Test
    void findsStackTracesSqlAndHtml() {
        assertEquals(Optional.of("a Java stack trace"), LeakPatterns.bodyLeak(
                "{\"message\":\"boom\",\"trace\":\"at org.beelms.Foo.bar(Foo.java:42)\"}"));
        assertEquals(Optional.of("a Node.js stack trace"), LeakPatterns.bodyLeak(
                "{\"stack\":\"Error: x\\n    at Object.<anonymous> (/app/dist/main.js:10:15)\"}"));
        assertEquals(Optional.of("a Python traceback"), LeakPatterns.bodyLeak("Traceback (most recent call last):"));
        assertEquals(Optional.of("an SQL error"), LeakPatterns.bodyLeak(
                "{\"message\":\"QueryFailedError: invalid input syntax for type uuid: \\\"x\\\"\"}"));
        assertEquals(Optional.of("an SQL error"), LeakPatterns.bodyLeak("ERROR: syntax error at or near \"OR\""));
        assertEquals(Optional.of("an HTML page"), LeakPatterns.bodyLeak("<!DOCTYPE html><html><body>500</body></html>"));
    }

    @Test
    void cleanErrorBodiesPass() {
        assertEquals(Optional.empty(), LeakPatterns.bodyLeak(
                "{\"message\":\"Course not found\",\"code\":\"NOT_FOUND\",\"statusCode\":404}"));
        assertEquals(Optional.empty(), LeakPatterns.bodyLeak(
                "{\"message\":[\"email must be an email\"],\"error\":\"Bad Request\",\"statusCode\":400}"));
        assertEquals(Optional.empty(), LeakPatterns.bodyLeak(""));
        assertEquals(Optional.empty(), LeakPatterns.bodyLeak(null));
    }

    @Test
    void secretFieldsAndHashes() {
        assertTrue(LeakPatterns.isSecretField("passwordHash"));
        assertTrue(LeakPatterns.isSecretField("password_hash"));
        assertTrue(LeakPatterns.isSecretField("tokenVersion"));
        assertTrue(LeakPatterns.isSecretField("newPassword"));
        assertFalse(LeakPatterns.isSecretField("email"));
        assertFalse(LeakPatterns.isSecretField("role"));
        assertTrue(LeakPatterns.looksLikeHash("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"));
        assertFalse(LeakPatterns.looksLikeHash("2026-11-25T12:00:00Z"));
        assertFalse(LeakPatterns.looksLikeHash(42));
    }

    @Test
    void answerFields() {
        assertTrue(LeakPatterns.isAnswerField("correctOptionIndex"));
        assertTrue(LeakPatterns.isAnswerField("isCorrect"));
        assertTrue(LeakPatterns.isAnswerField("answer"));
        assertFalse(LeakPatterns.isAnswerField("options"));
        assertFalse(LeakPatterns.isAnswerField("passingScore"));
        assertFalse(LeakPatterns.isAnswerField("text"));
    }
}
