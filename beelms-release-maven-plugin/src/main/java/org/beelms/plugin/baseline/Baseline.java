package org.beelms.plugin.baseline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The adoption baseline ({@code -Dbeelms.baseline=write}): the findings a project already has when
 * it adopts the gates are written into the openapi-check allow list and the DoD waiver file, so
 * the gates fail only on what is new. Every entry gets the placeholder reason {@code baseline
 * <date>} (and, for a waiver without {@code -Dbeelms.baseline.owner}, the owner {@code
 * unassigned}): the gates accept such an entry but report it as open work, and the release notes
 * count it, until a person replaces the placeholder with the real reason.
 */
public final class Baseline {

  /** The setting, as error messages name it. */
  public static final String PARAMETER = "<baseline> / -Dbeelms.baseline";
  /** The command that writes the baseline, offered where a named file is missing. */
  public static final String COMMAND = "mvn beelms:release-candidate -Dbeelms.baseline=write";
  /** The owner a waiver gets when {@code -Dbeelms.baseline.owner} is not given. */
  public static final String PLACEHOLDER_OWNER = "unassigned";
  /** Days a written waiver holds when {@code -Dbeelms.baseline.expires} is not given. */
  public static final int DEFAULT_WAIVER_DAYS = 90;
  /** Where the allow list is written when {@code <allowList>} is not set, relative to the project. */
  public static final String DEFAULT_ALLOW_LIST = "docs/delivery/openapi-allow-list.yaml";
  /** Where the DoD waivers are written when {@code <waivers>} is not set, relative to the project. */
  public static final String DEFAULT_WAIVERS = "docs/delivery/dod-waivers.yaml";

  private static final Pattern PLACEHOLDER = Pattern.compile("baseline \\d{4}-\\d{2}-\\d{2}");

  private Baseline() {}

  /** The placeholder reason written on {@code day}: {@code baseline 2026-12-05}. */
  public static String placeholderReason(LocalDate day) {
    return "baseline " + day;
  }

  /** Whether {@code reason} is still the placeholder the baseline wrote. */
  public static boolean isPlaceholder(String reason) {
    return reason != null && PLACEHOLDER.matcher(reason.strip()).matches();
  }

  /** Whether {@code owner} is still the placeholder the baseline wrote. */
  public static boolean isPlaceholderOwner(String owner) {
    return owner != null && owner.strip().equalsIgnoreCase(PLACEHOLDER_OWNER);
  }

  /**
   * The {@code baseline} parameter: {@code write} writes the baseline; empty or {@code off} does
   * not.
   *
   * @throws IllegalArgumentException for any other value, naming the setting
   */
  public static boolean write(String value) {
    String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    switch (v) {
      case "write":
        return true;
      case "":
      case "off":
        return false;
      default:
        throw new IllegalArgumentException(
            PARAMETER + " is '" + value + "'; use 'write' (write the current findings into the allow"
                + " list and the DoD waivers) or leave it empty");
    }
  }

  /**
   * The message for a file a setting names that does not exist: it names the setting and offers
   * the command that writes the file from the current findings.
   */
  public static String missingFile(String what, Path file, String setting) {
    return "the " + what + " " + file + " named by " + setting + " does not exist; create it, write it"
        + " from the current findings with '" + COMMAND + "' (each entry then needs its real reason),"
        + " or remove the setting";
  }
}
