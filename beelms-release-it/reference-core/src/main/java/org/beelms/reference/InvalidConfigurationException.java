package org.beelms.reference;

import java.util.List;

/** The reference core's configuration is not usable; the message names each setting (builder method, flag, env var) and the fix. */
public final class InvalidConfigurationException extends IllegalArgumentException {

  private final List<String> problems;

  public InvalidConfigurationException(List<String> problems) {
    super(problems.size() == 1
        ? problems.get(0)
        : "invalid reference core configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
