package org.beelms.plugin.checklist;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed checklist file: its items in file order. */
public record ChecklistDocument(Path file, List<ChecklistItem> items) {

  public ChecklistDocument {
    items = List.copyOf(items);
  }

  /** The items grouped by section, in file order. */
  public Map<String, List<ChecklistItem>> bySection() {
    Map<String, List<ChecklistItem>> sections = new LinkedHashMap<>();
    for (ChecklistItem item : items) {
      sections.computeIfAbsent(item.section(), s -> new java.util.ArrayList<>()).add(item);
    }
    return sections;
  }

  /** {@code file:line} of an item, as findings name it. */
  public String where(ChecklistItem item) {
    return file + ":" + item.line();
  }
}
