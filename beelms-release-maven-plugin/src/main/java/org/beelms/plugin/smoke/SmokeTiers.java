package org.beelms.plugin.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.smoke.checks.SmokeSuites;
import org.beelms.smoke.config.SmokeMode;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunResult;
import org.beelms.smoke.waiver.SmokeWaiver;

/**
 * The outcome of each tier of the beelms-smoke-tests library in one post-deploy (or
 * post-rollback) run: the {@code smoke} tier (OPS and WS-1..WS-3, release plan 3.1) and the
 * {@code regression} tier (release plan 2.2: "smoke + regression, at least on staging"). A tier
 * the run was not meant to cover is absent; a tier it was meant to cover but that did not run (the
 * rollout stopped before smoke, or every check of it was skipped) is {@code SKIPPED}. Recorded as
 * {@code "tiers": {"smoke": "PASSED", "regression": "PASSED"}} on each deployment entry, with the
 * waivers that accepted failures ({@code "waivers": [...]}) next to them.
 *
 * @param statuses each covered tier's status, in tier order
 * @param waivers the waivers that accepted a failure in the run (what makes a tier {@code
 *     WAIVED}), in file order; empty when none did
 */
public record SmokeTiers(Map<Tier, GateStatus> statuses, List<SmokeWaiver> waivers, Map<Tier, TierChecks> checks) {

  /**
   * What a tier's checks proved, recorded next to its status ({@code "checks": {"smoke": {"required":
   * [...], "unmet": [...], "executed": 12, "skipped": 3}}}) so production's staging gate reads the
   * evidence, not only the verdict.
   *
   * @param required the tier's required checklist IDs in that run ({@code beelms.smoke.requiredChecks})
   * @param unmet those not PASSED or WAIVED (skipped, not run, failed)
   * @param executed the tier's checks that PASSED, FAILED or were WAIVED
   * @param skipped the tier's SKIPPED checks
   */
  public record TierChecks(List<String> required, List<String> unmet, long executed, long skipped) {
    public TierChecks {
      required = List.copyOf(required);
      unmet = List.copyOf(unmet);
    }

    /** Every required check met and at least one check executed. */
    public boolean proven() {
      return unmet.isEmpty() && executed > 0;
    }

    /** {@code 12 executed, 3 skipped, required unmet: OPS-DB-1}. */
    public String describe() {
      return executed + " executed, " + skipped + " skipped"
          + (unmet.isEmpty() ? "" : ", required unmet: " + String.join(", ", unmet));
    }
  }

  /** A tier of the smoke library, named as in its suite tags and the record. */
  public enum Tier {
    SMOKE,
    REGRESSION;

    /** {@code smoke} or {@code regression}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** No tier recorded: a record written before tiers were (or an entry without smoke). */
  public static final SmokeTiers NONE = new SmokeTiers(Map.of());

  public SmokeTiers {
    EnumMap<Tier, GateStatus> copy = new EnumMap<>(Tier.class);
    if (statuses != null) {
      copy.putAll(statuses);
    }
    statuses = Collections.unmodifiableMap(copy);
    waivers = waivers == null ? List.of() : List.copyOf(waivers);
    EnumMap<Tier, TierChecks> evidence = new EnumMap<>(Tier.class);
    if (checks != null) {
      evidence.putAll(checks);
    }
    checks = Collections.unmodifiableMap(evidence);
  }

  /** Tiers without a record of their checks (see {@link #withChecks}). */
  public SmokeTiers(Map<Tier, GateStatus> statuses, List<SmokeWaiver> waivers) {
    this(statuses, waivers, Map.of());
  }

  /** Tiers no waiver touched. */
  public SmokeTiers(Map<Tier, GateStatus> statuses) {
    this(statuses, List.of());
  }

  /** The record of the tier's checks; empty when not recorded (an entry written before they were). */
  public Optional<TierChecks> checks(Tier tier) {
    return Optional.ofNullable(checks.get(tier));
  }

  /** The default post-deploy tiers of an environment: both on staging, the smoke tier on production. */
  public static Set<Tier> defaults(SmokeMode mode) {
    return mode == SmokeMode.PRODUCTION ? EnumSet.of(Tier.SMOKE) : EnumSet.allOf(Tier.class);
  }

  /**
   * The tiers written in {@code <smokeTiers>}: {@code smoke}, {@code regression}, comma-separated,
   * or {@code all}; blank = {@link #defaults(SmokeMode)}. The smoke tier is always required.
   *
   * @param where the element, for errors, e.g. {@code <environments>/<environment> 'qa' <smokeTiers>}
   */
  public static Set<Tier> parse(String text, SmokeMode mode, String where) {
    if (text == null || text.isBlank()) {
      return defaults(mode);
    }
    Set<Tier> tiers = EnumSet.noneOf(Tier.class);
    for (String part : text.trim().split("[,\\s]+")) {
      String value = part.trim().toLowerCase(Locale.ROOT);
      if (value.equals("all")) {
        tiers.addAll(EnumSet.allOf(Tier.class));
      } else if (value.equals(Tier.SMOKE.label())) {
        tiers.add(Tier.SMOKE);
      } else if (value.equals(Tier.REGRESSION.label())) {
        tiers.add(Tier.REGRESSION);
      } else {
        throw new IllegalArgumentException(
            where + " is '" + text.trim() + "': '" + part.trim() + "' is not a tier; write smoke,"
                + " smoke,regression or all (leave it out for the default: smoke,regression on staging,"
                + " smoke on production)");
      }
    }
    if (!tiers.contains(Tier.SMOKE)) {
      throw new IllegalArgumentException(
          where + " is '" + text.trim() + "': the smoke tier always runs after a deploy or rollback"
              + " (release plan 3.1); write smoke,regression");
    }
    return tiers;
  }

  /**
   * The suites of a post-deploy run: {@code smokeSuites} (the smoke tier, or a part of it), plus
   * {@code regression} when the environment's tiers include it.
   */
  public static String suites(String smokeSuites, Set<Tier> tiers) {
    String base = smokeSuites == null || smokeSuites.isBlank() ? SmokeSuites.ALL : smokeSuites.trim();
    return tiers.contains(Tier.REGRESSION) ? base + "," + SmokeSuites.REGRESSION : base;
  }

  /**
   * Each tier's outcome in {@code result}, for the tiers its suites selected: {@code FAILED} when a
   * check of the tier failed or the run as a whole failed (an error before the checks, a run-wide
   * problem such as residue, a contract deviation or a waiver error: fail closed, it is not
   * attributed to one tier) or a required check of the tier ({@code beelms.smoke.requiredChecks})
   * was skipped, not run or failed; {@code WAIVED} when checks of the tier failed and a waiver accepts each
   * of those failures; {@code PASSED} when at least one check of the tier passed; {@code SKIPPED} when none ran,
   * and also when only part of the smoke tier was selected (e.g. {@code ops,ws1}) and nothing of it
   * failed: a part is no pass of the tier.
   */
  public static SmokeTiers of(SmokeRunResult result) {
    Set<String> suites = result.suites();
    Map<Tier, GateStatus> out = new EnumMap<>(Tier.class);
    Map<Tier, TierChecks> evidence = new EnumMap<>(Tier.class);
    if (suites.contains(SmokeSuites.ALL) || suites.containsAll(SmokeSuites.SUITE_TAGS)) {
      out.put(Tier.SMOKE, status(result, Tier.SMOKE));
    } else if (suites.stream().anyMatch(SmokeSuites.SUITE_TAGS::contains)) {
      GateStatus part = status(result, Tier.SMOKE);
      out.put(Tier.SMOKE, part == GateStatus.PASSED ? GateStatus.SKIPPED : part);
    }
    if (suites.contains(SmokeSuites.REGRESSION)) {
      out.put(Tier.REGRESSION, status(result, Tier.REGRESSION));
    }
    out.keySet().forEach(tier -> evidence.put(tier, evidence(result, tier)));
    return new SmokeTiers(out, result.waivers().used(), evidence);
  }

  private static TierChecks evidence(SmokeRunResult result, Tier tier) {
    List<CheckResult> own = result.checks().stream().filter(c -> tierOf(c) == tier).toList();
    long executed = own.stream().filter(c -> c.status() == CheckStatus.PASSED || c.status() == CheckStatus.FAILED
        || c.status() == CheckStatus.WAIVED).count();
    long skipped = own.stream().filter(c -> c.status() == CheckStatus.SKIPPED).count();
    List<String> required = result.requiredChecks().stream().filter(id -> tierOfId(id) == tier).toList();
    List<String> unmet = result.unmetRequired().stream().filter(id -> tierOfId(id) == tier).toList();
    return new TierChecks(required, unmet, executed, skipped);
  }

  private static Tier tierOfId(String id) {
    return org.beelms.smoke.runner.RequiredChecks.regression(id) ? Tier.REGRESSION : Tier.SMOKE;
  }

  private static GateStatus status(SmokeRunResult result, Tier tier) {
    if (result.error().isPresent() || !result.runWideProblems().isEmpty()) {
      return GateStatus.FAILED;
    }
    if (result.unmetRequiredIds().stream().anyMatch(id -> tierOfId(id) == tier)) {
      return GateStatus.FAILED;
    }
    boolean passed = false;
    boolean waived = false;
    for (CheckResult check : result.checks()) {
      if (tierOf(check) != tier) {
        continue;
      }
      if (check.status() == CheckStatus.FAILED) {
        return GateStatus.FAILED;
      }
      passed |= check.status() == CheckStatus.PASSED;
      waived |= check.status() == CheckStatus.WAIVED;
    }
    return waived ? GateStatus.WAIVED : passed ? GateStatus.PASSED : GateStatus.SKIPPED;
  }

  private static Tier tierOf(CheckResult check) {
    boolean regression =
        check.tags().contains(SmokeSuites.REGRESSION)
            || SmokeSuites.REGRESSION_CLASSES.stream().anyMatch(c -> c.getName().equals(check.className()));
    return regression ? Tier.REGRESSION : Tier.SMOKE;
  }

  /** {@code tiers}, each {@code SKIPPED}: smoke did not run (the rollout stopped before it). */
  public static SmokeTiers notRun(Set<Tier> tiers) {
    return all(tiers, GateStatus.SKIPPED);
  }

  /** {@code tiers}, each {@code FAILED}: smoke could not run at all. */
  public static SmokeTiers failed(Set<Tier> tiers) {
    return all(tiers, GateStatus.FAILED);
  }

  private static SmokeTiers all(Set<Tier> tiers, GateStatus status) {
    Map<Tier, GateStatus> out = new EnumMap<>(Tier.class);
    tiers.forEach(t -> out.put(t, status));
    return new SmokeTiers(out);
  }

  /** The tier's status; empty when the tier is not recorded. */
  public Optional<GateStatus> status(Tier tier) {
    return Optional.ofNullable(statuses.get(tier));
  }

  public boolean passed(Tier tier) {
    return statuses.get(tier) == GateStatus.PASSED;
  }

  /**
   * True when the tier passed, or its only failures are accepted by waivers ({@code WAIVED}): what
   * a tier required to pass (production's staging precondition) needs.
   */
  public boolean passedOrWaived(Tier tier) {
    return passed(tier) || statuses.get(tier) == GateStatus.WAIVED;
  }

  public boolean isEmpty() {
    return statuses.isEmpty();
  }

  /**
   * {@code smoke PASSED, regression FAILED}, or with waivers {@code smoke PASSED, regression WAIVED
   * (waived: REG-INPUT-1)}; {@code no tier recorded} when empty.
   */
  public String describe() {
    if (statuses.isEmpty()) {
      return "no tier recorded";
    }
    String tiers = statuses.entrySet().stream()
        .map(e -> e.getKey().label() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return waivers.isEmpty() ? tiers
        : tiers + " (waived: " + waivers.stream().map(SmokeWaiver::describe).collect(Collectors.joining("; ")) + ")";
  }

  /**
   * The waivers as a deployment entry records them: {@code [{"check": "REG-INPUT-1", "endpoint":
   * ..., "detail": ..., "reason": ..., "owner": ..., "expires": "2026-12-31", "waiver":
   * "<file>:<line>"}]} (endpoint and detail only when the waiver has them).
   */
  public ArrayNode waiversJson() {
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    for (SmokeWaiver w : waivers) {
      ObjectNode node = list.addObject();
      node.put("check", w.check());
      if (!w.endpoint().isEmpty()) {
        node.put("endpoint", w.endpoint());
      }
      if (!w.detail().isEmpty()) {
        node.put("detail", w.detail());
      }
      node.put("reason", w.reason());
      node.put("owner", w.owner());
      node.put("expires", w.expires().toString());
      node.put("waiver", w.position());
    }
    return list;
  }

  /** The same tiers with the waivers of a record's {@code waivers} list (unreadable entries skipped). */
  public SmokeTiers withWaivers(JsonNode list) {
    if (list == null || !list.isArray()) {
      return this;
    }
    List<SmokeWaiver> read = new ArrayList<>();
    for (JsonNode node : list) {
      try {
        read.add(new SmokeWaiver(node.path("check").asText(), node.path("endpoint").asText(""),
            node.path("detail").asText(""), node.path("reason").asText(""), node.path("owner").asText(""),
            LocalDate.parse(node.path("expires").asText()), node.path("waiver").asText("")));
      } catch (DateTimeParseException e) {
        // a waiver without a readable expiry is not shown as one
      }
    }
    return new SmokeTiers(statuses, read, checks);
  }

  /** {@code {"smoke": {"required": [...], "unmet": [], "executed": 12, "skipped": 3}}}; empty when none recorded. */
  public ObjectNode checksJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    checks.forEach((tier, c) -> {
      ObjectNode t = node.putObject(tier.label());
      c.required().forEach(t.putArray("required")::add);
      ArrayNode unmet = t.putArray("unmet");
      c.unmet().forEach(unmet::add);
      t.put("executed", c.executed());
      t.put("skipped", c.skipped());
    });
    return node;
  }

  /**
   * The same tiers with the check records of an entry's {@code checks} object; a tier whose record
   * cannot be read gets none (fail closed: the staging gate refuses a tier without one).
   */
  public SmokeTiers withChecks(JsonNode node) {
    if (node == null || !node.isObject()) {
      return this;
    }
    Map<Tier, TierChecks> read = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      JsonNode t = node.get(tier.label());
      if (t == null || !t.isObject() || !t.path("unmet").isArray() || !t.path("executed").canConvertToLong()) {
        continue;
      }
      List<String> required = new ArrayList<>();
      t.path("required").forEach(v -> required.add(v.asText()));
      List<String> unmet = new ArrayList<>();
      t.path("unmet").forEach(v -> unmet.add(v.asText()));
      read.put(tier, new TierChecks(required, unmet, t.path("executed").asLong(), t.path("skipped").asLong()));
    }
    return new SmokeTiers(statuses, waivers, read);
  }

  /** {@code {"smoke": "PASSED", "regression": "PASSED"}}. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    statuses.forEach((tier, status) -> node.put(tier.label(), status.name()));
    return node;
  }

  /**
   * The tiers of a record's {@code tiers} object; {@link #NONE} when it is missing (a record from
   * before tiers). An unknown tier name is ignored; a status that is not {@code PASSED}, {@code
   * FAILED}, {@code SKIPPED} or {@code WAIVED} reads as {@code FAILED} (fail closed).
   */
  public static SmokeTiers fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      return NONE;
    }
    Map<Tier, GateStatus> out = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      JsonNode value = node.get(tier.label());
      if (value != null && !value.isNull()) {
        out.put(tier, parseStatus(value.asText()));
      }
    }
    return new SmokeTiers(out);
  }

  private static GateStatus parseStatus(String text) {
    try {
      return GateStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return GateStatus.FAILED;
    }
  }
}
