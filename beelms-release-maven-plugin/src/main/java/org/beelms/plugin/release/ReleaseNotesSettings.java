package org.beelms.plugin.release;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.checklist.DodSettings;

/**
 * What the release notes are made from and where they go.
 *
 * @param projectDirectory a folder inside the git work tree (the project's base folder)
 * @param title the product's name for the heading, e.g. {@code beelms core}
 * @param projectVersion the build's version ({@code 0.2.0}, or a SNAPSHOT with {@code
 *     deriveVersion})
 * @param deriveVersion whether a SNAPSHOT becomes the next version after the newest tag
 * @param reportDirectory {@code target/beelms-release}: where {@code migrations.json}, {@code
 *     api-changes.json} and {@code image.json} are read and the notes are written
 * @param migrationsDirectory the Flyway migrations folder, for listing added files when {@code
 *     migrations.json} is missing
 * @param knownLimitations the maintained known-limitations Markdown file
 * @param dod the Definition-of-Done checklist (and waivers) whose open and waived items are
 *     known limitations; empty to leave them out
 * @param changelog {@code CHANGELOG.md} to prepend a version section to; empty to leave it alone
 * @param clock today's date for the notes and the changelog section
 * @param smokeWaivers the smoke/regression waiver file ({@code <smokeWaivers>}), whose waived
 *     checks are known limitations; empty for none
 * @param allowList the openapi-check allow list ({@code <allowList>}), whose size (and the
 *     entries still with the baseline placeholder) the known limitations state; empty for none
 */
public record ReleaseNotesSettings(
    Path projectDirectory,
    String title,
    String projectVersion,
    boolean deriveVersion,
    Path reportDirectory,
    Path migrationsDirectory,
    Path knownLimitations,
    Optional<DodSettings> dod,
    Optional<Path> changelog,
    Clock clock,
    Optional<Path> smokeWaivers,
    Optional<Path> allowList) {

  /** The default maintained known-limitations file, relative to the project. */
  public static final String DEFAULT_KNOWN_LIMITATIONS = "docs/delivery/known-limitations.md";

  public ReleaseNotesSettings {
    Objects.requireNonNull(projectDirectory, "projectDirectory");
    title = title == null || title.isBlank() ? "Release" : title.strip();
    Objects.requireNonNull(projectVersion, "projectVersion");
    Objects.requireNonNull(reportDirectory, "reportDirectory");
    Objects.requireNonNull(migrationsDirectory, "migrationsDirectory");
    Objects.requireNonNull(knownLimitations, "knownLimitations");
    dod = dod == null ? Optional.empty() : dod;
    changelog = changelog == null ? Optional.empty() : changelog;
    clock = clock == null ? Clock.systemDefaultZone() : clock;
    smokeWaivers = smokeWaivers == null ? Optional.empty() : smokeWaivers;
    allowList = allowList == null ? Optional.empty() : allowList;
  }

  /** Without a smoke waiver file. */
  public ReleaseNotesSettings(
      Path projectDirectory, String title, String projectVersion, boolean deriveVersion,
      Path reportDirectory, Path migrationsDirectory, Path knownLimitations,
      Optional<DodSettings> dod, Optional<Path> changelog, Clock clock) {
    this(projectDirectory, title, projectVersion, deriveVersion, reportDirectory,
        migrationsDirectory, knownLimitations, dod, changelog, clock, Optional.empty(), Optional.empty());
  }

  /** With the openapi-check allow list whose accepted findings the notes count. */
  public ReleaseNotesSettings withAllowList(Path file) {
    return new ReleaseNotesSettings(
        projectDirectory, title, projectVersion, deriveVersion, reportDirectory,
        migrationsDirectory, knownLimitations, dod, changelog, clock, smokeWaivers, Optional.of(file));
  }

  /** With the smoke/regression waiver file whose waived checks the notes list. */
  public ReleaseNotesSettings withSmokeWaivers(Path file) {
    return new ReleaseNotesSettings(
        projectDirectory, title, projectVersion, deriveVersion, reportDirectory,
        migrationsDirectory, knownLimitations, dod, changelog, clock, Optional.of(file), allowList);
  }

  /**
   * Settings with this project's conventional layout: reports in {@code target/beelms-release},
   * migrations in {@code src/main/resources/db/migration}, the default known-limitations file,
   * no DoD and no changelog.
   */
  public static ReleaseNotesSettings of(Path projectDirectory, String title, String version) {
    return new ReleaseNotesSettings(
        projectDirectory, title, version, false,
        projectDirectory.resolve("target/beelms-release"),
        projectDirectory.resolve("src/main/resources/db/migration"),
        projectDirectory.resolve(DEFAULT_KNOWN_LIMITATIONS),
        Optional.empty(), Optional.empty(), null);
  }

  public ReleaseNotesSettings withDod(DodSettings dodSettings) {
    return new ReleaseNotesSettings(
        projectDirectory, title, projectVersion, deriveVersion, reportDirectory,
        migrationsDirectory, knownLimitations, Optional.of(dodSettings), changelog, clock, smokeWaivers, allowList);
  }

  public ReleaseNotesSettings withChangelog(Path file) {
    return new ReleaseNotesSettings(
        projectDirectory, title, projectVersion, deriveVersion, reportDirectory,
        migrationsDirectory, knownLimitations, dod, Optional.of(file), clock, smokeWaivers, allowList);
  }

  public ReleaseNotesSettings withClock(Clock fixed) {
    return new ReleaseNotesSettings(
        projectDirectory, title, projectVersion, deriveVersion, reportDirectory,
        migrationsDirectory, knownLimitations, dod, changelog, fixed, smokeWaivers, allowList);
  }

  public ReleaseNotesSettings withMigrationsDirectory(Path folder) {
    return new ReleaseNotesSettings(
        projectDirectory, title, projectVersion, deriveVersion, reportDirectory,
        folder, knownLimitations, dod, changelog, clock, smokeWaivers, allowList);
  }

  public ReleaseNotesSettings withDeriveVersion(boolean derive) {
    return new ReleaseNotesSettings(
        projectDirectory, title, projectVersion, derive, reportDirectory,
        migrationsDirectory, knownLimitations, dod, changelog, clock, smokeWaivers, allowList);
  }
}
