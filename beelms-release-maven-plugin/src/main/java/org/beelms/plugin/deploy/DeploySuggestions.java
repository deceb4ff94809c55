package org.beelms.plugin.deploy;

import java.nio.file.Path;
import java.util.List;
import org.beelms.plugin.release.ReleaseRecordStore;

/** The wording of deploy and rollback errors: what failed, where, and the next step. */
public final class DeploySuggestions {

  private DeploySuggestions() {}

  static final String FETCH_NOTES =
      "git fetch origin " + ReleaseRecordStore.NOTES_REF + ":" + ReleaseRecordStore.NOTES_REF;

  static String unknownRelease(String parameter, String tag, List<String> known) {
    return parameter + " names " + tag + ", which is not a release tag reachable from HEAD"
        + (known.isEmpty() ? " (there is none; release first with mvn beelms:release-candidate)"
            : "; known releases: " + String.join(", ", known))
        + "; fetch tags with git fetch --tags if it was released elsewhere";
  }

  static String noNote(String tag, String commit) {
    return tag + " (" + commit.substring(0, Math.min(7, commit.length())) + ") has no release record"
        + " (git note " + ReleaseRecordStore.NOTES_REF + "); fetch it with " + FETCH_NOTES
        + ", or release with mvn beelms:release-candidate, which attaches it";
  }

  static String noRecordFile(Path file, String parameter, List<String> known) {
    return "no release to deploy: " + file + " does not exist and " + parameter + " is not set; run"
        + " mvn beelms:release-candidate first, or name a release"
        + (known.isEmpty() ? "" : " (" + String.join(", ", known) + ")") + " with " + parameter
        + "=v…";
  }

  static String noImage(String tag) {
    return "the release record of " + tag + " has no image pushed to a registry (it was a dry run or"
        + " built to a tar file); release it with -Dbeelms.image.to=registry, then deploy";
  }

  static String noImageTag(String environment) {
    return "<environments>/<environment> '" + environment + "' has no <imageTag>: deploy and rollback"
        + " move that tag; add e.g. <imageTag>" + environment + "</imageTag>";
  }

  static String notSmokedOnStaging(String environment, String tag, String digest) {
    return "refused: " + tag + " (" + digest + ") never passed post-deploy smoke on a staging"
        + " environment (the smoke and regression tiers must both pass there, release plan 2.2), so"
        + " it may not go to production environment '" + environment + "'; nothing was moved";
  }

  static String tierMissingOnStaging(String environment, String tag, String digest, StagingPass.Decision decision) {
    DeploymentEntry closest = decision.closest().orElseThrow();
    return "refused: " + tag + " (" + digest + ") has no staging pass of the " + decision.missingTiers()
        + " tier: its latest staging smoke pass, on '" + closest.environment() + "' at " + closest.at()
        + " by " + closest.by() + ", recorded " + decision.recorded() + "; production environment '"
        + environment + "' needs the smoke and regression tiers PASSED on staging (release plan"
        + " 2.2); nothing was moved";
  }

  static String tierMissingFix(String tag) {
    return "redeploy " + tag + " to staging with both tiers (mvn beelms:deploy -Dtarget=staging"
        + " -Dbeelms.deploy.version=" + tag + "; <smokeTiers>smoke,regression</smokeTiers> is the"
        + " staging default), or, in an emergency, -Dbeelms.deploy.force=\"<reason>\" (the reason is"
        + " recorded)";
  }

  static String notSmokedFix(String tag) {
    return "deploy it to staging first (mvn beelms:deploy -Dtarget=staging -Dbeelms.deploy.version="
        + tag + "), or, in an emergency, -Dbeelms.deploy.force=\"<reason>\" (the reason is recorded)";
  }

  static String stateAfterFailure(String environment, String imageTagRef, String digest, String tag) {
    return "state: environment '" + environment + "' tag " + imageTagRef + " points at " + digest
        + " (" + tag + ")";
  }

  static String rollbackAdvice(String environment) {
    return "fix the cause (see above), then run the step again, or return to the previous release:"
        + " mvn beelms:rollback -Dtarget=" + environment;
  }

  static String hookAdvice(String element, String environment) {
    return "check the command in <environments>/<environment> '" + environment + "' <" + element
        + "> and its log; a hook that starts a server must return once it is started (e.g. nohup …"
        + " &), or raise -Dbeelms.deploy.hookTimeout";
  }

  static String healthAdvice(String environment) {
    return "check that environment '" + environment + "' started the new image (hook log, platform"
        + " events) and that <url> is its API base; raise -Dbeelms.deploy.healthTimeout if it only"
        + " starts slowly";
  }
}
