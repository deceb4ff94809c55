package org.beelms.plugin.migrations;

/**
 * One statement of a migration script.
 *
 * @param line the 1-based line of the file where the statement starts
 * @param text the statement without comments, whitespace collapsed, literals kept
 * @param shape the same with the contents of string literals and dollar-quoted bodies blanked
 *     ({@code ''}, {@code $$ $$}), so keywords inside them cannot be mistaken for SQL
 */
public record SqlStatement(int line, String text, String shape) {

  /** The statement shortened for a report line. */
  public String excerpt() {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
