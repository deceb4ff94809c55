package org.beelms.plugin.rollback;

/**
 * A migration applied after the rollback target, which the rollback leaves in the database.
 *
 * @param release the tag of the release that brought it, e.g. {@code v0.2.0}
 * @param version its Flyway version
 * @param file its file name
 * @param safetyClass {@code expand} (old code still runs), {@code contract} (it does not) or
 *     {@code unknown} (not read: review by hand)
 */
public record PlannedMigration(String release, String version, String file, String safetyClass) {

  /**
   * How a plan names it: {@code V4 V4__drop.sql} for Flyway, the file alone for a tool whose file
   * name already carries the version ({@code 1770000000000-AddCourseSubtitle.ts} for TypeORM).
   */
  public String label() {
    return file.startsWith("V" + version + "__") ? "V" + version + " " + file : file;
  }

  public boolean contract() {
    return "contract".equalsIgnoreCase(safetyClass);
  }

  /** Neither expand nor contract: {@code unknown}, or a class this version does not know. */
  public boolean unknown() {
    return !contract() && !"expand".equalsIgnoreCase(safetyClass);
  }
}
