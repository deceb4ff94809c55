package org.beelms.plugin.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The failed checks of a smoke run, read from its report ({@code smoke-<environment>.json},
 * {@code failures[]}), so status can name them instead of "smoke FAILED".
 */
final class SmokeFailures {

  private SmokeFailures() {}

  /**
   * Each failure as {@code OPS-HEALTH-1 <check>: <message>}; empty when the report is not named,
   * gone or unreadable (the caller says so).
   */
  static List<String> read(Optional<String> report) {
    List<String> failed = new ArrayList<>();
    if (report.isEmpty() || !Files.isRegularFile(Path.of(report.get()))) {
      return failed;
    }
    try {
      JsonNode root = new ObjectMapper().readTree(Path.of(report.get()).toFile());
      for (JsonNode f : root.path("failures")) {
        List<String> ids = new ArrayList<>();
        f.path("checklistIds").forEach(id -> ids.add(id.asText()));
        String message = f.path("message").asText("");
        failed.add((ids.isEmpty() ? "" : String.join(",", ids) + " ") + f.path("check").asText()
            + (message.isBlank() ? "" : ": " + message));
      }
    } catch (IOException unreadable) {
      return List.of();
    }
    return failed;
  }
}
