package org.beelms.plugin.checklist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GitHub-flavoured Markdown task lists as beelms core writes its checklists: {@code ##} /
 * {@code ###} headings, {@code **bold**} sub-groups, items {@code - [ ]} / {@code - [x]} / {@code
 * - [X]} (also {@code * }, {@code + } and ordered {@code 1. [ ]} / {@code 1) [ ]} items) that may be
 * indented or carry stray leading spaces. Any other marker ({@code [-]}, {@code [~]}) is read as
 * not done: never ignored, never a pass.
 *
 * <p>Definition-of-Done items get IDs from what they say, not where they stand: an explicit tag
 * in the item's text, {@code (DOD-A-7)}, is its ID; an untagged item gets {@code
 * DOD-<section>-<hash>}, the section's BMAD letter (B, M, A, D) when its heading names one
 * (otherwise {@code S<k>}) and the first 6 hex digits of the SHA-256 of its normalised text
 * ({@link #textHash}), so inserting or moving items never moves a waiver, and changing an item's
 * text does (the waiver then matches nothing, an error). Each item also keeps its positional ID
 * ({@code DOD-<section>-<n>}, its number within the section skipping numbers tags use), which
 * earlier releases used, so waivers written with it still match for one release, with a warning
 * naming the new ID. Other checklists (the WS ones, with their own prefixes) keep positional IDs.
 */
public final class ChecklistParser {

  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern ITEM =
      Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])\\s+\\[(.)\\]\\s+(.*\\S)\\s*$");
  private static final Pattern BOLD_GROUP = Pattern.compile("^\\s*(?:[-*+]\\s+)?\\*\\*(.+?)\\*\\*:?\\s*(.*)$");
  private static final Pattern BMAD_LETTER =
      Pattern.compile("^(?:[\\d.)\\s]*)\\**\\s*([BMAD])(?:\\s*[-–—:.)]|\\s*$|\\s+)");

  private ChecklistParser() {}

  /** Parses a Definition-of-Done checklist: IDs from tags or the items' text. */
  public static ChecklistDocument parseDod(Path file) throws IOException {
    return parse(file, "DOD", true);
  }

  /**
   * The first 6 hex digits of the SHA-256 of {@code text} normalised: lower case, whitespace
   * runs as one space, no leading or trailing space. Re-wrapping or re-casing an item keeps it.
   */
  public static String textHash(String text) {
    String normalised = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(normalised.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest).substring(0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** Parses a checklist whose items are numbered {@code <prefix>-<section>-<n>}. */
  public static ChecklistDocument parse(Path file, String idPrefix) throws IOException {
    return parse(file, idPrefix, false);
  }

  /**
   * Parses a checklist.
   *
   * @param byText IDs from the items' text ({@code <prefix>-<section>-<hash>}); else positional
   * @throws IOException when the file cannot be read; the message names it
   */
  private static ChecklistDocument parse(Path file, String idPrefix, boolean byText)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString(), null, "checklist file not found");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Pattern tag = Pattern.compile("\\((" + Pattern.quote(idPrefix) + "-[A-Za-z0-9]+-[A-Za-z0-9]+)\\)");
    java.util.Set<String> tagged = new java.util.HashSet<>();
    for (String line : lines) {
      Matcher item = ITEM.matcher(line);
      Matcher t = item.matches() ? tag.matcher(item.group(2)) : null;
      if (t != null && t.find()) {
        tagged.add(t.group(1).toUpperCase(Locale.ROOT));
      }
    }
    List<ChecklistItem> items = new ArrayList<>();
    Map<String, Integer> counters = new HashMap<>();
    java.util.Set<String> ids = new java.util.HashSet<>(tagged);
    String section = "";
    String sectionKey = "S0";
    int sectionCount = 0;
    String group = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        int level = heading.group(1).length();
        if (level <= 2) {
          section = heading.group(2).strip();
          sectionCount++;
          sectionKey = sectionKey(section, sectionCount);
          group = "";
        } else {
          group = heading.group(2).strip();
        }
        continue;
      }
      Matcher item = ITEM.matcher(line);
      if (item.matches()) {
        Matcher t = tag.matcher(item.group(2));
        String positional = "";
        if (!t.find()) {
          do {
            positional = idPrefix + "-" + sectionKey + "-" + counters.merge(sectionKey, 1, Integer::sum);
          } while (tagged.contains(positional));
        }
        String id;
        if (positional.isEmpty()) {
          id = t.group(1).toUpperCase(Locale.ROOT);
        } else if (byText) {
          String base = idPrefix + "-" + sectionKey + "-" + textHash(item.group(2));
          id = base;
          for (int n = 2; !ids.add(id); n++) {
            id = base + "-" + n; // the same text twice in one section
          }
        } else {
          id = positional;
        }
        items.add(
            new ChecklistItem(
                id,
                section,
                group,
                item.group(2),
                item.group(1).equalsIgnoreCase("x"),
                i + 1,
                byText ? positional : ""));
        continue;
      }
      Matcher bold = BOLD_GROUP.matcher(line);
      if (bold.matches() && bold.group(2).isBlank()) {
        group = bold.group(1).strip();
      }
    }
    return new ChecklistDocument(file, items);
  }

  static String sectionKey(String heading, int ordinal) {
    Matcher letter = BMAD_LETTER.matcher(heading);
    if (letter.find()) {
      return letter.group(1);
    }
    String lower = heading.toLowerCase(Locale.ROOT);
    if (lower.contains("business")) {
      return "B";
    }
    if (lower.contains("metric") || lower.contains("observab")) {
      return "M";
    }
    if (lower.contains("architecture") || lower.contains("implementation")) {
      return "A";
    }
    if (lower.contains("docs") || lower.contains("backlog") || lower.contains("documentation")) {
      return "D";
    }
    return "S" + ordinal;
  }
}
