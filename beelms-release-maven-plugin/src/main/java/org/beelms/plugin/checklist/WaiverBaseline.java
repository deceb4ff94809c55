package org.beelms.plugin.checklist;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.baseline.BaselineFile;

/**
 * The adoption baseline of the Definition of Done: a waiver for every open item that has none,
 * with the placeholder reason {@code baseline <date>}, the owner and the expiry given (or the
 * placeholder owner {@code unassigned} and {@value Baseline#DEFAULT_WAIVER_DAYS} days). Waivers
 * already in the file stay as they are, expired ones too: renewing one is a decision, not a
 * baseline.
 *
 * @param owner who the written waivers name as owner
 * @param expires the last day they hold
 */
public record WaiverBaseline(String owner, LocalDate expires) {

  static final String OWNER_PARAMETER = "<baselineOwner> / -Dbeelms.baseline.owner";
  static final String EXPIRES_PARAMETER = "<baselineExpires> / -Dbeelms.baseline.expires";

  public WaiverBaseline {
    owner = owner == null || owner.isBlank() ? Baseline.PLACEHOLDER_OWNER : owner.strip();
    Objects.requireNonNull(expires, "expires");
  }

  /**
   * The request as the settings give it: {@code owner} empty for the placeholder owner, {@code
   * expires} an ISO date or empty for today plus {@value Baseline#DEFAULT_WAIVER_DAYS} days.
   *
   * @throws IllegalArgumentException naming the setting when the date is not a date or not after today
   */
  public static WaiverBaseline of(String owner, String expires, LocalDate today) {
    if (expires == null || expires.isBlank()) {
      return new WaiverBaseline(owner, today.plusDays(Baseline.DEFAULT_WAIVER_DAYS));
    }
    LocalDate day;
    try {
      day = LocalDate.parse(expires.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          EXPIRES_PARAMETER + " is '" + expires + "', not a date; write it as YYYY-MM-DD", e);
    }
    if (!day.isAfter(today)) {
      throw new IllegalArgumentException(
          EXPIRES_PARAMETER + " is " + day + ", not after today (" + today + "); a waiver that has"
              + " already expired accepts nothing");
    }
    return new WaiverBaseline(owner, day);
  }

  /** Appends a waiver for each of {@code open} to {@code file} and returns how many. */
  int write(Path file, List<ChecklistItem> open, LocalDate today) throws IOException {
    List<String> blocks = new ArrayList<>();
    for (ChecklistItem item : open) {
      blocks.add("- item: " + item.id() + "   # " + oneLine(item.text()) + "\n"
          + "  reason: " + Baseline.placeholderReason(today) + "\n"
          + "  owner: " + BaselineFile.quoted(owner) + "\n"
          + "  expires: " + expires);
    }
    String header =
        "# Open Definition-of-Done items accepted for a release, each with a reason, an owner and an\n"
            + "# expiry date (<waivers> / -Dbeelms.dod.waivers). Written by -Dbeelms.baseline=write on "
            + today + ":\n"
            + "# replace each 'baseline <date>' reason (and the owner '" + Baseline.PLACEHOLDER_OWNER
            + "') with the real one; until then\n"
            + "# dod-check accepts the item and reports the waiver as open work.\n";
    BaselineFile.append(file, header, blocks, f -> WaiverFile.read(f).size());
    return blocks.size();
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() > 80 ? flat.substring(0, 79) + "…" : flat;
  }
}
