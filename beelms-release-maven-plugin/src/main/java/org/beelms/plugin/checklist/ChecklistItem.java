package org.beelms.plugin.checklist;

/**
 * One task-list item of a checklist.
 *
 * @param id a stable ID reports cite (e.g. {@code DOD-A-3}, {@code WS1-API-2})
 * @param section the {@code ##} heading it stands under
 * @param group the {@code **bold**} sub-group it stands under, empty when none
 * @param text the item's text without the checkbox
 * @param done {@code [x]} or {@code [X]}
 * @param line its 1-based line in the file
 */
public record ChecklistItem(
    String id, String section, String group, String text, boolean done, int line) {}
