package org.beelms.plugin.checklist;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 */
public record DodSettings(
    Path checklist, Optional<Path> waivers, boolean reportOnly, Clock clock, List<Path> wsChecklists) {

  public DodSettings {
    Objects.requireNonNull(checklist, "checklist");
    waivers = waivers == null ? Optional.empty() : waivers;
    clock = clock == null ? Clock.systemDefaultZone() : clock;
    wsChecklists = wsChecklists == null ? List.of() : List.copyOf(wsChecklists);
  }

  /** Settings without a WS coverage report. */
  public DodSettings(Path checklist, Optional<Path> waivers, boolean reportOnly, Clock clock) {
    this(checklist, waivers, reportOnly, clock, List.of());
  }
}
