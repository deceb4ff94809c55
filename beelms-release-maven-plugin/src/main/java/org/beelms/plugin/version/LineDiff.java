package org.beelms.plugin.version;

import java.util.ArrayList;
import java.util.List;

/** The changed lines between two texts whose edits keep the number of lines (version edits). */
final class LineDiff {

  private LineDiff() {}

  /** {@code line N: - old} / {@code line N: + new} for every line that differs. */
  static List<String> changedLines(String before, String after) {
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "";
      String y = i < b.length ? b[i] : "";
      if (!x.equals(y)) {
        out.add("line " + (i + 1) + ": - " + x.strip());
        out.add("line " + (i + 1) + ": + " + y.strip());
      }
    }
    return out;
  }
}
