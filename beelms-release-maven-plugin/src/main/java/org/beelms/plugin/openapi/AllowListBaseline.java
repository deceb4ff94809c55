package org.beelms.plugin.openapi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.baseline.BaselineFile;
import org.beelms.plugin.gate.Severity;

/**
 * Writes the adoption baseline of the openapi check: one allow-list entry, with the placeholder
 * reason {@code baseline <date>}, for every finding that would fail the gate and the list does not
 * accept yet. Entries already in the file stay as they are. Findings that say the gate could not
 * see its input ({@code invalid-spec}, {@code no-routes}) and findings without a subject are never
 * baselined: accepting them would make the gate pass blind.
 */
public final class AllowListBaseline {

  private final Path file;
  private final String shownAs;
  private final LocalDate today;

  public AllowListBaseline(Path file, String shownAs, LocalDate today) {
    this.file = file;
    this.shownAs = shownAs;
    this.today = today;
  }

  /** The findings a baseline would accept: failing, not yet accepted by {@code list}, baselinable. */
  static List<RuleFinding> candidates(List<RuleFinding> findings, AllowList list, Severity failOn) {
    Set<String> seen = new LinkedHashSet<>();
    List<RuleFinding> out = new ArrayList<>();
    for (RuleFinding f : findings) {
      if (f.finding().severity().atLeast(failOn)
          && f.rule() != Rule.INVALID_SPEC
          && f.rule() != Rule.NO_ROUTES
          && f.rule() != Rule.ALLOW_LIST
          && !f.subject().isBlank()
          && !list.accepts(f)
          && seen.add(f.rule().id() + " " + f.subject())) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Appends an entry for each of {@code findings} (see {@link #candidates}) and returns how many.
   *
   * @throws IllegalStateException when the file's layout does not allow appending; it is unchanged
   */
  public int write(List<RuleFinding> findings) throws IOException {
    boolean properties = file.getFileName().toString().endsWith(".properties");
    String reason = Baseline.placeholderReason(today);
    List<String> blocks = new ArrayList<>();
    for (RuleFinding f : findings) {
      blocks.add(properties
          ? f.rule().id() + " " + f.subject() + " = " + reason
          : "- rule: " + f.rule().id() + "\n  subject: " + BaselineFile.quoted(f.subject())
              + "\n  reason: " + reason);
    }
    String header =
        "# " + "Accepted openapi-check findings, each with the reason it is accepted\n"
            + "# " + "(<allowList> / -Dbeelms.openapi.allowList). Written by -Dbeelms.baseline=write on "
            + today + ":\n"
            + "# " + "replace each '" + reason + "' reason with the real one; until then the gate accepts\n"
            + "# " + "the finding and reports the entry as open work.\n";
    BaselineFile.append(file, header, blocks, f -> AllowList.read(f, shownAs).entries().size());
    return blocks.size();
  }
}
