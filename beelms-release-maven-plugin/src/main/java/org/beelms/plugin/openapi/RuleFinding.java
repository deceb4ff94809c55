package org.beelms.plugin.openapi;

import java.util.Objects;
import org.beelms.plugin.gate.Finding;

/**
 * A finding with the rule that produced it and its subject, the pair the allow-list matches.
 *
 * @param rule the rule
 * @param subject {@code METHOD /path}, an operationId or a server URL
 * @param finding what is reported
 */
public record RuleFinding(Rule rule, String subject, Finding finding) {

  public RuleFinding {
    Objects.requireNonNull(rule, "rule");
    subject = subject == null ? "" : subject;
    Objects.requireNonNull(finding, "finding");
  }
}
