package org.beelms.plugin.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.beelms.plugin.git.SemanticVersion;

/**
 * A {@code CHANGELOG.md} in the "Keep a Changelog" shape: a preamble, then one {@code ## [version]
 * - date} section per release, newest first. A release's section is added above the others;
 * nothing else in the file changes, and a version that already has a section is never rewritten.
 */
public final class Changelog {

  /** What happened to the file. */
  public enum Update {
    /** The file did not exist and was created with the section. */
    CREATED,
    /** The section was added above the earlier ones. */
    PREPENDED,
    /** The file already had a section for the version; it was left unchanged. */
    ALREADY_PRESENT
  }

  private static final Pattern SECTION = Pattern.compile("(?m)^## ");

  private Changelog() {}

  /** Adds {@code section} (starting with {@code ## [version]}) to {@code file}. */
  public static Update prepend(Path file, SemanticVersion version, String section)
      throws IOException {
    if (!Files.exists(file)) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, "# Changelog\n\n" + section, StandardCharsets.UTF_8);
      return Update.CREATED;
    }
    String content = Files.readString(file, StandardCharsets.UTF_8);
    if (hasSection(content, version)) {
      return Update.ALREADY_PRESENT;
    }
    Matcher first = SECTION.matcher(content);
    String updated;
    if (first.find()) {
      updated = content.substring(0, first.start()) + section + "\n" + content.substring(first.start());
    } else {
      String base = content.isEmpty() || content.endsWith("\n\n") ? content
          : content.endsWith("\n") ? content + "\n" : content + "\n\n";
      updated = base + section;
    }
    Files.writeString(file, updated, StandardCharsets.UTF_8);
    return Update.PREPENDED;
  }

  /** True when {@code content} has a {@code ## [version]} (or {@code ## version}) heading. */
  static boolean hasSection(String content, SemanticVersion version) {
    String v = Pattern.quote(version.toString());
    return Pattern.compile("(?m)^##\\s+\\[?v?" + v + "\\]?(\\s|$)").matcher(content).find();
  }
}
