package org.beelms.plugin.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.migrations.MigrationReport;
import org.beelms.plugin.migrations.MigrationTool;
import org.beelms.plugin.migrations.MigrationsCheck;
import org.beelms.plugin.migrations.MigrationsCheckResult;
import org.beelms.plugin.report.GateReport;

/**
 * Builds the release record from what the release candidate's steps left in the output folder
 * ({@code image.json}, {@code migrations.json}) and from the sources (migrations folder, spec).
 * What a step did not produce is left out of the record, never invented: migrations that were
 * not checked are recorded as {@code not-checked} with the reason, not as an empty list.
 */
public final class ReleaseRecordAssembler {

  private final Path outputDirectory;
  private final Path migrationsDirectory;
  private final Optional<Path> spec;
  private final Clock clock;

  public ReleaseRecordAssembler(
      Path outputDirectory, Path migrationsDirectory, Optional<Path> spec, Clock clock) {
    this.outputDirectory = outputDirectory;
    this.migrationsDirectory = migrationsDirectory;
    this.spec = spec;
    this.clock = clock;
  }

  public ReleaseRecord assemble(
      SemanticVersion version, String commit, boolean dryRun, List<GateResult> results) {
    Schema schema = schema(version, commit, results);
    return new ReleaseRecord(
        ReleaseRecord.SCHEMA,
        version.toString(),
        version.tagName(),
        commit,
        Instant.now(clock).toString(),
        dryRun,
        image().orElse(null),
        schema.flyway().orElse(null),
        specSha256(),
        new GateReport(results).json(),
        null,
        schema.status(),
        supplyChain().orElse(null));
  }

  /** What {@code attest} wrote for this build's image; nothing when it did not run or is stale. */
  private Optional<ReleaseRecord.SupplyChain> supplyChain() {
    Path file = outputDirectory.resolve(ReleaseRecord.SupplyChain.FILE);
    Optional<ReleaseRecord.Image> image = image();
    if (!Files.isRegularFile(file) || image.isEmpty()) {
      return Optional.empty();
    }
    ReleaseRecord.SupplyChain chain = ReleaseRecord.SupplyChain.read(file);
    return chain.imageDigest().equals(image.get().digest()) ? Optional.of(chain) : Optional.empty();
  }

  /**
   * What the record says about the schema: the {@code flyway} part (kept under that key for every
   * tool; its target version is the newest version of the tool that checked the folder, e.g. a
   * TypeORM timestamp) and whether it was checked, by which tool.
   */
  private record Schema(Optional<ReleaseRecord.Flyway> flyway, ReleaseRecord.Migrations status) {}

  /**
   * The schema part of the record. Only a {@code migrations-check} that ran in this build and a
   * {@code migrations.json} written for this version and commit count as checked; anything else
   * is recorded as {@code not-checked} with the reason, and no new-migration list is invented.
   */
  private Schema schema(SemanticVersion version, String commit, List<GateResult> results) {
    if (!Files.isDirectory(migrationsDirectory)) {
      return new Schema(Optional.empty(), ReleaseRecord.Migrations.notChecked(
          "the migrations folder " + migrationsDirectory + " does not exist (<migrationLocations>)"));
    }
    Optional<ReleaseRecord.Flyway> unknownList =
        Optional.of(new ReleaseRecord.Flyway(
            MigrationTool.AUTO.newestVersion(migrationsDirectory).orElse(""), null));
    Optional<GateResult> gate =
        results.stream().filter(r -> r.gate().equals(MigrationsCheck.NAME)).findFirst();
    if (gate.isEmpty()) {
      return new Schema(unknownList, ReleaseRecord.Migrations.notChecked(
          "the " + MigrationsCheck.NAME + " gate did not run in this release candidate"));
    }
    if (gate.get().status() == GateStatus.SKIPPED) {
      return new Schema(unknownList, ReleaseRecord.Migrations.notChecked(
          "the " + MigrationsCheck.NAME + " gate was skipped (" + gate.get().skipReason() + ")"));
    }
    Path report = outputDirectory.resolve(MigrationsCheckResult.JSON_FILE);
    if (!Files.isRegularFile(report)) {
      return new Schema(unknownList, ReleaseRecord.Migrations.notChecked(
          report + " is missing: the " + MigrationsCheck.NAME + " gate wrote no report"));
    }
    MigrationsCheckResult.Provenance provenance = MigrationsCheckResult.readProvenance(report);
    if (!provenance.version().equals(version.toString()) || !provenance.commit().equals(commit)) {
      return new Schema(unknownList, ReleaseRecord.Migrations.notChecked(
          "stale " + report + ": it checked version '" + provenance.version() + "' at commit '"
              + provenance.commit() + "', this release is " + version + " at " + commit));
    }
    MigrationTool tool = MigrationTool.parse(provenance.tool(), report + " (\"tool\")");
    List<ReleaseRecord.NewMigration> fresh =
        MigrationsCheckResult.readReports(report).stream()
            .map(ReleaseRecordAssembler::newMigration)
            .toList();
    return new Schema(
        Optional.of(new ReleaseRecord.Flyway(tool.newestVersion(migrationsDirectory).orElse(""), fresh)),
        ReleaseRecord.Migrations.checked(provenance.tool(), provenance.commit(),
            MigrationsCheckResult.readReproducibility(report)));
  }

  private Optional<ReleaseRecord.Image> image() {
    Path file = outputDirectory.resolve(ImageResult.FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      ImageResult image = ImageResult.read(file);
      return Optional.of(
          new ReleaseRecord.Image(
              image.image(),
              image.digest(),
              image.tags(),
              image.target().name().toLowerCase(java.util.Locale.ROOT),
              image.location(),
              image.revisionNotVerified()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static ReleaseRecord.NewMigration newMigration(MigrationReport report) {
    return new ReleaseRecord.NewMigration(
        report.version(),
        report.file(),
        report.safetyClass().name().toLowerCase(java.util.Locale.ROOT));
  }

  private String specSha256() {
    if (spec.isEmpty() || !Files.isRegularFile(spec.get())) {
      return "";
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(spec.get()));
      return HexFormat.of().formatHex(digest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + spec.get(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
