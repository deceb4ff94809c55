package org.beelms.plugin.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseTag;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.release.ReleaseRecordStore;

/**
 * Where deploy and rollback find release records and write their outcome back. The git note on
 * the released commit ({@value ReleaseRecordStore#NOTES_REF}) is the authority: it travels with
 * the repository, so the production deploy (or a rollback weeks later, from a fresh clone) sees
 * what staging recorded. {@code target/beelms-release/release.json} is the record of the release
 * just built; it is used when no version is named, and kept in step when it is the same release.
 *
 * <p>Deploy outcomes live in the record's {@code smoke} object: per environment, the latest
 * post-deploy smoke and the list of {@code deployments} (see {@link DeploymentEntry}).
 */
public final class ReleaseRecords {

  private final ReleaseHistory history;
  private final Path recordFile;

  /**
   * @param history the project's git repository
   * @param recordDirectory {@code target/beelms-release}, where {@code release.json} is
   */
  public ReleaseRecords(ReleaseHistory history, Path recordDirectory) {
    this.history = Objects.requireNonNull(history, "history");
    this.recordFile = recordDirectory.resolve(ReleaseRecord.FILE);
  }

  /** A record and where it was read from. */
  public record Located(ReleaseRecord record, String origin) {}

  /**
   * The record of {@code version} (a tag such as {@code v0.1.0} or a version such as {@code
   * 0.1.0}) from its git note; without a version, {@code release.json} (preferring the git note of
   * the same commit when there is one, since it holds later deploy outcomes).
   */
  public Located locate(Optional<String> version, String parameter) {
    if (version.isPresent()) {
      String tag = tagName(version.get());
      ReleaseTag releaseTag =
          history.releaseTags().stream()
              .filter(t -> t.name().equals(tag))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException(DeploySuggestions.unknownRelease(parameter, tag, tagNames())));
      ReleaseRecord record =
          note(releaseTag.commit())
              .orElseThrow(() -> new IllegalArgumentException(DeploySuggestions.noNote(tag, releaseTag.commit())));
      return new Located(record, "git note " + ReleaseRecordStore.NOTES_REF + " of " + tag);
    }
    if (!Files.isRegularFile(recordFile)) {
      throw new IllegalArgumentException(DeploySuggestions.noRecordFile(recordFile, parameter, tagNames()));
    }
    ReleaseRecord file = ReleaseRecord.read(recordFile);
    Optional<ReleaseRecord> noted = hasCommit(file.commit()) ? note(file.commit()) : Optional.empty();
    return noted
        .map(n -> new Located(n, "git note " + ReleaseRecordStore.NOTES_REF + " of " + n.tag()))
        .orElseGet(() -> new Located(file, recordFile.toString()));
  }

  /** The record of every {@code v*} tag reachable from HEAD that has one, newest version first. */
  public List<ReleaseRecord> tagged() {
    List<ReleaseRecord> records = new ArrayList<>();
    for (ReleaseTag tag : history.releaseTags()) {
      note(tag.commit()).ifPresent(records::add);
    }
    records.sort(Comparator.comparing(ReleaseRecords::semanticVersion).reversed());
    return records;
  }

  /** The {@code v*} tags reachable from HEAD that have no release record (git note). */
  public List<String> tagsWithoutRecord() {
    List<String> tags = new ArrayList<>();
    for (ReleaseTag tag : history.releaseTags()) {
      if (note(tag.commit()).isEmpty()) {
        tags.add(tag.name());
      }
    }
    return tags;
  }

  /**
   * Appends {@code entry} to the record of {@code release}: re-reads the git note first (another
   * run may have added to it), sets {@code smoke.<environment>} and appends to its {@code
   * deployments}, then writes the note and, when it is the same release, {@code release.json}.
   *
   * @param smokeReport the smoke run's own record ({@code smoke-<environment>.json}); empty when
   *     smoke did not run
   * @return the updated record
   */
  public ReleaseRecord append(ReleaseRecord release, DeploymentEntry entry, Optional<Path> smokeReport) {
    ReleaseRecord base =
        hasCommit(release.commit()) ? note(release.commit()).orElse(release) : release;
    ObjectNode smoke = base.smoke().deepCopy();
    ObjectNode environment =
        smoke.get(entry.environment()) instanceof ObjectNode existing
            ? existing
            : smoke.putObject(entry.environment());
    environment.put("status", entry.smoke());
    environment.put("digest", entry.digest());
    environment.put("version", entry.version());
    environment.put("at", entry.at().toString());
    environment.put("by", entry.by());
    environment.put("action", entry.action());
    if (entry.tiers().isEmpty()) {
      environment.remove("tiers");
    } else {
      environment.set("tiers", entry.tiers().toJson());
    }
    smokeReport.ifPresentOrElse(p -> environment.put("report", p.toString()), () -> environment.remove("report"));
    ArrayNode deployments =
        environment.get("deployments") instanceof ArrayNode list ? list : environment.putArray("deployments");
    deployments.add(entry.toJson());
    return write(base, smoke);
  }

  /**
   * Marks the deployment {@code entry} (recorded before in {@code release}'s record, found by
   * action, environment, digest and time) {@code rolledBack: true}, after the same run moved the
   * environment back; re-reads the git note first, like {@link #append}.
   *
   * @return the updated record; unchanged when the entry is not found
   */
  public ReleaseRecord markRolledBack(ReleaseRecord release, DeploymentEntry entry) {
    ReleaseRecord base =
        hasCommit(release.commit()) ? note(release.commit()).orElse(release) : release;
    ObjectNode smoke = base.smoke().deepCopy();
    for (com.fasterxml.jackson.databind.JsonNode node : smoke.path(entry.environment()).path("deployments")) {
      DeploymentEntry recorded = DeploymentEntry.fromJson(node);
      if (node instanceof ObjectNode object
          && recorded.action().equals(entry.action())
          && recorded.digest().equals(entry.digest())
          && recorded.at().equals(entry.at())) {
        object.put("rolledBack", true);
        return write(base, smoke);
      }
    }
    return base;
  }

  /**
   * Adds {@code field: value} to every entry of {@code environment} written at or after {@code
   * since}, in every release's record (a deploy and its automatic rollback write to two records);
   * re-reads each note first, like {@link #append}.
   *
   * @return how many entries were marked
   */
  public int annotateSince(String environment, java.time.Instant since, String field, String value) {
    int marked = 0;
    for (ReleaseRecord record : tagged()) {
      ObjectNode smoke = record.smoke().deepCopy();
      int before = marked;
      for (com.fasterxml.jackson.databind.JsonNode node : smoke.path(environment).path("deployments")) {
        if (node instanceof ObjectNode object && !object.has(field)
            && !DeploymentEntry.fromJson(node).at().isBefore(since)) {
          object.put(field, value);
          marked++;
        }
      }
      if (marked > before) {
        write(record, smoke);
      }
    }
    return marked;
  }

  /** Writes {@code base} with {@code smoke} to the git note and, for the same release, release.json. */
  private ReleaseRecord write(ReleaseRecord base, ObjectNode smoke) {
    ReleaseRecord updated =
        new ReleaseRecord(
            base.schema(), base.version(), base.tag(), base.commit(), base.createdAt(), base.dryRun(),
            base.image(), base.flyway(), base.specSha256(), base.gates(), smoke, base.migrations());
    if (hasCommit(updated.commit())) {
      new ReleaseRecordStore(history.repository()).attach(updated);
    }
    if (Files.isRegularFile(recordFile) && ReleaseRecord.read(recordFile).tag().equals(updated.tag())) {
      updated.writeTo(recordFile.getParent());
    }
    return updated;
  }

  /** Every deploy and rollback recorded in {@code record}, for every environment. */
  public static List<DeploymentEntry> deployments(ReleaseRecord record) {
    List<DeploymentEntry> entries = new ArrayList<>();
    record.smoke().fields().forEachRemaining(
        e -> e.getValue().path("deployments").forEach(d -> entries.add(DeploymentEntry.fromJson(d))));
    return entries;
  }

  /** The semantic version of a record (from its tag, else its version). */
  public static SemanticVersion semanticVersion(ReleaseRecord record) {
    return SemanticVersion.fromTag(record.tag())
        .or(() -> SemanticVersion.parse(record.version()))
        .orElseThrow(() -> new IllegalArgumentException(
            "the release record of " + record.tag() + " has no semantic version"));
  }

  /** {@code v0.1.0} for {@code 0.1.0} or {@code v0.1.0}. */
  public static String tagName(String version) {
    String v = version.trim();
    return v.startsWith("v") ? v : "v" + v;
  }

  private List<String> tagNames() {
    return history.releaseTags().stream().map(ReleaseTag::name).toList();
  }

  private Optional<ReleaseRecord> note(String commit) {
    return new ReleaseRecordStore(history.repository()).read(commit);
  }

  private boolean hasCommit(String commit) {
    try {
      return history.repository().getObjectDatabase().has(org.eclipse.jgit.lib.ObjectId.fromString(commit));
    } catch (IllegalArgumentException e) {
      return false;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the git objects of " + history.workTree(), e);
    }
  }
}
