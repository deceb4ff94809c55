package org.beelms.plugin.release;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.git.ConventionalCommit;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.openapi.ApiChanges;

/**
 * Release plan 2.3, "Changelog/release notes": what changed in one release, read from git and
 * from the reports of the other goals. An input that was missing stays visible as such (its
 * {@code source} says what was missing and how to produce it); nothing is invented.
 *
 * @param title the product's name, e.g. {@code beelms core}
 * @param version the version released
 * @param versionReason why this version, e.g. {@code 0.2.0: 1 feat since v0.1.0 (...)}
 * @param date the release date
 * @param previousRelease the tag compared with ({@code v0.1.0}); empty for the first release
 * @param headCommit the commit released (short SHA)
 * @param changes the commits since the previous release, grouped
 * @param migrations the database migrations added
 * @param api the API changes against the previous release's spec
 * @param knownLimitations the maintained file and the open or waived DoD items
 * @param image the container image built for the release
 */
public record ReleaseNotes(
    String title,
    SemanticVersion version,
    String versionReason,
    LocalDate date,
    Optional<String> previousRelease,
    String headCommit,
    Changes changes,
    Migrations migrations,
    Api api,
    KnownLimitations knownLimitations,
    Image image) {

  public ReleaseNotes {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(version, "version");
    versionReason = versionReason == null ? "" : versionReason;
    Objects.requireNonNull(date, "date");
    previousRelease = previousRelease == null ? Optional.empty() : previousRelease;
    Objects.requireNonNull(headCommit, "headCommit");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(migrations, "migrations");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(knownLimitations, "knownLimitations");
    Objects.requireNonNull(image, "image");
  }

  public String tagName() {
    return version.tagName();
  }

  public boolean firstRelease() {
    return previousRelease.isEmpty();
  }

  /** The notes as a Markdown document ({@code release-notes.md}). */
  public String toMarkdown() {
    return ReleaseNotesMarkdown.document(this);
  }

  /** The notes as a {@code ## [version] - date} section of {@code CHANGELOG.md}. */
  public String toChangelogSection() {
    return ReleaseNotesMarkdown.changelogSection(this);
  }

  /** A short plain-text summary, one line per section: the annotated tag's message. */
  public String summary() {
    return ReleaseNotesMarkdown.summary(this);
  }

  /**
   * The commits since the previous release, oldest first in each group. A breaking commit is only
   * listed under {@code breaking}.
   *
   * @param breaking {@code type!:} or a {@code BREAKING CHANGE:} footer
   * @param features {@code feat}
   * @param fixes {@code fix}
   * @param performance {@code perf}
   * @param other every other type and every non-conventional message
   * @param leftOut merge commits and release commits, which are not listed
   */
  public record Changes(
      List<ConventionalCommit> breaking,
      List<ConventionalCommit> features,
      List<ConventionalCommit> fixes,
      List<ConventionalCommit> performance,
      List<ConventionalCommit> other,
      int leftOut) {

    public Changes {
      breaking = List.copyOf(breaking);
      features = List.copyOf(features);
      fixes = List.copyOf(fixes);
      performance = List.copyOf(performance);
      other = List.copyOf(other);
    }

    /** Groups {@code commits} (oldest first, merges and release commits already removed). */
    public static Changes group(List<ConventionalCommit> commits, int leftOut) {
      return new Changes(
          commits.stream().filter(ConventionalCommit::breaking).toList(),
          ofType(commits, "feat"),
          ofType(commits, "fix"),
          ofType(commits, "perf"),
          commits.stream()
              .filter(c -> !c.breaking())
              .filter(c -> !List.of("feat", "fix", "perf").contains(c.type()))
              .toList(),
          leftOut);
    }

    private static List<ConventionalCommit> ofType(List<ConventionalCommit> commits, String type) {
      return commits.stream().filter(c -> !c.breaking() && c.type().equals(type)).toList();
    }

    /** The number of commits listed. */
    public int listed() {
      return breaking.size() + features.size() + fixes.size() + performance.size() + other.size();
    }
  }

  /**
   * The migrations added in this release.
   *
   * @param source where the list comes from, or what was missing, in words
   * @param available false when neither a report nor a migrations folder was found
   * @param added the migrations, in Flyway's order (report) or by path (git)
   * @param checked true only when the list comes from this commit's {@code migrations.json}: an
   *     empty list then means "none"; otherwise the migrations were not checked
   * @param reproducibility when checked, what {@code migrations.json} says: {@code checked} or
   *     {@code skipped (<why>)}; empty when the migrations were not checked at all
   */
  public record Migrations(
      String source, boolean available, List<Migration> added, boolean checked, String reproducibility) {

    public Migrations {
      Objects.requireNonNull(source, "source");
      added = List.copyOf(added);
      reproducibility = reproducibility == null ? "" : reproducibility;
    }

    /** Migrations that were not checked: no reproducibility to tell. */
    public Migrations(String source, boolean available, List<Migration> added, boolean checked) {
      this(source, available, added, checked, "");
    }

    public long contractCount() {
      return added.stream().filter(m -> m.safetyClass().equals("contract")).count();
    }

    /** Migrations neither expand nor contract: not read, review by hand. */
    public long unknownCount() {
      return added.stream()
          .filter(m -> !m.safetyClass().equals("contract") && !m.safetyClass().equals("expand"))
          .count();
    }
  }

  /**
   * One added migration.
   *
   * @param file the file, relative to the migrations folder (report) or the repository (git)
   * @param version the Flyway version; empty when unknown or repeatable
   * @param description the description; empty when unknown
   * @param safetyClass {@code expand}, {@code contract} or {@code unknown} (not classified)
   */
  public record Migration(String file, String version, String description, String safetyClass) {}

  /**
   * The API changes against the previous release's spec.
   *
   * @param changes the comparison; empty when {@code api-changes.json} was missing
   * @param source where it was read from, or what was missing
   */
  public record Api(Optional<ApiChanges> changes, String source) {

    public Api {
      changes = changes == null ? Optional.empty() : changes;
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * The release's known limitations.
   *
   * @param file the maintained file as the notes name it
   * @param maintained its content; empty when the file does not exist
   * @param dodSource the DoD checklist as the notes name it, or why its items are not listed
   * @param dodItems the open, expired-waiver and waived items; empty when the DoD was not read
   * @param waiverFile the smoke/regression waiver file ({@code <smokeWaivers>}) as the notes name
   *     it; empty when none is configured
   * @param waivedChecks its waivers: the checks of the smoke and regression tiers the release
   *     ships failing, each accepted until a date ({@code WAIVED}, or {@code WAIVER_EXPIRED})
   */
  public record KnownLimitations(
      String file,
      Optional<String> maintained,
      String dodSource,
      Optional<List<Limitation>> dodItems,
      String waiverFile,
      List<Limitation> waivedChecks,
      String baseline) {

    public KnownLimitations {
      baseline = baseline == null ? "" : baseline;
      maintained = maintained == null ? Optional.empty() : maintained;
      dodItems = dodItems == null ? Optional.empty() : dodItems.map(List::copyOf);
      waiverFile = waiverFile == null ? "" : waiverFile;
      waivedChecks = waivedChecks == null ? List.of() : List.copyOf(waivedChecks);
    }

    /** Without a smoke waiver file. */
    public KnownLimitations(
        String file, Optional<String> maintained, String dodSource, Optional<List<Limitation>> dodItems) {
      this(file, maintained, dodSource, dodItems, "", List.of(), "");
    }

    /** The same limitations with the baseline's size ({@link #baseline}). */
    public KnownLimitations withBaseline(String sentence) {
      return new KnownLimitations(file, maintained, dodSource, dodItems, waiverFile, waivedChecks, sentence);
    }

    /** The same limitations with the waivers of the smoke waiver file {@code source}. */
    public KnownLimitations withWaivedChecks(String source, List<Limitation> waived) {
      return new KnownLimitations(file, maintained, dodSource, dodItems, source, waived, baseline);
    }

    public int dodCount() {
      return dodItems.map(List::size).orElse(0);
    }
  }

  /**
   * One Definition-of-Done item that is not done.
   *
   * @param id the item's ID ({@code DOD-B-3e01b9}, or a {@code (DOD-X-n)} tag)
   * @param text the item's text
   * @param status open, waived, or open with an expired waiver
   * @param waiver for a waived item: until when, by whom, why; empty otherwise
   */
  public record Limitation(String id, String text, Status status, String waiver) {

    /** Why the item is listed. */
    public enum Status {
      OPEN,
      WAIVER_EXPIRED,
      WAIVED
    }
  }

  /**
   * The container image.
   *
   * @param result what beelms:image wrote; empty when it was not built
   * @param source where it was read from, or what was missing
   * @param supplyChain its SBOM, provenance and signature ({@code beelms:attest}); empty when not
   *     made for this image
   */
  public record Image(
      Optional<ImageResult> result, String source, Optional<ReleaseRecord.SupplyChain> supplyChain) {

    public Image {
      result = result == null ? Optional.empty() : result;
      Objects.requireNonNull(source, "source");
      supplyChain = supplyChain == null ? Optional.empty() : supplyChain;
    }

    public Image(Optional<ImageResult> result, String source) {
      this(result, source, Optional.empty());
    }
  }
}
