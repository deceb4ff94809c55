package org.beelms.plugin.migrations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.gate.GateResult;

/**
 * Everything migrations-check concluded: the gate's result for the summary, and the typed facts
 * the release notes and rollback read.
 *
 * @param gate passed/failed with the findings
 * @param previousRelease the tag compared with (e.g. {@code v0.1.0}); empty when there was none
 * @param migrations one report per migration new in this release, in Flyway's order
 * @param pendingOnTarget what the target database will apply; empty without a target
 * @param reproducibility {@value #REPRODUCIBILITY_CHECKED} when a fresh database and one upgraded
 *     from the previous release were migrated and compared; otherwise {@code skipped (<why>)}
 */
public record MigrationsCheckResult(
    GateResult gate,
    Optional<String> previousRelease,
    List<MigrationReport> migrations,
    List<PendingMigration> pendingOnTarget,
    String reproducibility) {

  /** The reproducibility of a check that compared a fresh and an upgraded database. */
  public static final String REPRODUCIBILITY_CHECKED = "checked";

  /** {@code skipped (<why>)}: how a reproducibility that was not checked is recorded and shown. */
  public static String skipped(String why) {
    return "skipped (" + why + ")";
  }

  public MigrationsCheckResult(
      GateResult gate,
      Optional<String> previousRelease,
      List<MigrationReport> migrations,
      List<PendingMigration> pendingOnTarget) {
    this(gate, previousRelease, migrations, pendingOnTarget, skipped("not recorded"));
  }

  /** The file name under the report directory. */
  public static final String JSON_FILE = "migrations.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public MigrationsCheckResult {
    migrations = List.copyOf(migrations);
    pendingOnTarget = List.copyOf(pendingOnTarget);
    reproducibility =
        reproducibility == null || reproducibility.isBlank() ? skipped("not recorded") : reproducibility;
  }

  /** True when any new migration is a contract one: rolling back needs a plan for the schema. */
  public boolean hasContractMigrations() {
    return migrations.stream().anyMatch(MigrationReport::isContract);
  }

  public Optional<MigrationReport> migration(String file) {
    return migrations.stream().filter(m -> m.file().equals(file)).findFirst();
  }

  /** The migration tool this check covers, as recorded in {@value #JSON_FILE} and the release record. */
  public static final String TOOL = "flyway";

  /**
   * Which release a {@value #JSON_FILE} belongs to, so a file left by an earlier run is not read
   * as this release's.
   *
   * @param tool the migration tool checked, e.g. {@value #TOOL}
   * @param version the release version checked; empty when it was not known
   * @param commit the full SHA of the commit checked (HEAD); empty outside git
   */
  public record Provenance(String tool, String version, String commit) {
    public Provenance {
      tool = tool == null ? "" : tool;
      version = version == null ? "" : version;
      commit = commit == null ? "" : commit;
    }
  }

  /** Writes {@value #JSON_FILE} below {@code directory} without provenance (version and commit unknown). */
  public Path writeJson(Path directory) {
    return writeJson(directory, new Provenance(TOOL, "", ""));
  }

  /** Writes {@value #JSON_FILE} below {@code directory}, saying which release it checked. */
  public Path writeJson(Path directory, Provenance provenance) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("tool", provenance.tool());
    doc.put("version", provenance.version());
    doc.put("commit", provenance.commit());
    doc.put("gate", gate.gate());
    doc.put("status", gate.status().name());
    doc.put("reproducibility", reproducibility);
    doc.put("previousRelease", previousRelease.orElse(null));
    doc.put("migrations", migrations);
    doc.put("pendingOnTarget", pendingOnTarget);
    Path file = directory.resolve(JSON_FILE);
    try {
      Files.createDirectories(directory);
      JSON.writeValue(file.toFile(), doc);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads the provenance of a file written by {@link #writeJson(Path, Provenance)}; empty fields when absent. */
  public static Provenance readProvenance(Path file) {
    try {
      var tree = JSON.readTree(file.toFile());
      return new Provenance(
          tree.path("tool").asText(TOOL), tree.path("version").asText(""), tree.path("commit").asText(""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The reproducibility a file written by {@link #writeJson(Path, Provenance)} records; a file
   * without it (written by an older version) says {@code skipped (not recorded ...)}, never checked.
   */
  public static String readReproducibility(Path file) {
    try {
      String value = JSON.readTree(file.toFile()).path("reproducibility").asText("");
      return value.isBlank() ? skipped("not recorded in " + file.getFileName()) : value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Reads a file written by {@link #writeJson(Path)}: the migration reports only. */
  public static List<MigrationReport> readReports(Path file) {
    try {
      var tree = JSON.readTree(file.toFile()).get("migrations");
      return List.of(JSON.treeToValue(tree, MigrationReport[].class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
