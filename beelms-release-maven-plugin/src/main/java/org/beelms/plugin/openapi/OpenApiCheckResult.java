package org.beelms.plugin.openapi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.Severity;

/**
 * Everything one run of the openapi check concluded.
 *
 * @param findings every finding with its rule and subject, allow-list applied
 * @param documented the spec's operations (empty when the spec could not be read)
 * @param implemented the routes the code implements (empty when they could not be read)
 * @param changes the changes since the previous release, when they were compared
 * @param failOn the lowest severity that fails
 */
public record OpenApiCheckResult(
    List<RuleFinding> findings,
    List<SpecOperation> documented,
    List<Route> implemented,
    Optional<ApiChanges> changes,
    Severity failOn) {

  public OpenApiCheckResult {
    findings = List.copyOf(findings);
    documented = List.copyOf(documented);
    implemented = List.copyOf(implemented);
    changes = changes == null ? Optional.empty() : changes;
  }

  public List<Finding> plainFindings() {
    return findings.stream().map(RuleFinding::finding).toList();
  }

  /** The findings of one rule. */
  public List<RuleFinding> findings(Rule rule) {
    return findings.stream().filter(f -> f.rule() == rule).toList();
  }

  public boolean failed() {
    return findings.stream().anyMatch(f -> f.finding().severity().atLeast(failOn));
  }

  public GateResult toGateResult(Duration duration) {
    return GateResult.of(OpenApiCheck.NAME, duration, plainFindings(), failOn);
  }
}
