package org.beelms.plugin.checklist;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Definition-of-Done gate reads.
 *
 * @param checklist the DoD Markdown file
 * @param waivers an optional waivers file (see {@link WaiverFile})
 * @param strict fail on any open item instead of warning
 * @param clock today's date, for waiver expiry
 */
public record DodSettings(Path checklist, Optional<Path> waivers, boolean strict, Clock clock) {

  public DodSettings {
    Objects.requireNonNull(checklist, "checklist");
    waivers = waivers == null ? Optional.empty() : waivers;
    clock = clock == null ? Clock.systemDefaultZone() : clock;
  }
}
