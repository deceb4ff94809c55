package org.beelms.plugin.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.identity.IdentityProof;
import org.beelms.plugin.smoke.SmokeTiers;

/**
 * One deploy or rollback of a release to an environment, as appended to the release record
 * ({@code smoke.<environment>.deployments[]}, see docs/environments.md).
 *
 * @param action {@code deploy} or {@code rollback}
 * @param environment the environment's name
 * @param mode {@code staging} or {@code production}
 * @param version the release put in place, e.g. {@code 0.2.0}
 * @param tag its git tag, e.g. {@code v0.2.0}
 * @param digest the image digest the environment tag now points at
 * @param by who ran it ({@code user.name}, or {@code BEELMS_DEPLOY_ACTOR})
 * @param at when it finished (ISO-8601, UTC)
 * @param outcome {@code deployed}, {@code refused}, {@code hook-failed}, {@code unhealthy} or
 *     {@code smoke-failed}
 * @param smoke the post-deploy smoke status ({@code PASSED}, {@code FAILED}, {@code SKIPPED})
 * @param forced the reason given with {@code -Dbeelms.deploy.force}, or for a rollback with
 *     {@code -Dbeelms.rollback.force}; empty when not forced
 * @param from for a rollback, the tag that ran before; empty otherwise
 * @param decision for a rollback, the decision taken ({@code image-rollback},
 *     {@code restore-and-image-rollback}); empty otherwise
 * @param backupId for a rollback with a database restore, the backup restored; empty otherwise
 * @param rolledBack for a deploy, true when the same run moved the environment back to the release
 *     that ran before ({@code -Dbeelms.deploy.onFailure=rollback}); written only when true
 * @param trigger for a rollback, {@code manual} ({@code beelms:rollback}) or {@code automatic}
 *     (after a failed deploy); empty for a deploy
 * @param tiers each smoke tier's outcome ({@code "tiers": {"smoke": "PASSED", "regression":
 *     "PASSED"}}): the tiers of the environment's {@code <smokeTiers>}, {@code SKIPPED} when smoke
 *     did not run; {@link SmokeTiers#NONE} (no {@code tiers} field) in records written before
 *     tiers were recorded, which ran the smoke tier only. Its waivers, when a waiver accepted a
 *     failure, are recorded as {@code "waivers": [{"check", "endpoint", "detail", "reason",
 *     "owner", "expires", "waiver"}]}
 * @param identity what proved (or did not prove) that the release runs ({@code "identity": {"mode":
 *     "command", "verified": true, "detail": "running image sha256:… = v0.2.0"}}); {@link
 *     IdentityProof#UNKNOWN} (no field) in records written before identities were recorded
 * @param backup for a deploy, the database backup it took before moving the tag; for a rollback,
 *     the backup it restored; empty when none ({@code backup} field absent)
 * @param verification whether the image's signature and provenance were verified with the
 *     environment's {@code <verifyKey>} before the move ({@code "verification": {"verified": true,
 *     "key": "sha256:…"}}); {@link ImageVerification#NOT_RECORDED} (no field) in older records
 */
public record DeploymentEntry(
    String action,
    String environment,
    String mode,
    String version,
    String tag,
    String digest,
    String by,
    Instant at,
    String outcome,
    String smoke,
    String forced,
    String from,
    String decision,
    String backupId,
    boolean rolledBack,
    String trigger,
    SmokeTiers tiers,
    IdentityProof identity,
    Optional<DeploymentBackup> backup,
    ImageVerification verification) {

  public static final String DEPLOYED = "deployed";

  /**
   * The registry accepted the environment tag's PUT but the check after it failed: the tag moved,
   * where to is not verified. Never a pass; the on-failure rollback acts on it.
   */
  public static final String PROMOTION_UNVERIFIED = "promotion-unverified";

  /** An entry without {@code rolledBack}, {@code trigger} and {@code tiers}. */
  public DeploymentEntry(
      String action, String environment, String mode, String version, String tag, String digest,
      String by, Instant at, String outcome, String smoke, String forced, String from, String decision,
      String backupId) {
    this(action, environment, mode, version, tag, digest, by, at, outcome, smoke, forced, from, decision,
        backupId, false, "", SmokeTiers.NONE, IdentityProof.UNKNOWN, Optional.empty());
  }

  /** An entry without {@code identity} and {@code backup}. */
  public DeploymentEntry(
      String action, String environment, String mode, String version, String tag, String digest,
      String by, Instant at, String outcome, String smoke, String forced, String from, String decision,
      String backupId, boolean rolledBack, String trigger, SmokeTiers tiers) {
    this(action, environment, mode, version, tag, digest, by, at, outcome, smoke, forced, from, decision,
        backupId, rolledBack, trigger, tiers, IdentityProof.UNKNOWN, Optional.empty());
  }

  /** An entry without {@code verification}. */
  public DeploymentEntry(
      String action, String environment, String mode, String version, String tag, String digest,
      String by, Instant at, String outcome, String smoke, String forced, String from, String decision,
      String backupId, boolean rolledBack, String trigger, SmokeTiers tiers, IdentityProof identity,
      Optional<DeploymentBackup> backup) {
    this(action, environment, mode, version, tag, digest, by, at, outcome, smoke, forced, from, decision,
        backupId, rolledBack, trigger, tiers, identity, backup, ImageVerification.NOT_RECORDED);
  }

  /** An entry without {@code backup}. */
  public DeploymentEntry(
      String action, String environment, String mode, String version, String tag, String digest,
      String by, Instant at, String outcome, String smoke, String forced, String from, String decision,
      String backupId, boolean rolledBack, String trigger, SmokeTiers tiers, IdentityProof identity) {
    this(action, environment, mode, version, tag, digest, by, at, outcome, smoke, forced, from, decision,
        backupId, rolledBack, trigger, tiers, identity, Optional.empty());
  }

  public DeploymentEntry {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(at, "at");
    mode = nonNull(mode);
    version = nonNull(version);
    tag = nonNull(tag);
    digest = nonNull(digest);
    by = nonNull(by);
    outcome = nonNull(outcome);
    smoke = nonNull(smoke);
    forced = nonNull(forced);
    from = nonNull(from);
    decision = nonNull(decision);
    backupId = nonNull(backupId);
    trigger = nonNull(trigger);
    tiers = tiers == null ? SmokeTiers.NONE : tiers;
    identity = identity == null ? IdentityProof.UNKNOWN : identity;
    backup = backup == null ? Optional.empty() : backup;
    verification = verification == null ? ImageVerification.NOT_RECORDED : verification;
  }

  /** The same entry with {@code newTiers}. */
  public DeploymentEntry withTiers(SmokeTiers newTiers) {
    return new DeploymentEntry(action, environment, mode, version, tag, digest, by, at, outcome, smoke,
        forced, from, decision, backupId, rolledBack, trigger, newTiers, identity, backup, verification);
  }

  /** The same entry with {@code rolledBack: true}. */
  public DeploymentEntry withRolledBack() {
    return new DeploymentEntry(action, environment, mode, version, tag, digest, by, at, outcome, smoke,
        forced, from, decision, backupId, true, trigger, tiers, identity, backup, verification);
  }

  /** The same entry with {@code trigger} set ({@code manual} or {@code automatic}). */
  public DeploymentEntry withTrigger(String newTrigger) {
    return new DeploymentEntry(action, environment, mode, version, tag, digest, by, at, outcome, smoke,
        forced, from, decision, backupId, rolledBack, newTrigger, tiers, identity, backup, verification);
  }

  /** The same entry with {@code newIdentity}. */
  public DeploymentEntry withIdentity(IdentityProof newIdentity) {
    return new DeploymentEntry(action, environment, mode, version, tag, digest, by, at, outcome, smoke,
        forced, from, decision, backupId, rolledBack, trigger, tiers, newIdentity, backup, verification);
  }

  /** The same entry with the database backup taken (deploy) or restored (rollback). */
  public DeploymentEntry withBackup(Optional<DeploymentBackup> newBackup) {
    return new DeploymentEntry(action, environment, mode, version, tag, digest, by, at, outcome, smoke,
        forced, from, decision, backupId, rolledBack, trigger, tiers, identity, newBackup, verification);
  }

  /** The same entry with what was verified before the move. */
  public DeploymentEntry withVerification(ImageVerification newVerification) {
    return new DeploymentEntry(action, environment, mode, version, tag, digest, by, at, outcome, smoke,
        forced, from, decision, backupId, rolledBack, trigger, tiers, identity, backup, newVerification);
  }

  /** True when the release went in place and its post-deploy smoke passed. */
  public boolean healthy() {
    return DEPLOYED.equals(outcome) && "PASSED".equals(smoke);
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("action", action);
    node.put("environment", environment);
    node.put("mode", mode);
    node.put("version", version);
    node.put("tag", tag);
    node.put("digest", digest);
    node.put("by", by);
    node.put("at", at.toString());
    node.put("outcome", outcome);
    node.put("smoke", smoke);
    putIfSet(node, "forced", forced);
    putIfSet(node, "from", from);
    putIfSet(node, "decision", decision);
    putIfSet(node, "backupId", backupId);
    if (rolledBack) {
      node.put("rolledBack", true);
    }
    putIfSet(node, "trigger", trigger);
    if (!tiers.isEmpty()) {
      node.set("tiers", tiers.toJson());
    }
    if (!tiers.waivers().isEmpty()) {
      node.set("waivers", tiers.waiversJson());
    }
    if (identity.outcome() != IdentityProof.Outcome.NOT_RECORDED) {
      node.set("identity", identity.toJson());
    }
    backup.ifPresent(b -> node.set("backup", b.toJson()));
    if (verification.outcome() != ImageVerification.Outcome.NOT_RECORDED) {
      node.set("verification", verification.toJson());
    }
    return node;
  }

  public static DeploymentEntry fromJson(JsonNode node) {
    return new DeploymentEntry(
        text(node, "action"),
        text(node, "environment"),
        text(node, "mode"),
        text(node, "version"),
        text(node, "tag"),
        text(node, "digest"),
        text(node, "by"),
        Instant.parse(node.path("at").asText(Instant.EPOCH.toString())),
        text(node, "outcome"),
        text(node, "smoke"),
        text(node, "forced"),
        text(node, "from"),
        text(node, "decision"),
        text(node, "backupId"),
        node.path("rolledBack").asBoolean(false),
        text(node, "trigger"),
        SmokeTiers.fromJson(node.get("tiers")).withWaivers(node.get("waivers")),
        IdentityProof.fromJson(node.get("identity")),
        DeploymentBackup.fromJson(node.get("backup")),
        ImageVerification.fromJson(node.get("verification")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (!value.isEmpty()) {
      node.put(field, value);
    }
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
