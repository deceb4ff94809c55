package org.beelms.plugin.mojo;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.checklist.DodCheck;
import org.beelms.plugin.checklist.DodSettings;
import org.beelms.plugin.checklist.WaiverBaseline;
import org.beelms.plugin.gate.Gate;

/**
 * Release plan 2.2, Definition-of-Done review: reports done, open and waived items per section of
 * the DoD checklist. Open items warn, or fail the build with {@code strict}. Also reports which
 * items of the WS checklists the smoke suite automates and which stay manual (information only).
 */
@Mojo(name = "dod-check", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class DodCheckMojo extends AbstractBeelmsMojo {

  /** The Definition-of-Done checklist (GitHub-flavoured Markdown task list). */
  @Parameter(
      property = "beelms.dod.checklist",
      defaultValue = "${project.basedir}/docs/architecture/mvp-bmad-dod-checklist.md")
  private File dodChecklist;

  /**
   * Optional YAML file of waivers: a list of entries with {@code item} (ID such as DOD-A-7, or
   * the start of the item's text), {@code reason}, {@code owner} and {@code expires}
   * (YYYY-MM-DD).
   */
  @Parameter(property = "beelms.dod.waivers")
  private File waivers;

  /**
   * The project's walking-skeleton (WS) demo and test checklists. For each file the goal reports,
   * as information, how many items the beelms smoke suite automates and lists every item that stays
   * manual with its file and line. An item counts as automated when it names a smoke-library ID
   * (such as WS1-API-1), uses beelms core's original wording of an automated item, or names in
   * backticks the METHOD /path of one (parameters written {id}, [id] or :id, with or without /api).
   * A missing file is reported, never failed: the DoD checklist is the gate. On the command line,
   * separate the files with commas.
   */
  @Parameter(
      property = "beelms.dod.wsChecklists",
      defaultValue =
          "${project.basedir}/docs/sprint-artifacts/WS1-wiki-demo-checklist.md,"
              + "${project.basedir}/docs/sprint-artifacts/WS2-auth-demo-checklist.md,"
              + "${project.basedir}/docs/sprint-artifacts/WS3-courses-assessments-demo-checklist.md")
  private List<File> wsChecklists;

  /**
   * Report open items and expired waivers as warnings without failing the gate. Off by default:
   * an open item without a valid waiver fails it, and so does an item whose waiver expired.
   */
  @Parameter(property = "beelms.dod.reportOnly", defaultValue = "false")
  private boolean reportOnly;

  /**
   * {@code write}: write the adoption baseline, a waiver with the placeholder reason {@code
   * baseline <date>} for every open item without one, into {@code waivers} (created when missing;
   * default {@code docs/delivery/dod-waivers.yaml}, which the pom must then name). Existing
   * waivers are kept. The same parameter writes the allow list in openapi-check.
   */
  @Parameter(property = "beelms.baseline")
  private String baseline;

  /** With {@code baseline=write}: the owner the written waivers name; default {@code unassigned}, open work. */
  @Parameter(property = "beelms.baseline.owner")
  private String baselineOwner;

  /** With {@code baseline=write}: the last day the written waivers hold (YYYY-MM-DD); default in 90 days. */
  @Parameter(property = "beelms.baseline.expires")
  private String baselineExpires;

  /** Skip this gate. */
  @Parameter(property = "beelms.skip.dod-check", defaultValue = "false")
  private boolean skip;

  @Override
  protected String goal() {
    return DodCheck.NAME;
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() {
    return List.of(new DodCheck(settings()));
  }

  DodSettings settings() {
    if (!dodChecklist.isFile()) {
      throw new IllegalArgumentException(
          "the DoD checklist "
              + dodChecklist
              + " does not exist; set <dodChecklist> / -Dbeelms.dod.checklist to its path,"
              + " or skip the gate with -Dbeelms.skip.dod-check");
    }
    Clock clock = Clock.systemDefaultZone();
    Optional<Path> waiverFile = Optional.ofNullable(waivers).map(File::toPath);
    Optional<WaiverBaseline> written = Optional.empty();
    if (Baseline.write(baseline)) {
      written = Optional.of(WaiverBaseline.of(baselineOwner, baselineExpires, LocalDate.now(clock)));
      if (waiverFile.isEmpty()) {
        waiverFile = Optional.of(unnamedBaselineFile("waivers", Baseline.DEFAULT_WAIVERS));
      }
    }
    return new DodSettings(
        dodChecklist.toPath(), waiverFile, reportOnly, clock, wsChecklistPaths(), written);
  }

  /** The WS checklists, relative entries resolved against the project folder. */
  private List<Path> wsChecklistPaths() {
    if (wsChecklists == null) {
      return List.of();
    }
    Path base = project == null ? Path.of("") : project.getBasedir().toPath();
    return wsChecklists.stream()
        .filter(f -> !f.getPath().isBlank())
        .map(f -> f.isAbsolute() ? f.toPath() : base.resolve(f.getPath().strip()))
        .toList();
  }
}
