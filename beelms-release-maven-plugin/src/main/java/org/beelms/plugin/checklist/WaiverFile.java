package org.beelms.plugin.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a waivers file (YAML): a list of entries with {@code item}, {@code reason}, {@code owner}
 * and {@code expires} (ISO date). Every field is required: a waiver nobody owns or that never
 * ends is not a decision.
 *
 * <pre>
 * - item: DOD-D-6
 *   reason: trial deploy on production-like environment is booked for the next sprint
 *   owner: delivery lead
 *   expires: 2026-12-31
 * </pre>
 */
public final class WaiverFile {

  private WaiverFile() {}

  /**
   * @throws IllegalArgumentException naming the file and entry when an entry is incomplete
   */
  public static List<Waiver> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "waivers file " + file + " does not exist (<waivers> / -Dbeelms.dod.waivers);"
              + " create it or leave the setting empty");
    }
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException(
          file + " must be a YAML list of waivers (- item: ..., reason: ..., owner: ..., expires: YYYY-MM-DD)");
    }
    List<Waiver> waivers = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode entry = root.get(i);
      String position = file + ", waiver " + (i + 1);
      String item = required(entry, "item", position);
      String reason = required(entry, "reason", position);
      String owner = required(entry, "owner", position);
      String expires = required(entry, "expires", position);
      try {
        waivers.add(new Waiver(item, reason, owner, LocalDate.parse(expires), position));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            position + ": expires '" + expires + "' is not a date; write it as YYYY-MM-DD", e);
      }
    }
    return waivers;
  }

  private static String required(JsonNode entry, String field, String position) {
    JsonNode value = entry.get(field);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new IllegalArgumentException(
          position + " has no '" + field + "'; every waiver needs item, reason, owner and expires");
    }
    return value.asText().strip();
  }
}
