package org.beelms.reference.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.beelms.reference.ReferenceCoreConfig;

/**
 * In-memory rate limits of register and login, as beelms core documents them: register N per hour per
 * client IP (failed attempts count), login N per minute per (IP, email), and N failed logins for one
 * (IP, email) lock it for a while. Fixed windows; state dies with the process, as in a single instance.
 */
public final class RateLimiter {

  /** Above this many keys, expired windows are dropped so a scan of many IPs cannot grow memory unboundedly. */
  private static final int PRUNE_ABOVE = 10_000;

  private final ReferenceCoreConfig.RateLimits limits;
  private final Clock clock;
  private final Map<String, Window> registerWindows = new ConcurrentHashMap<>();
  private final Map<String, Window> loginWindows = new ConcurrentHashMap<>();
  private final Map<String, Failures> loginFailures = new ConcurrentHashMap<>();

  public RateLimiter(ReferenceCoreConfig.RateLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** Counts a register attempt; the headers to send, or a 429 when over the limit. */
  public Map<String, String> acquireRegister(String ip) {
    if (!limits.enabled()) {
      return Map.of();
    }
    return acquire(registerWindows, ip, limits.registerPerHour(), Duration.ofHours(1),
        "Too many registrations from this address; try again later");
  }

  /** Checks the lock, then counts a login attempt; the headers to send, or a 429. */
  public Map<String, String> acquireLogin(String ip, String email) {
    if (!limits.enabled()) {
      return Map.of();
    }
    String key = ip + "|" + email;
    Instant now = clock.instant();
    Failures failures = loginFailures.get(key);
    if (failures != null && failures.lockedUntil != null && now.isBefore(failures.lockedUntil)) {
      long retryAfter = secondsUntil(now, failures.lockedUntil);
      Map<String, String> headers = headers(limits.failuresBeforeLock(), 0, retryAfter);
      headers.put("Retry-After", Long.toString(retryAfter));
      throw ApiException.tooManyRequests("Too many failed logins; this account is locked for this address for "
          + retryAfter + " s", headers);
    }
    return acquire(loginWindows, key, limits.loginPerMinute(), Duration.ofMinutes(1),
        "Too many login attempts; try again later");
  }

  /** A failed login; the one that reaches the threshold locks (IP, email). */
  public void loginFailed(String ip, String email) {
    if (!limits.enabled()) {
      return;
    }
    Instant now = clock.instant();
    prune(loginFailures, now);
    loginFailures.compute(ip + "|" + email, (key, current) -> {
      Failures next = current == null || current.expired(now) ? new Failures() : current;
      next.count++;
      next.lastFailure = now;
      if (next.count >= limits.failuresBeforeLock()) {
        next.lockedUntil = now.plus(limits.lockDuration());
      }
      return next;
    });
  }

  /** A successful login clears the failure count of (IP, email). */
  public void loginSucceeded(String ip, String email) {
    loginFailures.remove(ip + "|" + email);
  }

  private Map<String, String> acquire(Map<String, Window> windows, String key, int limit, Duration length,
      String message) {
    Instant now = clock.instant();
    prune(windows, now);
    Window window = windows.compute(key, (k, current) -> {
      Window next = current == null || !now.isBefore(current.resetAt) ? new Window(now.plus(length)) : current;
      next.count++;
      return next;
    });
    long reset = secondsUntil(now, window.resetAt);
    if (window.count > limit) {
      Map<String, String> headers = headers(limit, 0, reset);
      headers.put("Retry-After", Long.toString(reset));
      throw ApiException.tooManyRequests(message, headers);
    }
    return headers(limit, limit - window.count, reset);
  }

  private static Map<String, String> headers(int limit, int remaining, long resetSeconds) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-RateLimit-Limit", Integer.toString(limit));
    headers.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, remaining)));
    headers.put("X-RateLimit-Reset", Long.toString(resetSeconds));
    return headers;
  }

  private static long secondsUntil(Instant now, Instant then) {
    return Math.max(1, (Duration.between(now, then).toMillis() + 999) / 1000);
  }

  private static <T extends Expiring> void prune(Map<String, T> map, Instant now) {
    if (map.size() > PRUNE_ABOVE) {
      map.values().removeIf(entry -> entry.expired(now));
    }
  }

  private interface Expiring {
    boolean expired(Instant now);
  }

  private static final class Window implements Expiring {
    private final Instant resetAt;
    private int count;

    private Window(Instant resetAt) {
      this.resetAt = resetAt;
    }

    @Override
    public boolean expired(Instant now) {
      return !now.isBefore(resetAt);
    }
  }

  private final class Failures implements Expiring {
    private int count;
    private Instant lastFailure;
    private Instant lockedUntil;

    /** Failures are forgotten once a lock is over, or after a lock period without a new failure. */
    @Override
    public boolean expired(Instant now) {
      if (lockedUntil != null) {
        return !now.isBefore(lockedUntil);
      }
      return lastFailure != null && !now.isBefore(lastFailure.plus(limits.lockDuration()));
    }
  }
}
