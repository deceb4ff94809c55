package org.beelms.plugin.checklist;

import java.time.LocalDate;

/**
 * A consciously accepted open checklist item.
 *
 * @param item the item's ID (e.g. {@code DOD-A-3b6f04}, or a tag {@code DOD-A-7}) or the start of its text
 * @param reason why the release may go without it
 * @param owner who will close it
 * @param expires the last day the waiver holds; after it the item counts as open again
 * @param position where the waiver is written ({@code file, entry n}), for messages
 */
public record Waiver(String item, String reason, String owner, LocalDate expires, String position) {

  public boolean matches(ChecklistItem candidate) {
    return item.equalsIgnoreCase(candidate.id())
        || byPosition(candidate)
        || (item.length() >= 8 && candidate.text().startsWith(item));
  }

  /**
   * True when the waiver names {@code candidate} by the positional ID of earlier releases (which
   * moves when an item is inserted above it): still accepted for one release, with a warning.
   */
  public boolean byPosition(ChecklistItem candidate) {
    return !candidate.positionalId().isEmpty() && item.equalsIgnoreCase(candidate.positionalId());
  }

  public boolean expiredOn(LocalDate today) {
    return today.isAfter(expires);
  }
}
