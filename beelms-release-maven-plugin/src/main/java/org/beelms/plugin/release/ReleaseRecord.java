package org.beelms.plugin.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one release candidate produced, kept so a later build (even from a fresh clone) can deploy
 * it and roll it back: {@code target/beelms-release/release.json}, and a git note on the tagged
 * commit (see {@link ReleaseRecordStore}). The schema is documented in docs/release-record.md.
 *
 * @param schema the record's format, {@value #SCHEMA}
 * @param version the released version, e.g. {@code 0.1.0}
 * @param tag the release tag, e.g. {@code v0.1.0}
 * @param commit the full SHA of the released commit
 * @param createdAt when the record was written (ISO-8601, UTC)
 * @param dryRun true when nothing was pushed or tagged
 * @param image the image built for the release; null when none was built
 * @param flyway the schema the release brings
 * @param specSha256 SHA-256 of the OpenAPI document; empty when there is none
 * @param gates every gate's result, as in {@code summary.json}
 * @param smoke per environment name, the smoke results added by later goals
 * @param migrations whether the release's migrations were checked, by which tool, for which
 *     commit; null in records written before this field existed (read as "unknown")
 * @param supplyChain the image's SBOM, provenance and signature ({@code beelms:attest}); null
 *     when none were made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseRecord(
    String schema,
    String version,
    String tag,
    String commit,
    String createdAt,
    boolean dryRun,
    Image image,
    Flyway flyway,
    String specSha256,
    JsonNode gates,
    ObjectNode smoke,
    Migrations migrations,
    SupplyChain supplyChain) {

  public static final String SCHEMA = "beelms-release-record/1";
  public static final String FILE = "release.json";

  static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ReleaseRecord {
    schema = schema == null ? SCHEMA : schema;
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(commit, "commit");
    specSha256 = specSha256 == null ? "" : specSha256;
    gates = gates == null ? JsonNodeFactory.instance.arrayNode() : gates;
    smoke = smoke == null ? JsonNodeFactory.instance.objectNode() : smoke;
  }

  /** A record without supply-chain artifacts (written before {@code attest}, or without it). */
  public ReleaseRecord(
      String schema, String version, String tag, String commit, String createdAt, boolean dryRun,
      Image image, Flyway flyway, String specSha256, JsonNode gates, ObjectNode smoke,
      Migrations migrations) {
    this(schema, version, tag, commit, createdAt, dryRun, image, flyway, specSha256, gates, smoke,
        migrations, null);
  }

  /**
   * What {@code beelms:attest} made for the release image, as {@code supply-chain.json} says.
   *
   * @param imageDigest the image they are about (a stale file of another image is not recorded)
   * @param sbom the SBOM file written, e.g. {@code target/beelms-release/sbom.cdx.json}
   * @param sbomComponents how many components the SBOM lists
   * @param sbomSha256 {@code sha256:…} of the SBOM's bytes
   * @param sbomReference where it was pushed ({@code image:sha256-….sbom}); empty when not pushed
   * @param provenanceReference the signed provenance ({@code image:sha256-….att}); empty when not
   *     pushed
   * @param signatureReference the image signature ({@code image:sha256-….sig}); empty when not
   *     signed or not pushed
   * @param signingKey the SHA-256 fingerprint of the public key that signed; empty when unsigned
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SupplyChain(
      String imageDigest,
      String sbom,
      int sbomComponents,
      String sbomSha256,
      String sbomReference,
      String provenanceReference,
      String signatureReference,
      String signingKey) {

    public SupplyChain {
      imageDigest = imageDigest == null ? "" : imageDigest;
      sbom = sbom == null ? "" : sbom;
      sbomSha256 = sbomSha256 == null ? "" : sbomSha256;
      sbomReference = sbomReference == null ? "" : sbomReference;
      provenanceReference = provenanceReference == null ? "" : provenanceReference;
      signatureReference = signatureReference == null ? "" : signatureReference;
      signingKey = signingKey == null ? "" : signingKey;
    }

    /** The file name {@code attest} writes it to, under the output folder. */
    public static final String FILE = "supply-chain.json";

    public boolean signed() {
      return !signatureReference.isEmpty();
    }

    public Path writeTo(Path directory) {
      Path file = directory.resolve(FILE);
      try {
        Files.createDirectories(directory);
        Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }

    public static SupplyChain read(Path file) {
      try {
        return JSON.readValue(file.toFile(), SupplyChain.class);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + " (written by beelms:attest)", e);
      }
    }
  }

  /**
   * The image of the release.
   *
   * @param image the repository, e.g. {@code 127.0.0.1:5000/beelms/core}
   * @param digest {@code sha256:…}; the same on every tag
   * @param tags the tags it was given (release tag and short SHA)
   * @param target where it went: {@code tar}, {@code registry} or {@code docker}
   * @param location the tar file or registry reference it was written to
   * @param revisionNotVerified for an adopted image without a revision label, why it was adopted
   *     anyway ({@code -Dbeelms.image.allowUnlabelled}); null when the revision was checked
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Image(
      String image, String digest, List<String> tags, String target, String location,
      String revisionNotVerified) {

    /** An image built here, or adopted with its revision checked. */
    public Image(String image, String digest, List<String> tags, String target, String location) {
      this(image, digest, tags, target, location, null);
    }

    public Image {
      revisionNotVerified =
          revisionNotVerified == null || revisionNotVerified.isBlank() ? null : revisionNotVerified;
    }

    /** {@code image@digest}: the exact image whatever its tags point at later. */
    public String reference() {
      return image + "@" + digest;
    }
  }

  /**
   * The database schema of the release, under the key {@code flyway} whatever the migration tool
   * ({@link Migrations#tool()} says which).
   *
   * @param targetVersion the newest migration version the release applies, as the tool's reports
   *     write it: the highest Flyway version, or the newest TypeORM timestamp
   * @param newMigrations the migrations new in this release with their safety class; null when
   *     they were not checked (see {@link Migrations}): unknown, not "none"
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Flyway(String targetVersion, List<NewMigration> newMigrations) {

    public Flyway {
      newMigrations = newMigrations == null ? null : List.copyOf(newMigrations);
    }

    /** True when a migration of the release cannot be rolled back by an image rollback alone. */
    public boolean hasContractMigrations() {
      return newMigrations != null
          && newMigrations.stream().anyMatch(m -> "contract".equals(m.safetyClass()));
    }
  }

  /**
   * Whether the migrations of the release were checked. Only {@link #CHECKED} makes {@code
   * flyway.newMigrations} a complete list; anything else means "not known", never "none".
   *
   * @param status {@value #CHECKED} or {@value #NOT_CHECKED}
   * @param tool the migration tool checked, e.g. {@code flyway}; empty when not checked
   * @param commit the full SHA the check ran on; empty when not checked
   * @param reason why the migrations were not checked; empty when checked
   * @param reproducibility {@code checked} when a fresh database and one upgraded from the
   *     previous release were compared, else {@code skipped (<why>)}; a record written before this
   *     field says {@code not recorded}, never checked
   */
  public record Migrations(
      String status, String tool, String commit, String reason, String reproducibility) {

    public static final String CHECKED = "checked";
    public static final String NOT_CHECKED = "not-checked";

    public Migrations {
      status = status == null || status.isBlank() ? NOT_CHECKED : status;
      tool = tool == null ? "" : tool;
      commit = commit == null ? "" : commit;
      reason = reason == null ? "" : reason;
      reproducibility = reproducibility == null || reproducibility.isBlank()
          ? (CHECKED.equals(status) ? "not recorded (the record predates it)" : "skipped (migrations not checked)")
          : reproducibility;
    }

    public static Migrations checked(String tool, String commit, String reproducibility) {
      return new Migrations(CHECKED, tool, commit, "", reproducibility);
    }

    public static Migrations notChecked(String reason) {
      return new Migrations(NOT_CHECKED, "", "", reason, "");
    }

    /** True only when the record says a fresh and an upgraded database were compared. */
    public boolean reproduced() {
      return "checked".equals(reproducibility);
    }

    public boolean wasChecked() {
      return CHECKED.equals(status);
    }
  }

  /**
   * Why this record's migrations are not known, or empty when they were checked: a record from
   * before the {@code migrations} field, or one that says {@code not-checked}.
   */
  public Optional<String> migrationsUnknown() {
    if (migrations == null) {
      return Optional.of("its release record predates the migrations status (written before it was recorded)");
    }
    if (!migrations.wasChecked()) {
      return Optional.of("its migrations were not checked: " + migrations.reason());
    }
    if (flyway == null || flyway.newMigrations() == null) {
      return Optional.of("its record says checked but lists no new migrations");
    }
    return Optional.empty();
  }

  /** A migration new in the release: its version, file and class ({@code expand}/{@code contract}). */
  public record NewMigration(String version, String file, String safetyClass) {}

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the release record of " + tag, e);
    }
  }

  public static ReleaseRecord fromJson(String json, String origin) {
    try {
      return JSON.readValue(json, ReleaseRecord.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          origin + " is not a beelms release record (" + SCHEMA + "): " + e.getMessage(), e);
    }
  }

  /** Writes {@value #FILE} into {@code directory}. */
  public Path writeTo(Path directory) {
    Path file = directory.resolve(FILE);
    try {
      Files.createDirectories(directory);
      Files.writeString(file, toJson());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public static ReleaseRecord read(Path file) {
    try {
      return fromJson(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the release record " + file, e);
    }
  }
}
