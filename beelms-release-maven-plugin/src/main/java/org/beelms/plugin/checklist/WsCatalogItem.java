package org.beelms.plugin.checklist;

import java.util.List;
import java.util.Objects;
import org.beelms.smoke.report.ChecklistCatalog;

/**
 * A checklist item the WS coverage report can match a project's items to.
 *
 * @param id the stable ID (e.g. {@code WS1-API-1}) that smoke checks and findings cite
 * @param section the checklist it belongs to (e.g. {@code WS-1 – Wiki})
 * @param text the English check text
 * @param original beelms core's own wording of the item (Bulgarian, API paths in backticks);
 *     empty when the item has no checklist file
 * @param automated whether a smoke check proves it
 */
public record WsCatalogItem(
    String id, String section, String text, String original, boolean automated) {

  public WsCatalogItem {
    Objects.requireNonNull(id, "id");
    section = section == null ? "" : section;
    text = text == null ? "" : text;
    original = original == null ? "" : original;
  }

  /** Every item the beelms smoke library's suites automate ({@link ChecklistCatalog}). */
  public static List<WsCatalogItem> smokeLibrary() {
    return ChecklistCatalog.items().stream()
        .map(i -> new WsCatalogItem(i.id(), i.section(), i.text(), i.original(), true))
        .toList();
  }
}
