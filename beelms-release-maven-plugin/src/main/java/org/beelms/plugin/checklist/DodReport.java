package org.beelms.plugin.checklist;

import java.util.List;

/**
 * The Definition-of-Done review: what is done, what is open, what is waived. The open and waived
 * items are the release's known limitations.
 *
 * @param document the parsed checklist
 * @param open open items with no valid waiver (an expired waiver does not count)
 * @param waived open items with a valid waiver, paired with it
 * @param expired open items whose waiver has expired
 */
public record DodReport(
    ChecklistDocument document,
    List<ChecklistItem> open,
    List<WaivedItem> waived,
    List<WaivedItem> expired) {

  public DodReport {
    open = List.copyOf(open);
    waived = List.copyOf(waived);
    expired = List.copyOf(expired);
  }

  /** An open item and the waiver written for it. */
  public record WaivedItem(ChecklistItem item, Waiver waiver) {}
}
