package org.beelms.plugin.rollback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.migrations.MigrationVersion;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.release.ReleaseRecordStore;
import org.beelms.plugin.smoke.Environment;

/**
 * Builds the rollback plan from the release records alone (no registry, no network): which
 * release runs now (the one whose image digest the environment tag has), which to return to, the
 * migrations in between and the decision they allow.
 *
 * <p>Default target: the newest healthy deployment to the environment, in the records' deploy
 * history, of a release older than the current one; without such history, the newest {@code v*}
 * release older than the current one that has an image.
 */
public final class RollbackPlanner {

  private RollbackPlanner() {}

  /**
   * @param records every release record (the {@code v*} tags' git notes)
   * @param environmentTag the environment's tag reference, for the plan
   * @param currentDigest the digest the environment tag points at now
   */
  public static RollbackPlan plan(
      Environment environment,
      List<ReleaseRecord> records,
      String environmentTag,
      String currentDigest,
      Optional<String> to,
      Optional<String> backupId) {
    return plan(environment, records, List.of(), environmentTag, currentDigest, to, backupId, Optional.empty());
  }

  /**
   * @param records every release record (the {@code v*} tags' git notes)
   * @param tagsWithoutRecord the {@code v*} tags that have no release record: their migrations
   *     are not known
   * @param environmentTag the environment's tag reference, for the plan
   * @param currentDigest the digest the environment tag points at now
   * @param force the reason given with {@code -Dbeelms.rollback.force}; empty when not given
   */
  public static RollbackPlan plan(
      Environment environment,
      List<ReleaseRecord> records,
      List<String> tagsWithoutRecord,
      String environmentTag,
      String currentDigest,
      Optional<String> to,
      Optional<String> backupId,
      Optional<String> force) {
    return plan(environment, records, tagsWithoutRecord, environmentTag, currentDigest, to,
        RestoreChoice.hook(backupId, !environment.restoreCommand().isEmpty()), force);
  }

  /**
   * As above, with the backup a restore would use chosen by {@code restore} (a given id, or the one
   * the deploy being undone recorded when {@code -Dbeelms.rollback.restore=true}).
   */
  public static RollbackPlan plan(
      Environment environment,
      List<ReleaseRecord> records,
      List<String> tagsWithoutRecord,
      String environmentTag,
      String currentDigest,
      Optional<String> to,
      RestoreChoice restore,
      Optional<String> force) {
    List<ReleaseRecord> withImage =
        records.stream().filter(r -> r.image() != null && r.image().digest() != null).toList();
    ReleaseRecord current =
        withImage.stream()
            .filter(r -> r.image().digest().equals(currentDigest))
            .max(Comparator.comparing(ReleaseRecords::semanticVersion))
            .orElseThrow(() -> new IllegalArgumentException(
                environmentTag + " points at " + currentDigest + ", which no release record knows (v* tags"
                    + " with a git note " + org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF + "); fetch"
                    + " the notes (git fetch origin " + org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF
                    + ":" + org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF + ") or deploy a release"
                    + " with mvn beelms:deploy"));
    SemanticVersion currentVersion = ReleaseRecords.semanticVersion(current);

    ReleaseRecord target;
    String chosenBy;
    if (to.isPresent()) {
      String tag = ReleaseRecords.tagName(to.get());
      target =
          withImage.stream().filter(r -> r.tag().equals(tag)).findFirst()
              .orElseThrow(() -> new IllegalArgumentException(
                  "-Dbeelms.rollback.to=" + to.get() + ": " + tag + " has no release record with an image;"
                      + " known: " + String.join(", ", withImage.stream().map(ReleaseRecord::tag).toList())));
      chosenBy = "-Dbeelms.rollback.to";
    } else {
      Optional<ReleaseRecord> fromHistory = previousDeployment(environment.name(), withImage, currentVersion);
      if (fromHistory.isPresent()) {
        target = fromHistory.get();
        chosenBy = "deployed to " + environment.name() + " before " + current.tag();
      } else {
        target =
            withImage.stream()
                .filter(r -> ReleaseRecords.semanticVersion(r).compareTo(currentVersion) < 0)
                .max(Comparator.comparing(ReleaseRecords::semanticVersion))
                .orElseThrow(() -> new IllegalArgumentException(
                    "no release older than " + current.tag() + " with an image to roll "
                        + environment.name() + " back to; name one with -Dbeelms.rollback.to=v…"));
        chosenBy = "the release tag before " + current.tag() + " ("
            + whyNoDeploymentCounts(environment.name(), withImage, currentVersion) + ")";
      }
    }
    SemanticVersion targetVersion = ReleaseRecords.semanticVersion(target);
    if (targetVersion.compareTo(currentVersion) >= 0) {
      throw new IllegalArgumentException(
          "-Dbeelms.rollback.to=" + target.tag() + " is not older than " + current.tag() + ", which "
              + environment.name() + " runs; to move forward use mvn beelms:deploy -Dtarget="
              + environment.name() + " -Dbeelms.deploy.version=" + target.tag());
    }
    List<PlannedMigration> migrations =
        migrationsBetween(records, targetVersion, currentVersion, schemaVersion(target));
    List<String> unknown =
        new ArrayList<>(migrationsUnknown(records, tagsWithoutRecord, targetVersion, currentVersion));
    migrations.stream().filter(PlannedMigration::unknown)
        .forEach(m -> unknown.add(m.release() + ": " + m.file() + " is classed " + m.safetyClass()
            + " (statements not read, review by hand)"));
    RestoreChoice.Resolved resolved = restore.resolve(environment.name(), records, current);
    RollbackDecision decision = RollbackDecision.decide(migrations, unknown, resolved, force);
    List<String> reproducibility = between(records, targetVersion, currentVersion).stream()
        .filter(r -> r.migrations() != null && r.migrations().wasChecked() && !r.migrations().reproduced())
        .map(r -> r.tag() + ": " + r.migrations().reproducibility())
        .toList();
    return new RollbackPlan(environment.name(), environmentTag, current, target, chosenBy,
        migrations, decision, reproducibility, resolved);
  }

  /**
   * One line per release after {@code target} up to and including {@code current} whose new
   * migrations are not known: not checked, a record older than the migrations status, or no
   * record at all.
   */
  public static List<String> migrationsUnknown(
      List<ReleaseRecord> records,
      List<String> tagsWithoutRecord,
      SemanticVersion target,
      SemanticVersion current) {
    List<String> out = new ArrayList<>();
    for (ReleaseRecord r : between(records, target, current)) {
      r.migrationsUnknown().ifPresent(why -> out.add(r.tag() + ": " + why));
    }
    for (String tag : tagsWithoutRecord) {
      SemanticVersion.fromTag(tag)
          .filter(v -> v.compareTo(target) > 0 && v.compareTo(current) <= 0)
          .ifPresent(v -> out.add(tag + ": no release record (git note " + ReleaseRecordStore.NOTES_REF
              + ") for this tag"));
    }
    return out;
  }

  private static List<ReleaseRecord> between(
      List<ReleaseRecord> records, SemanticVersion target, SemanticVersion current) {
    return records.stream()
        .filter(r -> {
          SemanticVersion v = ReleaseRecords.semanticVersion(r);
          return v.compareTo(target) > 0 && v.compareTo(current) <= 0;
        })
        .sorted(Comparator.comparing(ReleaseRecords::semanticVersion))
        .toList();
  }

  /**
   * The migrations of releases after {@code target} up to and including {@code current}, oldest
   * first; when the target's schema version is known, only those above it (a record that listed
   * already released migrations as new does not make them count twice).
   */
  public static List<PlannedMigration> migrationsBetween(
      List<ReleaseRecord> records,
      SemanticVersion target,
      SemanticVersion current,
      Optional<MigrationVersion> targetSchema) {
    List<PlannedMigration> out = new ArrayList<>();
    for (ReleaseRecord r : between(records, target, current)) {
      if (r.flyway() == null || r.flyway().newMigrations() == null) {
        continue; // not known: migrationsUnknown reports it, the decision refuses
      }
      for (ReleaseRecord.NewMigration m : r.flyway().newMigrations()) {
        if (targetSchema.isPresent()
            && MigrationVersion.isValid(m.version())
            && MigrationVersion.parse(m.version()).compareTo(targetSchema.get()) <= 0) {
          continue;
        }
        out.add(new PlannedMigration(r.tag(), m.version(), m.file(), m.safetyClass()));
      }
    }
    return out;
  }

  /** The highest Flyway version a release applies, when its record says. */
  private static Optional<MigrationVersion> schemaVersion(ReleaseRecord release) {
    return Optional.ofNullable(release.flyway())
        .map(ReleaseRecord.Flyway::targetVersion)
        .filter(v -> v != null && MigrationVersion.isValid(v))
        .map(MigrationVersion::parse);
  }

  /** The newest healthy deployment to {@code environment} of a release older than the current one. */
  /**
   * Why no recorded deploy picked the target: what was recorded on the environment for older
   * releases and why it does not count (only a deploy or rollback whose smoke passed does).
   */
  static String whyNoDeploymentCounts(
      String environment, List<ReleaseRecord> records, SemanticVersion currentVersion) {
    List<DeploymentEntry> older = new ArrayList<>();
    for (ReleaseRecord r : records) {
      if (ReleaseRecords.semanticVersion(r).compareTo(currentVersion) < 0) {
        ReleaseRecords.deployments(r).stream()
            .filter(e -> e.environment().equals(environment))
            .forEach(older::add);
      }
    }
    if (older.isEmpty()) {
      return "no deploy or rollback of an older release to " + environment + " is recorded";
    }
    older.sort(Comparator.comparing(DeploymentEntry::at).reversed());
    List<String> seen = older.stream().limit(3)
        .map(e -> e.tag() + " " + e.action() + " at " + e.at() + ": " + e.outcome() + ", smoke " + e.smoke())
        .toList();
    return "recorded on " + environment + " but not counted, since only a deploy or rollback whose"
        + " smoke passed is a release known to run there: " + String.join("; ", seen)
        + (older.size() > seen.size() ? " and " + (older.size() - seen.size()) + " more" : "");
  }

  private static Optional<ReleaseRecord> previousDeployment(
      String environment, List<ReleaseRecord> records, SemanticVersion currentVersion) {
    List<DeploymentEntry> entries = new ArrayList<>();
    for (ReleaseRecord r : records) {
      ReleaseRecords.deployments(r).stream()
          .filter(e -> e.environment().equals(environment))
          .filter(DeploymentEntry::healthy)
          .forEach(entries::add);
    }
    entries.sort(Comparator.comparing(DeploymentEntry::at).reversed());
    for (DeploymentEntry e : entries) {
      Optional<ReleaseRecord> record =
          records.stream()
              .filter(r -> r.tag().equals(e.tag()) && r.image().digest().equals(e.digest()))
              .findFirst();
      if (record.isPresent() && ReleaseRecords.semanticVersion(record.get()).compareTo(currentVersion) < 0) {
        return record;
      }
    }
    return Optional.empty();
  }
}
