package org.beelms.plugin.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merging two versions of one release record: no entry is ever dropped. */
class ReleaseRecordMergeTest {

  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  static ReleaseRecord record(String createdAt) {
    return new ReleaseRecord(null, "0.1.0", "v0.1.0", COMMIT, createdAt, false, null, null, "", null, null,
        ReleaseRecord.Migrations.checked("flyway", COMMIT, "checked"));
  }

  /** {@code record} with one more entry in {@code smoke.<environment>.deployments}, as a deploy writes it. */
  static ReleaseRecord withEntry(ReleaseRecord record, String action, String environment, String at, String by) {
    ObjectNode smoke = record.smoke().deepCopy();
    ObjectNode env = smoke.has(environment) ? (ObjectNode) smoke.get(environment) : smoke.putObject(environment);
    env.put("status", "PASSED").put("at", at).put("by", by).put("action", action);
    ObjectNode entry = JsonNodeFactory.instance.objectNode()
        .put("action", action).put("environment", environment).put("at", at).put("by", by)
        .put("digest", "sha256:" + "a".repeat(64)).put("outcome", "deployed").put("smoke", "PASSED");
    (env.has("deployments") ? (com.fasterxml.jackson.databind.node.ArrayNode) env.get("deployments")
        : env.putArray("deployments")).add(entry);
    return new ReleaseRecord(record.schema(), record.version(), record.tag(), record.commit(), record.createdAt(),
        record.dryRun(), record.image(), record.flyway(), record.specSha256(), record.gates(), smoke,
        record.migrations());
  }

  static List<String> entries(ReleaseRecord record, String environment) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : record.smoke().path(environment).path("deployments")) {
      out.add(e.path("action").asText() + "@" + e.path("at").asText() + " by " + e.path("by").asText());
    }
    return out;
  }

  @Test
  void keepsEveryEntryOfBothSidesSortedByTime() {
    ReleaseRecord base = withEntry(record("2026-01-01T09:00:00Z"), "deploy", "staging", "2026-01-01T10:00:00Z", "ci");
    ReleaseRecord ours = withEntry(base, "deploy", "production", "2026-01-01T12:00:00Z", "anna");
    ReleaseRecord theirs = withEntry(withEntry(base, "rollback", "staging", "2026-01-01T11:00:00Z", "bob"),
        "deploy", "staging", "2026-01-01T13:00:00Z", "bob");

    ReleaseRecord merged = ReleaseRecordMerge.union(ours, "here", theirs, "there");

    assertEquals(List.of("deploy@2026-01-01T10:00:00Z by ci", "rollback@2026-01-01T11:00:00Z by bob",
        "deploy@2026-01-01T13:00:00Z by bob"), entries(merged, "staging"));
    assertEquals(List.of("deploy@2026-01-01T12:00:00Z by anna"), entries(merged, "production"));
    // The summary of staging is the newer side's: bob's 13:00 deploy.
    assertEquals("2026-01-01T13:00:00Z", merged.smoke().path("staging").path("at").asText());
    // Symmetric in content.
    assertEquals(merged.smoke(), ReleaseRecordMerge.union(theirs, "there", ours, "here").smoke());
  }

  @Test
  void anEntryOnBothSidesKeepsAFlagOneSideAdded() {
    ReleaseRecord base = withEntry(record("2026-01-01T09:00:00Z"), "deploy", "staging", "2026-01-01T10:00:00Z", "ci");
    ReleaseRecord marked = ReleaseRecord.fromJson(base.toJson(), "a copy");
    ((ObjectNode) marked.smoke().path("staging").path("deployments").get(0)).put("rolledBack", true);

    ReleaseRecord merged = ReleaseRecordMerge.union(base, "here", marked, "there");

    assertEquals(1, merged.smoke().path("staging").path("deployments").size());
    assertTrue(merged.smoke().path("staging").path("deployments").get(0).path("rolledBack").asBoolean());
  }

  @Test
  void recordsThatDisagreeOutsideTheEntriesAreAnErrorNamingBothValues() {
    ReleaseRecord ours = record("2026-01-01T09:00:00Z");
    ReleaseRecord theirs = record("2026-01-02T09:00:00Z");

    ReleaseRecordMerge.ConflictException e = assertThrows(ReleaseRecordMerge.ConflictException.class,
        () -> ReleaseRecordMerge.union(ours, "the local record", theirs, "origin's record"));

    assertTrue(e.getMessage().contains("'createdAt'"), e.getMessage());
    assertTrue(e.getMessage().contains("the local record has \"2026-01-01T09:00:00Z\""), e.getMessage());
    assertTrue(e.getMessage().contains("origin's record has \"2026-01-02T09:00:00Z\""), e.getMessage());
  }

  @Test
  void aRerunTakesTheFreshFieldsAndKeepsEveryEntry() {
    ReleaseRecord existing = withEntry(withEntry(record("2026-01-01T09:00:00Z"), "deploy", "staging",
        "2026-01-01T10:00:00Z", "ci"), "rollback", "production", "2026-01-01T11:00:00Z", "ops");
    ReleaseRecord fresh = record("2026-01-05T09:00:00Z");

    ReleaseRecord merged = ReleaseRecordMerge.rerun(existing, fresh);

    assertEquals("2026-01-05T09:00:00Z", merged.createdAt());
    assertEquals(List.of("deploy@2026-01-01T10:00:00Z by ci"), entries(merged, "staging"));
    assertEquals(List.of("rollback@2026-01-01T11:00:00Z by ops"), entries(merged, "production"));
  }
}
