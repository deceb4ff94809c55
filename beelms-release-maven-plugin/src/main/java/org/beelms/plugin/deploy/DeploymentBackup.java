package org.beelms.plugin.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The database backup a deploy took before it moved the environment tag ({@code backup} on its
 * deployment entry), or the one a rollback restored: {@code {"kind", "id", "sha256", "sizeBytes",
 * "createdAt"}}.
 *
 * @param kind {@code api} (beelms core's admin backup API) or {@code command} ({@code <backupCommand>})
 * @param id the backup's id, as the core (or the command) named it
 * @param sha256 the stored file's SHA-256 the core reported; empty when not known (a command)
 * @param sizeBytes its size; -1 when not known
 * @param createdAt when the backup was taken (ISO-8601, as the core reported, or when the command
 *     finished); writes after it are lost by a restore
 */
public record DeploymentBackup(String kind, String id, String sha256, long sizeBytes, String createdAt) {

  public DeploymentBackup {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    sha256 = sha256 == null ? "" : sha256;
    createdAt = createdAt == null ? "" : createdAt;
  }

  /** "backup 1f… (api, 86 KB, taken at 2026-…)". */
  public String describe() {
    return "backup " + id + " (" + kind + (sizeBytes >= 0 ? ", " + sizeBytes + " bytes" : "")
        + (sha256.isEmpty() ? "" : ", sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + "…")
        + ", taken at " + (createdAt.isEmpty() ? "an unknown time" : createdAt) + ")";
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("kind", kind);
    node.put("id", id);
    if (!sha256.isEmpty()) {
      node.put("sha256", sha256);
    }
    if (sizeBytes >= 0) {
      node.put("sizeBytes", sizeBytes);
    }
    if (!createdAt.isEmpty()) {
      node.put("createdAt", createdAt);
    }
    return node;
  }

  /** The backup of an entry's {@code backup} object; empty when absent. */
  public static Optional<DeploymentBackup> fromJson(JsonNode node) {
    if (node == null || !node.isObject() || !node.hasNonNull("id")) {
      return Optional.empty();
    }
    return Optional.of(new DeploymentBackup(node.path("kind").asText(""), node.get("id").asText(),
        node.path("sha256").asText(""), node.path("sizeBytes").asLong(-1), node.path("createdAt").asText("")));
  }
}
