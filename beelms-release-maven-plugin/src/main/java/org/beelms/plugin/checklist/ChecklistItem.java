package org.beelms.plugin.checklist;

/**
 * One task-list item of a checklist.
 *
 * @param id a stable ID reports cite (e.g. {@code DOD-A-3f2a1c}, {@code DOD-A-7} when tagged,
 *     {@code WS1-API-2})
 * @param section the {@code ##} heading it stands under
 * @param group the {@code **bold**} sub-group it stands under, empty when none
 * @param text the item's text without the checkbox
 * @param done {@code [x]} or {@code [X]}
 * @param line its 1-based line in the file
 * @param positionalId the positional ID earlier releases gave an untagged DoD item ({@code
 *     DOD-A-3}), still accepted in waivers for one release; empty when it is {@link #id}
 */
public record ChecklistItem(
    String id, String section, String group, String text, boolean done, int line,
    String positionalId) {

  public ChecklistItem {
    positionalId = positionalId == null ? "" : positionalId;
  }

  /** An item whose ID does not depend on its position (tagged, or a WS checklist item). */
  public ChecklistItem(String id, String section, String group, String text, boolean done, int line) {
    this(id, section, group, text, done, line, "");
  }
}
