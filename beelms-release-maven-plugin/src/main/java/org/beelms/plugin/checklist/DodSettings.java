package org.beelms.plugin.checklist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.baseline.Baseline;

/**
 * What the Definition-of-Done gate reads.
 *
 * @param checklist the DoD Markdown file
 * @param waivers an optional waivers file (see {@link WaiverFile})
 * @param reportOnly report open items and expired waivers as warnings instead of failing the
 *     gate (an explicit opt-in; by default they fail it)
 * @param clock today's date, for waiver expiry
 * @param wsChecklists the project's WS checklists whose smoke-suite coverage is reported (see
 *     {@link WsChecklistCoverage}); empty for no such report
 * @param baseline with {@code -Dbeelms.baseline=write}: the owner and expiry of the waivers the
 *     adoption baseline writes into {@code waivers} (created when missing); empty for a normal run
 */
public record DodSettings(
    Path checklist,
    Optional<Path> waivers,
    boolean reportOnly,
    Clock clock,
    List<Path> wsChecklists,
    Optional<WaiverBaseline> baseline) {

  /** The setting naming the waivers file, as messages name it. */
  public static final String WAIVERS_PARAMETER = "<waivers> / -Dbeelms.dod.waivers";

  public DodSettings {
    Objects.requireNonNull(checklist, "checklist");
    waivers = waivers == null ? Optional.empty() : waivers;
    clock = clock == null ? Clock.systemDefaultZone() : clock;
    wsChecklists = wsChecklists == null ? List.of() : List.copyOf(wsChecklists);
    baseline = baseline == null ? Optional.empty() : baseline;
    if (baseline.isPresent() && waivers.isEmpty()) {
      throw new IllegalArgumentException(
          Baseline.PARAMETER + " is 'write' but there is no waivers file to write to; set " + WAIVERS_PARAMETER);
    }
    if (baseline.isEmpty() && waivers.isPresent() && !Files.isRegularFile(waivers.get())) {
      throw new IllegalArgumentException(
          Baseline.missingFile("DoD waivers file", waivers.get(), WAIVERS_PARAMETER));
    }
  }

  /** Settings without the adoption baseline. */
  public DodSettings(
      Path checklist, Optional<Path> waivers, boolean reportOnly, Clock clock, List<Path> wsChecklists) {
    this(checklist, waivers, reportOnly, clock, wsChecklists, Optional.empty());
  }

  /** Settings without a WS coverage report. */
  public DodSettings(Path checklist, Optional<Path> waivers, boolean reportOnly, Clock clock) {
    this(checklist, waivers, reportOnly, clock, List.of());
  }
}
