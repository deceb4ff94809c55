package org.beelms.plugin.deploy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.beelms.plugin.identity.IdentityProof;

/**
 * How a bounded wait for an environment's health and identity ended.
 *
 * @param ready true when health answered 200 and the identity was proven (or is not checked,
 *     {@code <identity>none</identity>})
 * @param uri the health URL asked
 * @param waitedFor what was awaited, e.g. {@code HTTP 200 reporting version 0.2.0}
 * @param waited how long it took or how long it waited before giving up
 * @param attempts how many requests were made
 * @param last the last answer (status and version or identity) or error; empty when none
 * @param reportedVersion the version health reported last; empty when it reports none
 * @param identity the last look at the identity; {@link IdentityProof#UNKNOWN} when health never
 *     answered 200
 */
public record HealthResult(
    boolean ready,
    URI uri,
    String waitedFor,
    Duration waited,
    int attempts,
    String last,
    Optional<String> reportedVersion,
    IdentityProof identity) {

  public HealthResult {
    identity = identity == null ? IdentityProof.UNKNOWN : identity;
  }

  /** One sentence naming the URL and what was awaited; when another release kept answering, says so first. */
  public String describe() {
    if (ready) {
      return "GET " + uri + " answered " + waitedFor + " after " + waited.toMillis() + " ms ("
          + attempts + " request(s)); identity: " + identity.describe();
    }
    String another = identity.outcome() == IdentityProof.Outcome.ANOTHER_RELEASE
        ? identity.describe() + " (" + identity.detail() + "); " : "";
    return another + "GET " + uri + " did not answer " + waitedFor + " within " + waited.toSeconds() + " s ("
        + attempts + " request(s); last: " + (last.isEmpty() ? "no answer" : last) + ")";
  }
}
