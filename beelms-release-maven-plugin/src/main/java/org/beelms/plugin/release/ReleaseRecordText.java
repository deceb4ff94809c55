package org.beelms.plugin.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A release record as a reader wants it on the console ({@code beelms:record}): what was released,
 * the image, the migrations, each gate's result and every deploy and rollback, newest last, with
 * the git command that shows the same note by hand. The note sits on the released commit, not on
 * an annotated tag, hence {@code <tag>^{commit}}.
 */
public final class ReleaseRecordText {

  private ReleaseRecordText() {}

  /** {@code git notes --ref beelms-release show v0.1.0^{commit}}. */
  public static String gitCommand(String tag) {
    return "git notes --ref " + ReleaseRecordStore.NOTES_REF.substring("refs/notes/".length())
        + " show " + tag + "^{commit}";
  }

  /** The summary lines; {@code origin} says where the record was read from. */
  public static List<String> summary(ReleaseRecord record, String origin) {
    List<String> lines = new ArrayList<>();
    lines.add("Release " + record.version() + " (" + record.tag() + ") on "
        + record.commit().substring(0, Math.min(7, record.commit().length()))
        + ", recorded " + record.createdAt() + (record.dryRun() ? " (dry run: not tagged)" : ""));
    lines.add("  read from:  " + origin + "  (by hand: " + gitCommand(record.tag()) + ")");
    ReleaseRecord.Image image = record.image();
    lines.add("  image:      " + (image == null ? "none built"
        : image.reference() + " (" + image.target() + ", tags " + String.join(", ", image.tags()) + ")"));
    lines.add("  migrations: " + migrations(record));
    if (record.flyway() != null && record.flyway().newMigrations() != null) {
      record.flyway().newMigrations().forEach(m ->
          lines.add("              " + m.file() + " - " + m.safetyClass()));
    }
    List<String> gates = new ArrayList<>();
    for (JsonNode gate : record.gates()) {
      gates.add(gate.path("gate").asText() + " " + gate.path("status").asText());
    }
    lines.add("  gates:      " + (gates.isEmpty() ? "none recorded" : String.join(", ", gates)));
    boolean any = false;
    for (var environment : (Iterable<java.util.Map.Entry<String, JsonNode>>) record.smoke()::fields) {
      for (JsonNode d : environment.getValue().path("deployments")) {
        if (!any) {
          lines.add("  deployments:");
          any = true;
        }
        lines.add("    " + d.path("at").asText() + " " + environment.getKey() + ": "
            + d.path("action").asText() + " of " + d.path("tag").asText() + " by " + d.path("by").asText()
            + ", " + d.path("outcome").asText() + ", smoke " + d.path("smoke").asText()
            + (d.hasNonNull("from") ? " (from " + d.path("from").asText() + ")" : "")
            + (d.hasNonNull("forced") ? " (forced: " + d.path("forced").asText() + ")" : ""));
      }
    }
    if (!any) {
      lines.add("  deployments: none recorded");
    }
    return lines;
  }

  private static String migrations(ReleaseRecord record) {
    return record.migrationsUnknown()
        .map(why -> "not known: " + why)
        .orElseGet(() -> record.migrations().tool() + ", " + record.flyway().newMigrations().size()
            + " new, up to " + record.flyway().targetVersion());
  }
}
