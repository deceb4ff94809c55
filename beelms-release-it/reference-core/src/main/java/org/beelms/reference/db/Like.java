package org.beelms.reference.db;

/** Escapes user text for a LIKE/ILIKE pattern (PostgreSQL's default escape character is backslash). */
final class Like {

  private Like() {
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
