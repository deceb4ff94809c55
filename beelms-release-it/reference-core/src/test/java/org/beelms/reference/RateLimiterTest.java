package org.beelms.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.beelms.reference.api.ApiException;
import org.beelms.reference.api.RateLimiter;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static ReferenceCoreConfig.RateLimits defaults(boolean enabled) {
    return new ReferenceCoreConfig.RateLimits(enabled, 5, 5, 5, Duration.ofMinutes(15));
  }

  @Test
  void lockLastsFifteenMinutes() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(defaults(true), clock);
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(20));
      limiter.acquireLogin("10.0.0.1", "a@example.com");
      limiter.loginFailed("10.0.0.1", "a@example.com");
    }
    clock.advance(Duration.ofMinutes(2));
    ApiException locked = assertThrows(ApiException.class, () -> limiter.acquireLogin("10.0.0.1", "a@example.com"));
    assertEquals(429, locked.status());
    assertTrue(Long.parseLong(locked.headers().get("Retry-After")) > 600, locked.headers().toString());
    limiter.acquireLogin("10.0.0.2", "a@example.com");
    clock.advance(Duration.ofMinutes(14));
    Map<String, String> headers = limiter.acquireLogin("10.0.0.1", "a@example.com");
    assertEquals("4", headers.get("X-RateLimit-Remaining"));
  }

  @Test
  void disabledLimitsNeverAnswer429() {
    RateLimiter limiter = new RateLimiter(defaults(false), new ManualClock());
    for (int i = 0; i < 50; i++) {
      limiter.acquireRegister("10.0.0.1");
      limiter.acquireLogin("10.0.0.1", "a@example.com");
      limiter.loginFailed("10.0.0.1", "a@example.com");
    }
    assertTrue(limiter.acquireRegister("10.0.0.1").isEmpty());
  }
}
