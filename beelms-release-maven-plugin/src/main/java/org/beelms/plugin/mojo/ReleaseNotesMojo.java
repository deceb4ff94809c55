package org.beelms.plugin.mojo;

import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.beelms.plugin.checklist.DodSettings;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.release.ReleaseNotesGenerator;
import org.beelms.plugin.release.ReleaseNotesSettings;

/**
 * Release plan 2.3, release notes: the commits since the previous {@code v*} tag grouped by
 * Conventional Commits type (breaking changes first), the migrations added with their safety
 * class, the API changes, the known limitations and the image digest, written to {@code
 * target/beelms-release/release-notes.md} with a short summary for the tag message; optionally
 * added to {@code CHANGELOG.md} as a new version section.
 */
@Mojo(name = "release-notes", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ReleaseNotesMojo extends AbstractBeelmsMojo {

  /** The product's name in the notes' heading and the summary's first line. */
  @Parameter(property = "beelms.release-notes.title", defaultValue = "${project.name}")
  private String title;

  /**
   * The Flyway migrations folder; its files added since the previous tag are listed (class
   * {@code unknown}) when {@code migrations.json} from beelms:migrations-check is missing.
   */
  @Parameter(
      property = "beelms.migrations.locations",
      defaultValue = "${project.basedir}/src/main/resources/db/migration")
  private File locations;

  /** The maintained known-limitations file, included under "Known limitations" when it exists. */
  @Parameter(
      property = "beelms.release-notes.knownLimitations",
      defaultValue = "${project.basedir}/" + ReleaseNotesSettings.DEFAULT_KNOWN_LIMITATIONS)
  private File knownLimitations;

  /**
   * The Definition-of-Done checklist whose open, expired-waiver and waived items are listed as
   * known limitations (the same file beelms:dod-check reads). A missing file is shown as such.
   */
  @Parameter(
      property = "beelms.dod.checklist",
      defaultValue = "${project.basedir}/docs/architecture/mvp-bmad-dod-checklist.md")
  private File dodChecklist;

  /**
   * The smoke/regression waiver file (YAML), as for beelms:smoke, deploy and rollback: its waived
   * checks are listed under "Known limitations"; empty for none.
   */
  @Parameter(property = "beelms.smoke.waivers")
  private File smokeWaivers;

  /** The openapi-check allow list, as for beelms:openapi-check: its size is a known limitation. */
  @Parameter(property = "beelms.openapi.allowList")
  private File allowList;

  /** The DoD waivers file (YAML), as for beelms:dod-check; empty for none. */
  @Parameter(property = "beelms.dod.waivers")
  private File waivers;

  /** Whether to list the DoD items that are not done under "Known limitations". */
  @Parameter(property = "beelms.release-notes.includeDod", defaultValue = "true")
  private boolean includeDod;

  /**
   * Whether to add a {@code ## [version] - date} section on top of {@code changelog}. The file
   * then has to be committed before beelms:tag, which tags only a clean tree.
   */
  @Parameter(property = "beelms.release-notes.updateChangelog", defaultValue = "false")
  private boolean updateChangelog;

  /** The changelog file {@code updateChangelog} writes to (created when missing). */
  @Parameter(
      property = "beelms.release-notes.changelog",
      defaultValue = "${project.basedir}/CHANGELOG.md")
  private File changelog;

  /**
   * When the project version is a SNAPSHOT, write the notes for the next patch version after the
   * newest {@code v*} tag (or for the tag already on HEAD) instead of failing.
   */
  @Parameter(property = "beelms.deriveVersion", defaultValue = "false")
  private boolean deriveVersion;

  /** Write the notes under {@code outputDirectory} but leave {@code CHANGELOG.md} alone. */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** Skip this goal. */
  @Parameter(property = "beelms.skip.release-notes", defaultValue = "false")
  private boolean skip;

  @Override
  protected String goal() {
    return ReleaseNotesGenerator.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    return List.of(new ReleaseNotesGenerator(settings()));
  }

  ReleaseNotesSettings settings() {
    Optional<DodSettings> dod =
        includeDod && dodChecklist != null
            ? Optional.of(
                new DodSettings(
                    dodChecklist.toPath(),
                    Optional.ofNullable(waivers).map(File::toPath),
                    true,
                    Clock.systemDefaultZone()))
            : Optional.empty();
    ReleaseNotesSettings notes = new ReleaseNotesSettings(
        project.getBasedir().toPath(),
        title,
        projectVersion(),
        deriveVersion,
        outputDirectory.toPath(),
        locations.toPath(),
        knownLimitations.toPath(),
        dod,
        updateChangelog && !dryRun ? Optional.of(changelog.toPath()) : Optional.empty(),
        Clock.systemDefaultZone());
    notes = allowList == null ? notes : notes.withAllowList(allowList.toPath());
    return smokeWaivers == null ? notes : notes.withSmokeWaivers(smokeWaivers.toPath());
  }
}
