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
 * <p>Definition-of-Done items get IDs {@code DOD-<section>-<n>}: an explicit tag in the item's
 * text, {@code (DOD-A-7)}, is its ID wherever the item moves; an untagged item gets the section's
 * BMAD letter (B, M, A, D) when its heading names one, otherwise {@code S<k>}, and its number
 * within that section, skipping numbers tags use. Untagged IDs are stable only while items are
 * not inserted or reordered above them: tag an item a waiver names.
 */
public final class ChecklistParser {

  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern ITEM =
      Pattern.compile("^\\s*(?:[-*+]|\\d{1,9}[.)])\\s+\\[(.)\\]\\s+(.*\\S)\\s*$");
  private static final Pattern BOLD_GROUP = Pattern.compile("^\\s*(?:[-*+]\\s+)?\\*\\*(.+?)\\*\\*:?\\s*(.*)$");
  private static final Pattern BMAD_LETTER =
      Pattern.compile("^(?:[\\d.)\\s]*)\\**\\s*([BMAD])(?:\\s*[-–—:.)]|\\s*$|\\s+)");

  private ChecklistParser() {}

  /** Parses a Definition-of-Done checklist, numbering items per BMAD section. */
  public static ChecklistDocument parseDod(Path file) throws IOException {
    return parse(file, "DOD");
  }

  /**
   * Parses a checklist whose items are numbered {@code <prefix>-<section>-<n>}.
   *
   * @throws IOException when the file cannot be read; the message names it
   */
  public static ChecklistDocument parse(Path file, String idPrefix) throws IOException {
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
        String id;
        if (t.find()) {
          id = t.group(1).toUpperCase(Locale.ROOT);
        } else {
          do {
            id = idPrefix + "-" + sectionKey + "-" + counters.merge(sectionKey, 1, Integer::sum);
          } while (tagged.contains(id));
        }
        items.add(
            new ChecklistItem(
                id,
                section,
                group,
                item.group(2),
                item.group(1).equalsIgnoreCase("x"),
                i + 1));
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
