package org.beelms.plugin.checklist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.beelms.smoke.waiver.WaiverYaml;

/**
 * Reads a DoD waivers file (YAML): a list of entries with {@code item}, {@code reason}, {@code
 * owner} and {@code expires} (ISO date). Every field is required: a waiver nobody owns or that
 * never ends is not a decision. Parsed by the same reader as the smoke waivers ({@link
 * WaiverYaml}), so messages name the file and line alike.
 *
 * <pre>
 * - item: DOD-D-4af6e6
 *   reason: trial deploy on production-like environment is booked for the next sprint
 *   owner: delivery lead
 *   expires: 2026-12-31
 * </pre>
 */
public final class WaiverFile {

  private static final String EVERY = "item, reason, owner and expires";
  private static final Set<String> FIELDS =
      new LinkedHashSet<>(List.of("item", "reason", "owner", "expires"));

  private WaiverFile() {}

  /**
   * @throws IllegalArgumentException naming the file and line when an entry is incomplete
   */
  public static List<Waiver> read(Path file) throws IOException {
    List<Waiver> waivers = new ArrayList<>();
    for (WaiverYaml.Entry entry :
        WaiverYaml.read(
            file,
            "<waivers> / -Dbeelms.dod.waivers",
            "'- item: DOD-D-4af6e6' with 'reason: ...', 'owner: ...', 'expires: YYYY-MM-DD'",
            FIELDS)) {
      waivers.add(
          new Waiver(
              entry.required("item", EVERY),
              entry.required("reason", EVERY),
              entry.required("owner", EVERY),
              entry.date("expires", EVERY),
              entry.position()));
    }
    return waivers;
  }
}
