package org.beelms.plugin.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds baseline entries to a YAML list file without touching what is there: a missing file is
 * created with a header, an existing one keeps every byte and gets the new entries appended at its
 * list's indentation. The result is read back before it replaces the file; when the appended
 * entries do not read as entries (a layout the append cannot follow), nothing is written and the
 * error says what to add by hand.
 */
public final class BaselineFile {

  /** Counts the entries of a file as its gate reads them; throws when it cannot read it. */
  public interface EntryCounter {
    int count(Path file) throws IOException;
  }

  private static final Pattern LIST_ITEM = Pattern.compile("(?m)^([ \\t]*)- ");

  private BaselineFile() {}

  /**
   * Appends {@code blocks} (each one list entry, lines starting at column 0, {@code "- "} first)
   * to {@code file}.
   *
   * @param header the comment a new file starts with
   * @param counter how the gate counts the file's entries
   * @throws IllegalStateException when the merged file would not read as before plus the blocks
   */
  public static void append(Path file, String header, List<String> blocks, EntryCounter counter)
      throws IOException {
    if (blocks.isEmpty()) {
      return;
    }
    boolean exists = Files.isRegularFile(file);
    String before = exists ? Files.readString(file, StandardCharsets.UTF_8) : header;
    int counted = exists ? counter.count(file) : 0;
    String indent = exists ? indentation(before) : "";
    StringBuilder text = new StringBuilder(before);
    if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
      text.append('\n');
    }
    for (String block : blocks) {
      block.lines().forEach(line -> text.append(indent).append(line).append('\n'));
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path candidate = Files.createTempFile(parent, ".baseline-", "-" + file.getFileName());
    try {
      Files.writeString(candidate, text, StandardCharsets.UTF_8);
      int after;
      try {
        after = counter.count(candidate);
      } catch (RuntimeException | IOException unreadable) {
        after = -1;
      }
      if (after != counted + blocks.size()) {
        throw new IllegalStateException(
            "cannot add " + blocks.size() + " baseline entries to " + file + " (its layout does not"
                + " end in the list the entries belong to); the file is unchanged. Add them by hand,"
                + " e.g.\n" + blocks.get(0));
      }
      Files.move(candidate, file, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(candidate);
    }
  }

  /** The indentation of the file's first list entry ({@code allow:} lists may be indented). */
  private static String indentation(String text) {
    Matcher m = LIST_ITEM.matcher(text);
    return m.find() ? m.group(1) : "";
  }

  /** {@code value} as a single-quoted YAML scalar. */
  public static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
