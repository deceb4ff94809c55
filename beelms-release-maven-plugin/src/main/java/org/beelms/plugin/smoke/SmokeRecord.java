package org.beelms.plugin.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.smoke.report.ChecklistCatalog;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.SmokeRunResult;

/**
 * The smoke run's entry for the release record: {@code target/beelms-release/smoke-<environment>.json}
 * (schema in {@code docs/goals/smoke.md}; a later step merges it into {@code release.json}).
 * Built only from the redacted run result and the settings, so it holds no secret.
 */
public final class SmokeRecord {

  /** Raised whenever a field is added, renamed or changes meaning. */
  public static final int SCHEMA_VERSION = 2;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SmokeRecord() {}

  /** The file the record of {@code environment} is written to. */
  public static Path file(Path recordDirectory, String environment) {
    return recordDirectory.resolve("smoke-" + environment + ".json");
  }

  /** The record as a JSON tree. */
  static ObjectNode toJson(SmokeSettings settings, SmokeRunResult result, GateStatus status) {
    Environment environment = settings.environment();
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("gate", SmokeGate.NAME);
    root.put("environment", environment.name());
    root.put("url", settings.apiBaseUri().toString());
    root.put("urlOverridden", settings.urlOverridden());
    root.put("mode", environment.modeName());
    putOrNull(root, "imageTag", environment.imageTag());
    putOrNull(root, "expectedVersion", settings.config().expectedVersion().orElse(""));
    ArrayNode suites = root.putArray("suites");
    settings.sortedSuites().forEach(suites::add);
    root.put("started", result.started().toString());
    root.put("durationMs", result.duration().toMillis());
    root.put("status", status.name());
    root.put("exitCode", result.exitCode());
    putOrNull(root, "error", result.error().orElse(""));
    ObjectNode counts = root.putObject("counts");
    counts.put("passed", result.passed());
    counts.put("failed", result.failed());
    counts.put("skipped", result.skipped());
    counts.put("info", result.info());
    counts.put("waived", result.waived());
    ObjectNode requests = root.putObject("requests");
    requests.put("count", result.requests().size());
    requests.put("timeMs", result.requestTime().toMillis());
    ArrayNode items = root.putArray("items");
    for (ChecklistCatalog.Item item : ChecklistCatalog.items()) {
      String suite = ChecklistCatalog.suiteOf(item.id());
      if (result.suites().contains("smoke") || result.suites().contains(suite)) {
        ObjectNode node = items.addObject();
        node.put("id", item.id());
        node.put("status", result.statusOf(item.id()).name());
      }
    }
    ArrayNode failures = root.putArray("failures");
    for (CheckResult check : result.failedChecks()) {
      putOrNull(checkNode(failures, check), "endpoint", SmokeFindings.endpoint(check).orElse(""));
    }
    ArrayNode waived = root.putArray("waived");
    for (CheckResult check : result.waivedChecks()) {
      checkNode(waived, check).put("waiver", check.waiverUsed().orElseThrow().position());
    }
    if (result.waivers().configured()) {
      root.put("waiverFile", result.waivers().file());
    }
    root.set("waivers", SmokeTiers.of(result).waiversJson());
    root.putArray("requiredChecks").addAll(result.requiredChecks().stream().map(JSON.getNodeFactory()::textNode).toList());
    root.putArray("unmetRequired").addAll(result.unmetRequired().stream().map(JSON.getNodeFactory()::textNode).toList());
    root.set("checks", SmokeTiers.of(result).checksJson());
    root.putArray("problems").addAll(result.problems().stream().map(JSON.getNodeFactory()::textNode).toList());
    ObjectNode reports = root.putObject("reports");
    reports.put("directory", settings.reportDirectory().toAbsolutePath().toString());
    reports.put("checklistMarkdown", SmokeFindings.markdownReport(settings).toString());
    return root;
  }

  /** Writes the record (atomically: readers never see half a file) and returns its path. */
  static Path write(SmokeSettings settings, SmokeRunResult result, GateStatus status) throws IOException {
    Path file = file(settings.recordDirectory(), settings.environment().name());
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      JSON.writeValue(temp.toFile(), toJson(settings, result, status));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return file;
  }

  /** A check of {@code failures} or {@code waived}: its checklist IDs, name and failure message. */
  private static ObjectNode checkNode(ArrayNode list, CheckResult check) {
    ObjectNode node = list.addObject();
    ArrayNode ids = node.putArray("checklistIds");
    check.checklistIds().forEach(ids::add);
    node.put("check", check.displayName());
    node.put("message", check.message() == null ? "" : check.message());
    return node;
  }

  private static void putOrNull(ObjectNode node, String field, String value) {
    if (value == null || value.isEmpty()) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }
}
