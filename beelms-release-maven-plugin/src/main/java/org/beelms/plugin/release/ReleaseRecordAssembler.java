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
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.migrations.MigrationReport;
import org.beelms.plugin.migrations.MigrationSet;
import org.beelms.plugin.migrations.MigrationVersion;
import org.beelms.plugin.migrations.MigrationsCheckResult;
import org.beelms.plugin.report.GateReport;

/**
 * Builds the release record from what the release candidate's steps left in the output folder
 * ({@code image.json}, {@code migrations.json}) and from the sources (migrations folder, spec).
 * What a step did not produce is left out of the record, never invented.
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
    return new ReleaseRecord(
        ReleaseRecord.SCHEMA,
        version.toString(),
        version.tagName(),
        commit,
        Instant.now(clock).toString(),
        dryRun,
        image().orElse(null),
        flyway().orElse(null),
        specSha256(),
        new GateReport(results).json(),
        null);
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
              image.location()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private Optional<ReleaseRecord.Flyway> flyway() {
    if (!Files.isDirectory(migrationsDirectory)) {
      return Optional.empty();
    }
    Optional<MigrationVersion> target = MigrationSet.scan(migrationsDirectory).highestVersion();
    Path report = outputDirectory.resolve(MigrationsCheckResult.JSON_FILE);
    List<ReleaseRecord.NewMigration> fresh =
        Files.isRegularFile(report)
            ? MigrationsCheckResult.readReports(report).stream()
                .map(ReleaseRecordAssembler::newMigration)
                .toList()
            : List.of();
    return Optional.of(
        new ReleaseRecord.Flyway(target.map(MigrationVersion::toString).orElse(""), fresh));
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
