package org.beelms.plugin.smoke;

import java.nio.file.Path;
import java.util.List;

/** Every piece of advice the smoke goal gives, worded in one place. */
final class SmokeSuggestions {

  static final String ENVIRONMENTS_SNIPPET =
      "<environments><environment><name>staging</name><url>https://staging.example.org/api</url>"
          + "<mode>staging</mode><serverId>beelms-staging</serverId></environment></environments>";

  private SmokeSuggestions() {}

  static String noEnvironments() {
    return "no <environments> are declared in the plugin configuration; add one per deployed"
        + " environment, e.g. " + ENVIRONMENTS_SNIPPET;
  }

  static String noTarget(List<String> known) {
    return "no target environment chosen; pass -Dtarget=<name> (or -Dbeelms.target=<name>), one of: "
        + String.join(", ", known) + ", e.g. mvn verify -Psmoke -Dtarget=" + known.get(0);
  }

  static String unknownTarget(String target, List<String> known) {
    return "-Dtarget=" + target + " names no declared environment; known environments: "
        + String.join(", ", known) + ". Use one of them or add <environment><name>" + target
        + "</name>…</environment> to <environments>";
  }

  static String duplicateEnvironment(String name) {
    return "<environments> declares '" + name + "' twice; give every <environment> its own <name>";
  }

  static String where(String environment, String field) {
    return "<environments>/<environment> '" + environment + "' <" + field + ">";
  }

  static String credentialsMissing(Environment environment, String detail) {
    return detail + ". Give environment '" + environment.name() + "' a <serverId> naming a"
        + " settings.xml <server> with the smoke account (username = email, password), or set"
        + " BEELMS_SMOKE_USER_EMAIL and BEELMS_SMOKE_USER_PASSWORD";
  }

  static String targetUnusable(Environment environment) {
    return "check that environment '" + environment.name() + "' is deployed and answers GET <url>/health,"
        + " that <url> (or -Dbeelms.smoke.url) points at its API, and the proxy/firewall between";
  }

  static String failedCheck(Path markdownReport) {
    return "see " + markdownReport + " for the request and response";
  }

  static String runWideProblem(Environment environment) {
    return "check the smoke account of environment '" + environment.name()
        + "' (settings.xml <server> " + (environment.serverId().isEmpty() ? "not configured" : "'" + environment.serverId() + "'")
        + ") and the target's logs";
  }
}
