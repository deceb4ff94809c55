package org.beelms.plugin.migrations;

/** Every "what to do next" of migrations-check, worded in one place. */
final class MigrationSuggestions {

  private MigrationSuggestions() {}

  static String missingLocations() {
    return "point <locations> (-Dbeelms.migrations.locations) at the folder with the"
        + " V<version>__<description>.sql files";
  }

  static String noGitRepository() {
    return "run from a git checkout with its v* tags, or set <compareWithPrevious>false"
        + " (-Dbeelms.migrations.compareWithPrevious=false)";
  }

  static String renameToValid(String file) {
    return "rename " + file + " to V<version>__<description>.sql (e.g. V4__add_course_subtitle.sql)"
        + " or R__<description>.sql for a repeatable migration";
  }

  static String duplicateVersion(String version) {
    return "give one of them the next free version above the highest one; two migrations with"
        + " version " + version + " make Flyway refuse to run";
  }

  static String outOfOrder(String highest) {
    return "renumber it above " + highest + " (e.g. V" + nextVersion(highest) + "__...): databases"
        + " already at " + highest + " would refuse it (Flyway outOfOrder=false)";
  }

  static String restoreReleased(String tag, String gitPath) {
    return "restore it byte for byte (git checkout " + tag + " -- " + gitPath + ") and put the"
        + " change in a new migration with a higher version";
  }

  static String fixSql(String file) {
    return "fix the SQL in " + file + " and run the check again (mvn beelms:migrations-check)";
  }

  static String reproducible() {
    return "a database upgraded from the previous release must end up like a fresh one: revert"
        + " edits to released migrations and express the change as a new migration";
  }

  static String contract(String file) {
    return "releasing it is allowed, but rolling back to the previous release needs the schema"
        + " change undone or the old code adapted; plan the rollback for " + file
        + " (or split it: expand now, contract in a later release)";
  }

  static String targetFailed() {
    return "find why it failed in the database log, undo its partial changes by hand, then run"
        + " `flyway repair` to remove the failed row from flyway_schema_history and deploy again";
  }

  static String targetMissing(String file) {
    return "restore " + (file.isEmpty() ? "the migration file" : file) + " from the release that"
        + " applied it; only if it was removed on purpose, run `flyway repair` to mark it deleted";
  }

  static String targetChecksum(String file) {
    return "restore " + (file.isEmpty() ? "the file" : file) + " exactly as it was when applied;"
        + " run `flyway repair` only after checking the database really has the edited content";
  }

  static String targetOther() {
    return "read Flyway's message above, fix the file or the database, and check again";
  }

  static String targetUnreachable(String setting) {
    return "check " + setting + " and the credentials (settings.xml <server> or environment"
        + " variable), and that the database accepts connections from this machine";
  }

  private static String nextVersion(String highest) {
    String[] parts = highest.split("\\.");
    try {
      return String.valueOf(Long.parseLong(parts[0]) + 1);
    } catch (NumberFormatException e) {
      return highest + ".1";
    }
  }
}
