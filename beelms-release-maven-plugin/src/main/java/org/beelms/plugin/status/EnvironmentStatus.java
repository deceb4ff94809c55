package org.beelms.plugin.status;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.identity.IdentityProof;

/**
 * What one environment runs, three ways: the release records (the latest deploy or rollback), the
 * registry (where the environment tag points now) and the environment ({@code /health}), with the
 * drift between them.
 *
 * @param name the environment's name
 * @param mode {@code staging} or {@code production}
 * @param recorded the latest recorded deploy or rollback there; empty when none
 * @param registry where the environment tag points now
 * @param health what {@code /health} answered
 * @param drift every disagreement found; empty when the three agree
 * @param identity what the environment's identity check found running ({@code <identity>});
 *     {@link IdentityProof#UNKNOWN} when it was not looked at (nothing recorded, health down)
 */
public record EnvironmentStatus(
    String name,
    String mode,
    Optional<ReleaseLedger.Recorded> recorded,
    TagState registry,
    HealthProbe.Answer health,
    List<Drift> drift,
    IdentityProof identity) {

  public EnvironmentStatus {
    Objects.requireNonNull(name, "name");
    recorded = recorded == null ? Optional.empty() : recorded;
    drift = List.copyOf(drift);
    identity = identity == null ? IdentityProof.UNKNOWN : identity;
  }

  /** A status whose identity was not looked at. */
  public EnvironmentStatus(String name, String mode, Optional<ReleaseLedger.Recorded> recorded, TagState registry,
      HealthProbe.Answer health, List<Drift> drift) {
    this(name, mode, recorded, registry, health, drift, IdentityProof.UNKNOWN);
  }

  /** {@code HTTP 200, no version reported; identity: running image sha256:… = v0.2.0}: the board's "health now". */
  public String healthAndIdentity() {
    String label = identityLabel();
    // in mode health the answer's version is the identity: said once
    if (label.isEmpty() || identity.mode() == org.beelms.plugin.identity.IdentityMode.HEALTH) {
      return health.describe();
    }
    return health.describe() + "; " + (identity.outcome() == IdentityProof.Outcome.NOT_VERIFIED ? label : "identity: " + label);
  }

  /**
   * The supply chain of the recorded release and whether its image was verified when it went in:
   * {@code signed ✓ (key …) / provenance ✓ / SBOM 212 components; signature and provenance
   * verified ✓ (key …)}; {@code signature not verified (…)} whenever the entry does not say it
   * was; empty when nothing is recorded.
   */
  public String supplyChain() {
    return recorded.map(r -> ReleaseBoard.supplyChainLabel(r.release()) + "; "
        + r.entry().entry().verification().describe()).orElse("");
  }

  /** What runs as the identity check saw it: the proof, {@code identity not verified}, or what was seen; empty when not looked at. */
  public String identityLabel() {
    return identity.describe();
  }

  /**
   * The environment tag as the registry has it now.
   *
   * @param reference {@code <image>:<imageTag>}; empty when it is not known (no image tag or no
   *     release with an image)
   * @param digest the digest it points at; empty when the tag does not exist or was not read
   * @param error why it could not be read; empty when it was read
   */
  public record TagState(String reference, Optional<String> digest, String error) {

    public TagState {
      reference = reference == null ? "" : reference;
      digest = digest == null ? Optional.empty() : digest;
      error = error == null ? "" : error;
    }

    public boolean read() {
      return error.isEmpty();
    }

    /** {@code sha256:…}, {@code no such tag} or {@code not checked: …}. */
    public String describe() {
      if (!read()) {
        return "not checked: " + error;
      }
      return digest.orElse("no such tag");
    }
  }

  public boolean drifted() {
    return !drift.isEmpty();
  }
}
