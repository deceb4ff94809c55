package org.beelms.plugin.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who holds the lock of one environment: the deploy or rollback running there, so a second one
 * waits its turn instead of moving the tag under the first. Kept as the message of a small commit
 * that the lock ref points at (or as the lock file's content without a remote).
 *
 * @param environment the environment's name, e.g. {@code staging}
 * @param holder who runs it ({@code -Dbeelms.deploy.actor}, {@code BEELMS_DEPLOY_ACTOR} or the
 *     user) and on which host
 * @param goal {@code deploy} or {@code rollback}
 * @param version the release it puts in place, e.g. {@code v0.2.0}; empty when not named
 * @param since when the lock was taken (UTC)
 * @param expires when another run may take it over with {@code -Dbeelms.deploy.breakLock}
 * @param brokeLock when this lock took over an expired one: the reason given and whose it was;
 *     empty otherwise
 */
public record EnvironmentLock(
    String environment, String holder, String goal, String version, Instant since, Instant expires,
    String brokeLock) {

  static final String HEADER = "beelms-release lock";

  /** The default time after which a lock counts as abandoned (a killed run). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  public EnvironmentLock {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(expires, "expires");
    holder = holder == null || holder.isBlank() ? "unknown" : holder;
    goal = goal == null ? "" : goal;
    version = version == null ? "" : version;
    brokeLock = brokeLock == null ? "" : brokeLock;
  }

  public boolean expiredAt(Instant now) {
    return now.isAfter(expires);
  }

  /** One line: who, which goal and version, since and until when. */
  public String describe() {
    return holder + " (" + goal + (version.isEmpty() ? "" : " " + version) + ") since " + since
        + ", expires " + expires;
  }

  /** The text kept in the lock commit (or file). */
  public String toText() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("environment", environment);
    fields.put("holder", holder);
    fields.put("goal", goal);
    fields.put("version", version);
    fields.put("since", since.toString());
    fields.put("expires", expires.toString());
    if (!brokeLock.isEmpty()) {
      fields.put("brokeLock", brokeLock);
    }
    StringBuilder text = new StringBuilder(HEADER).append(" ").append(environment).append("\n\n");
    fields.forEach((k, v) -> text.append(k).append(": ").append(v.replace('\n', ' ')).append('\n'));
    return text.toString();
  }

  /**
   * Reads {@link #toText()}'s format.
   *
   * @throws IllegalArgumentException naming {@code origin} when it is not a lock
   */
  public static EnvironmentLock parse(String text, String origin) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        fields.put(line.substring(0, colon).trim(), line.substring(colon + 2).trim());
      }
    }
    try {
      return new EnvironmentLock(fields.get("environment"), fields.get("holder"), fields.get("goal"),
          fields.get("version"), Instant.parse(fields.get("since")), Instant.parse(fields.get("expires")),
          fields.get("brokeLock"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(origin + " is not a beelms-release lock: " + e.getMessage(), e);
    }
  }
}
