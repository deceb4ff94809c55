package org.beelms.plugin.migrations;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One SQL file below a migrations location, as Flyway would see it: its path relative to the
 * location, its bytes, and what its name says (versioned, repeatable, callback or invalid).
 */
public final class MigrationFile {

  /** What Flyway makes of a file name. */
  public enum Kind {
    /** {@code V<version>__<description>.sql}: applied once, in version order. */
    VERSIONED,
    /** {@code R__<description>.sql}: re-applied whenever its checksum changes. */
    REPEATABLE,
    /** {@code beforeMigrate.sql}, {@code afterMigrate__x.sql} and the like: a Flyway callback. */
    CALLBACK,
    /** Not a name Flyway applies; {@link #nameProblem()} says why. */
    INVALID
  }

  private static final Pattern VERSIONED = Pattern.compile("V([^_]*(?:_(?!_)[^_]*)*)__(.*)\\.sql");
  private static final Pattern REPEATABLE = Pattern.compile("R__(.*)\\.sql");
  private static final Pattern CALLBACK = Pattern.compile("(before|after)[A-Z][A-Za-z]*(__.*)?\\.sql");

  private final String relativePath;
  private final byte[] content;
  private final Kind kind;
  private final MigrationVersion version;
  private final String description;
  private final String nameProblem;

  public MigrationFile(String relativePath, byte[] content) {
    this.relativePath = relativePath.replace('\\', '/');
    this.content = content.clone();
    String name = fileName();
    Matcher v = VERSIONED.matcher(name);
    Matcher r = REPEATABLE.matcher(name);
    if (v.matches()) {
      String versionText = v.group(1);
      String desc = v.group(2).replace('_', ' ').trim();
      if (!MigrationVersion.isValid(versionText)) {
        this.kind = Kind.INVALID;
        this.version = null;
        this.description = desc;
        this.nameProblem =
            "'" + versionText + "' is not a Flyway version (numbers separated by '.' or '_')";
      } else if (desc.isEmpty()) {
        this.kind = Kind.INVALID;
        this.version = MigrationVersion.parse(versionText);
        this.description = "";
        this.nameProblem = "it has no description after '__'";
      } else {
        this.kind = Kind.VERSIONED;
        this.version = MigrationVersion.parse(versionText);
        this.description = desc;
        this.nameProblem = "";
      }
    } else if (r.matches()) {
      String desc = r.group(1).replace('_', ' ').trim();
      this.kind = desc.isEmpty() ? Kind.INVALID : Kind.REPEATABLE;
      this.version = null;
      this.description = desc;
      this.nameProblem = desc.isEmpty() ? "it has no description after 'R__'" : "";
    } else if (CALLBACK.matcher(name).matches()) {
      this.kind = Kind.CALLBACK;
      this.version = null;
      this.description = "";
      this.nameProblem = "";
    } else {
      this.kind = Kind.INVALID;
      this.version = null;
      this.description = "";
      this.nameProblem = invalidReason(name);
    }
  }

  private static String invalidReason(String name) {
    if (name.matches("(?i)[vr].*") && !name.matches("[VR].*")) {
      return "the prefix must be an upper-case 'V' or 'R'";
    }
    if (name.matches("V\\d[\\d._]*_[^_].*") || name.matches("V\\d[\\d._]*-.*")) {
      return "version and description must be separated by two underscores '__'";
    }
    if (name.matches("V\\d[\\d._]*\\.sql")) {
      return "it has no '__<description>' after the version";
    }
    return "it is neither V<version>__<description>.sql nor R__<description>.sql, so Flyway"
        + " ignores it";
  }

  /** The path below the location, with forward slashes (e.g. {@code V1__init.sql}). */
  public String relativePath() {
    return relativePath;
  }

  public String fileName() {
    int slash = relativePath.lastIndexOf('/');
    return slash < 0 ? relativePath : relativePath.substring(slash + 1);
  }

  public byte[] content() {
    return content.clone();
  }

  public String sql() {
    return new String(content, StandardCharsets.UTF_8);
  }

  public Kind kind() {
    return kind;
  }

  /** The version of a versioned migration; empty for the other kinds. */
  public Optional<MigrationVersion> version() {
    return Optional.ofNullable(version);
  }

  /** The description from the name, underscores read as spaces. */
  public String description() {
    return description;
  }

  /** Why the name is not a migration name; empty unless {@link Kind#INVALID}. */
  public String nameProblem() {
    return nameProblem;
  }

  /** True when the bytes are exactly those of {@code other}. */
  public boolean sameContent(MigrationFile other) {
    return Arrays.equals(content, other.content);
  }

  /**
   * Flyway's checksum of the file: CRC32 over its lines read as UTF-8 without line endings and
   * without a byte-order mark, so it matches {@code checksum} in {@code flyway_schema_history}.
   */
  public int checksum() {
    CRC32 crc = new CRC32();
    try (BufferedReader reader = new BufferedReader(new StringReader(sql()))) {
      String line;
      boolean first = true;
      while ((line = reader.readLine()) != null) {
        if (first && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        first = false;
        crc.update(line.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (int) crc.getValue();
  }

  @Override
  public String toString() {
    return relativePath;
  }
}
