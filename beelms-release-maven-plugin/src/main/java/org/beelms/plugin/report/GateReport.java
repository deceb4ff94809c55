package org.beelms.plugin.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;

/**
 * Renders a list of gate results: the build log's lines, {@code summary.md} and {@code
 * summary.json}. Nothing else formats a result, so the three always agree.
 */
public final class GateReport {

  public static final String MARKDOWN_FILE = "summary.md";
  public static final String JSON_FILE = "summary.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final List<GateResult> results;

  public GateReport(List<GateResult> results) {
    this.results = List.copyOf(results);
  }

  public List<GateResult> results() {
    return results;
  }

  public boolean anyFailed() {
    return results.stream().anyMatch(GateResult::failed);
  }

  /** One line for a finished gate, as the build log shows it. */
  public static String headline(GateResult result) {
    String line =
        String.format(
            Locale.ROOT,
            "%-8s %s (%s)",
            result.status(),
            result.gate(),
            seconds(result.duration()));
    if (result.status() == GateStatus.SKIPPED) {
      return line + ": " + result.skipReason();
    }
    return result.findings().isEmpty()
        ? line
        : line + ", " + result.findings().size() + " finding(s)";
  }

  /** One line for a finding, as the build log shows it. */
  public static String findingLine(Finding finding) {
    StringBuilder line = new StringBuilder();
    line.append('[').append(finding.severity()).append("] ");
    if (!finding.checklistId().isEmpty()) {
      line.append(finding.checklistId()).append(' ');
    }
    line.append(finding.message());
    finding.whereIfAny().ifPresent(where -> line.append(" @ ").append(where));
    if (!finding.fix().isEmpty()) {
      line.append(" -> ").append(finding.fix());
    }
    return line.toString();
  }

  /** The build log's summary: one headline per gate, then its findings indented. */
  public List<String> consoleLines() {
    List<String> lines = new ArrayList<>();
    for (GateResult result : results) {
      lines.add(headline(result));
      for (Finding finding : result.findings()) {
        lines.add("    " + findingLine(finding));
      }
    }
    return lines;
  }

  /** The one table a multi-gate goal ends with: gate, result, time, number of findings. */
  public List<String> consoleTable() {
    int width = results.stream().mapToInt(r -> r.gate().length()).max().orElse(4);
    width = Math.max(width, "Gate".length());
    String format = "%-" + width + "s  %-7s  %7s  %s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, format, "Gate", "Result", "Time", "Findings"));
    for (GateResult result : results) {
      lines.add(
          String.format(
              Locale.ROOT,
              format,
              result.gate(),
              result.status(),
              seconds(result.duration()),
              result.status() == GateStatus.SKIPPED
                  ? result.skipReason()
                  : String.valueOf(result.findings().size())));
    }
    return lines;
  }

  public String markdown() {
    StringBuilder md = new StringBuilder("# Release gates\n\n");
    md.append("| Gate | Status | Time | Findings |\n|---|---|---|---|\n");
    for (GateResult result : results) {
      md.append("| ")
          .append(result.gate())
          .append(" | ")
          .append(result.status())
          .append(" | ")
          .append(seconds(result.duration()))
          .append(" | ")
          .append(result.status() == GateStatus.SKIPPED
              ? escape(result.skipReason())
              : String.valueOf(result.findings().size()))
          .append(" |\n");
    }
    for (GateResult result : results) {
      if (result.findings().isEmpty()) {
        continue;
      }
      md.append("\n## ").append(result.gate()).append("\n\n");
      md.append("| Severity | Item | Finding | Where | Fix |\n|---|---|---|---|---|\n");
      for (Finding f : result.findings()) {
        md.append("| ")
            .append(f.severity())
            .append(" | ")
            .append(escape(f.checklistId()))
            .append(" | ")
            .append(escape(f.message()))
            .append(" | ")
            .append(escape(f.where()))
            .append(" | ")
            .append(escape(f.fix()))
            .append(" |\n");
      }
    }
    return md.toString();
  }

  public ArrayNode json() {
    ArrayNode array = JSON.createArrayNode();
    for (GateResult result : results) {
      ObjectNode gate = array.addObject();
      gate.put("gate", result.gate());
      gate.put("status", result.status().name());
      gate.put("durationMillis", result.duration().toMillis());
      if (!result.skipReason().isEmpty()) {
        gate.put("skipReason", result.skipReason());
      }
      ArrayNode findings = gate.putArray("findings");
      for (Finding f : result.findings()) {
        ObjectNode node = findings.addObject();
        node.put("severity", f.severity().name());
        node.put("message", f.message());
        node.put("where", f.where());
        node.put("fix", f.fix());
        node.put("checklistId", f.checklistId());
      }
    }
    return array;
  }

  /** Writes {@code summary.md} and {@code summary.json} into {@code directory}. */
  public void writeTo(Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(MARKDOWN_FILE), markdown(), StandardCharsets.UTF_8);
      Files.writeString(
          directory.resolve(JSON_FILE),
          JSON.writeValueAsString(json()) + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the gate summary to " + directory, e);
    }
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|").replace("\n", " ");
  }
}
