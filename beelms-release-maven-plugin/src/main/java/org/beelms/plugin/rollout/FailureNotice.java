package org.beelms.plugin.rollout;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code <notifyCommand>} is told after a failed deploy or rollback, as environment
 * variables ({@link #variables()}; the names are documented in docs/environments.md). No value is a
 * secret: versions, digests, outcomes, the environment's URL and the report's path.
 *
 * @param action {@code deploy} or {@code rollback}
 * @param outcome the failed step's outcome: {@code hook-failed}, {@code unhealthy}, {@code
 *     smoke-failed}, {@code promotion-failed}, {@code refused}, {@code target-missing}, {@code
 *     restore-failed}
 * @param environment the environment's name
 * @param environmentUrl its API base
 * @param release the release this run put (or tried to put) in place: version, tag, digest
 * @param previous the release that ran there before; {@link Release#NONE} when none or unknown
 * @param onFailure {@code stop} or {@code rollback} (a manual rollback: {@code -})
 * @param rollback what became of the automatic rollback: {@code none} (onFailure=stop, or nothing
 *     moved), {@code not-possible} (nothing to go back to), {@code refused} (the planner refused),
 *     {@code rolled-back} (post-rollback smoke passed), {@code failed} (a rollback step failed)
 * @param decision the rollback planner's decision ({@code image-rollback}, {@code refused}, …);
 *     empty when it did not plan
 * @param rollbackOutcome the rollback's own outcome ({@code deployed}, {@code smoke-failed}, …);
 *     empty when it did not move the tag
 * @param now where the environment tag points after this run; {@link Release#NONE} when unknown
 * @param report the run's {@code summary.md}
 * @param summary one line saying what happened
 * @param actor who ran it
 */
public record FailureNotice(
    String action,
    String outcome,
    String environment,
    String environmentUrl,
    Release release,
    Release previous,
    String onFailure,
    String rollback,
    String decision,
    String rollbackOutcome,
    Release now,
    Path report,
    String summary,
    String actor) {

  /** A release as the notice names it. */
  public record Release(String version, String tag, String digest) {

    public static final Release NONE = new Release("", "", "");

    public Release {
      version = version == null ? "" : version;
      tag = tag == null ? "" : tag;
      digest = digest == null ? "" : digest;
    }
  }

  /** The hook's environment variables, {@code BEELMS_…}. */
  public Map<String, String> variables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("BEELMS_ACTION", action);
    vars.put("BEELMS_OUTCOME", outcome);
    vars.put("BEELMS_ENVIRONMENT", environment);
    vars.put("BEELMS_ENVIRONMENT_URL", environmentUrl);
    vars.put("BEELMS_VERSION", release.version());
    vars.put("BEELMS_TAG", release.tag());
    vars.put("BEELMS_DIGEST", release.digest());
    vars.put("BEELMS_PREVIOUS_VERSION", previous.version());
    vars.put("BEELMS_PREVIOUS_TAG", previous.tag());
    vars.put("BEELMS_PREVIOUS_DIGEST", previous.digest());
    vars.put("BEELMS_ON_FAILURE", onFailure);
    vars.put("BEELMS_ROLLBACK", rollback);
    vars.put("BEELMS_DECISION", decision);
    vars.put("BEELMS_ROLLBACK_OUTCOME", rollbackOutcome);
    vars.put("BEELMS_CURRENT_TAG", now.tag());
    vars.put("BEELMS_CURRENT_DIGEST", now.digest());
    vars.put("BEELMS_REPORT", report.toAbsolutePath().toString());
    vars.put("BEELMS_SUMMARY", summary);
    vars.put("BEELMS_ACTOR", actor);
    return vars;
  }
}
