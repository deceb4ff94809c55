package org.beelms.plugin.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.identity.IdentityCheck;
import org.beelms.plugin.identity.IdentityMode;
import org.beelms.plugin.identity.IdentityProof;
import org.beelms.plugin.identity.ReleaseIdentity;

/**
 * Waits, with a deadline, until an environment's {@code GET <url>/health} answers 200 <em>and</em>
 * its identity ({@link IdentityCheck}: the health version, an endpoint, a command) is the release
 * just deployed: an old instance answering 200 while the new one starts does not end the wait.
 * When another release keeps answering until the deadline, the result says so. Never sleeps past
 * the deadline. With {@code <identity>none</identity>} a 200 ends it, recorded as not verified.
 */
public final class HealthWait {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration timeout;
  private final Duration interval;
  private final IdentityCheck identity;
  private final HttpClient http;

  /**
   * @param timeout how long to wait in total
   * @param interval the pause between requests
   */
  public HealthWait(Duration timeout, Duration interval) {
    this(timeout, interval, IdentityCheck.health());
  }

  /**
   * @param identity what proves the release runs
   */
  public HealthWait(Duration timeout, Duration interval, IdentityCheck identity) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.identity = Objects.requireNonNull(identity, "identity");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          "the health timeout is " + timeout + "; give a positive duration, e.g."
              + " -Dbeelms.deploy.healthTimeout=PT2M");
    }
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(min(Duration.ofSeconds(2), timeout))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public Duration timeout() {
    return timeout;
  }

  public IdentityCheck identity() {
    return identity;
  }

  /** {@code <api base>/health}, e.g. {@code http://127.0.0.1:3000/api/health}. */
  public static URI healthUri(URI apiBase) {
    String base = apiBase.toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/health");
  }

  /** As {@link #await(URI, ReleaseIdentity, Map)} for a release known by its version only. */
  public HealthResult await(URI healthUri, String version) {
    return await(healthUri, new ReleaseIdentity(version, "", "", ""), Map.of());
  }

  /**
   * Asks {@code healthUri} until it answers 200 and the identity is {@code expected}'s, or the
   * timeout passes; in mode {@code health}, a 200 without a version ends it at once (waiting cannot
   * help).
   *
   * @param variables the deploy hook's variables, for the identity command
   */
  public HealthResult await(URI healthUri, ReleaseIdentity expected, Map<String, String> variables) {
    IdentityMode mode = identity.settings().mode();
    String waitedFor = switch (mode) {
      case HEALTH -> "HTTP 200 reporting version " + expected.version();
      case NONE -> "HTTP 200 (identity not verified)";
      default -> "HTTP 200 and " + identity.settings().describe() + " showing " + expected.describe();
    };
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    int attempts = 0;
    String last = "";
    Optional<String> reported = Optional.empty();
    IdentityProof seen = IdentityProof.UNKNOWN;
    while (true) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        break;
      }
      attempts++;
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(healthUri)
                    .timeout(requestTimeout(remaining))
                    .header("Accept", "application/json")
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        reported = version(response.body());
        last = "HTTP " + response.statusCode() + reported.map(v -> ", version " + v).orElse("");
        if (response.statusCode() == 200) {
          seen = identity.look(expected, response.body(), variables, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
          if (seen.accepted()) {
            return new HealthResult(true, healthUri, waitedFor, Duration.ofNanos(System.nanoTime() - start),
                attempts, last, reported, seen);
          }
          if (mode != IdentityMode.HEALTH) {
            last += "; " + seen.describe();
          }
          if (identity.hopeless(seen)) {
            return new HealthResult(false, healthUri, waitedFor + " (" + seen.detail() + ")",
                Duration.ofNanos(System.nanoTime() - start), attempts, last, reported, seen);
          }
        }
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        last = "interrupted";
        break;
      }
      long pause = Math.min(interval.toNanos(), deadline - System.nanoTime());
      if (pause <= 0) {
        break;
      }
      try {
        Thread.sleep(Duration.ofNanos(pause).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        last = "interrupted";
        break;
      }
    }
    return new HealthResult(false, healthUri, waitedFor, timeout, attempts, last, reported, seen);
  }

  private static Optional<String> version(String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      JsonNode version = node == null ? null : node.get("version");
      return version != null && version.isTextual() && !version.asText().isBlank()
          ? Optional.of(version.asText())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * At most 5 s, at most what is left, but at least 250 ms so the last request can still get an
   * answer: the wait ends at most 250 ms after its deadline.
   */
  private static Duration requestTimeout(long remainingNanos) {
    return min(Duration.ofSeconds(5), max(Duration.ofNanos(remainingNanos), Duration.ofMillis(250)));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
