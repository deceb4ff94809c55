package org.beelms.plugin.deploy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How a bounded wait for an environment's health ended.
 *
 * @param ready true when health answered 200 (with the expected version, when it reports one)
 * @param uri the health URL asked
 * @param waitedFor what was awaited, e.g. {@code HTTP 200 reporting version 0.2.0}
 * @param waited how long it took or how long it waited before giving up
 * @param attempts how many requests were made
 * @param last the last answer (status and version) or error; empty when none
 * @param reportedVersion the version health reported last; empty when it reports none
 */
public record HealthResult(
    boolean ready,
    URI uri,
    String waitedFor,
    Duration waited,
    int attempts,
    String last,
    Optional<String> reportedVersion) {

  /** One sentence naming the URL and what was awaited. */
  public String describe() {
    if (ready) {
      return "GET " + uri + " answered " + waitedFor + " after " + waited.toMillis() + " ms ("
          + attempts + " request(s))";
    }
    return "GET " + uri + " did not answer " + waitedFor + " within " + waited.toSeconds() + " s ("
        + attempts + " request(s); last: " + (last.isEmpty() ? "no answer" : last) + ")";
  }
}
