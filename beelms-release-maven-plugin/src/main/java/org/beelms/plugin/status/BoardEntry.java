package org.beelms.plugin.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.deploy.DeploymentEntry;

/**
 * One deploy or rollback as the status and the board show it: the recorded {@link
 * DeploymentEntry} plus the fields other goals may add to an entry and that are read when present
 * ({@code tiers}, {@code rolledBack}, {@code trigger}, {@code report}).
 *
 * @param entry the entry as deploy and rollback record it
 * @param tiers per test tier, its outcome ({@code smoke} → {@code PASSED}, {@code regression} →
 *     {@code SKIPPED}…), in recorded order; empty when the entry has no {@code tiers} object
 * @param rolledBack true when the entry says a rollback undid it ({@code rolledBack: true})
 * @param trigger for a rollback, {@code automatic} or {@code manual}; empty when not recorded
 * @param report the smoke report of this run (the entry's own {@code report}, else the
 *     environment's latest {@code report} when this entry is that latest run); empty when none
 */
public record BoardEntry(
    DeploymentEntry entry,
    Map<String, String> tiers,
    boolean rolledBack,
    String trigger,
    Optional<String> report) {

  public BoardEntry {
    Objects.requireNonNull(entry, "entry");
    tiers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tiers == null ? Map.of() : tiers));
    trigger = trigger == null ? "" : trigger;
    report = report == null ? Optional.empty() : report;
  }

  /**
   * Reads one {@code deployments[]} element.
   *
   * @param environmentNode the environment's object in the record's {@code smoke}, whose
   *     top-level {@code at} and {@code report} describe its latest run
   * @param newestThere true when this entry is the newest run on its environment in all records:
   *     only then does the environment's report file ({@code smoke-<environment>.json}, rewritten
   *     by every run) still hold this run, so only then is it linked
   */
  static BoardEntry fromJson(JsonNode node, JsonNode environmentNode, boolean newestThere) {
    DeploymentEntry entry = DeploymentEntry.fromJson(node);
    Map<String, String> tiers = new LinkedHashMap<>();
    node.path("tiers").fields().forEachRemaining(t -> tiers.put(t.getKey(), t.getValue().asText()));
    Optional<String> report = text(node, "report");
    if (report.isEmpty() && newestThere
        && environmentNode.path("at").asText("").equals(node.path("at").asText("-"))) {
      report = text(environmentNode, "report");
    }
    return new BoardEntry(entry, orderedTiers(tiers), entry.rolledBack(), entry.trigger(), report);
  }

  /** Keeps {@code smoke} before {@code regression}, as the tiers run. */
  private static Map<String, String> orderedTiers(Map<String, String> tiers) {
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String first : new String[] {"smoke", "regression"}) {
      if (tiers.containsKey(first)) {
        ordered.put(first, tiers.get(first));
      }
    }
    ordered.putAll(tiers);
    return ordered;
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  /** True when the release went in place and its smoke passed. */
  public boolean healthy() {
    return entry.healthy();
  }

  /** {@code deploy}, {@code rollback}, with {@code (forced)} when forced. */
  public String actionLabel() {
    String action = entry.action();
    if (!trigger.isEmpty() && "rollback".equals(action)) {
      action = action + " (" + trigger + ")";
    }
    return entry.forced().isEmpty() ? action : action + " (forced)";
  }

  /** {@code smoke PASSED, regression SKIPPED}, or the single smoke status without tiers. */
  public String testsLabel() {
    if (tiers.isEmpty()) {
      return "smoke " + (entry.smoke().isEmpty() ? "not recorded" : entry.smoke());
    }
    StringBuilder out = new StringBuilder();
    tiers.forEach((tier, status) -> out.append(out.length() == 0 ? "" : ", ").append(tier).append(' ').append(status));
    return out.toString();
  }
}
