package org.beelms.reference.db;

/** A curriculum item and when the user completed it (null: not yet). */
public record ItemProgressRecord(CurriculumItemRecord item, String completedAt) {

  public boolean completed() {
    return completedAt != null;
  }
}
