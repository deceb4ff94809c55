package org.beelms.plugin.mojo;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateRunner;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseVersion;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.report.GateReport;

/**
 * What every beelms goal shares: the skip flag, the output folder, the log adapter, and the one
 * place where gate results become the build's outcome. Subclasses only turn their parameters into
 * gates; the gates do the work.
 */
public abstract class AbstractBeelmsMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** Where reports, the summary and the release record are written. */
  @Parameter(
      property = "beelms.outputDirectory",
      defaultValue = "${project.build.directory}/beelms-release")
  protected File outputDirectory;

  /**
   * The version to release, given explicitly; wins over the pom's version and over the version
   * derived from the commits. Refused when not above the newest {@code v*} tag.
   */
  @Parameter(property = "beelms.releaseVersion")
  protected String explicitReleaseVersion;

  /**
   * The version every goal starts from: {@code -Dbeelms.releaseVersion} when given (checked against
   * the release tags), else the project's {@code <version>}.
   *
   * @throws IllegalArgumentException when the explicit version is not a release version above the
   *     previous release, naming the property
   */
  protected String projectVersion() {
    if (explicitReleaseVersion == null || explicitReleaseVersion.isBlank()) {
      return project.getVersion();
    }
    ReleaseHistory history;
    try {
      history = ReleaseHistory.open(project.getBasedir().toPath());
    } catch (IllegalArgumentException notInGit) {
      return SemanticVersion.parse(explicitReleaseVersion)
          .filter(v -> !v.isSnapshot())
          .map(SemanticVersion::toString)
          .orElseThrow(() -> new IllegalArgumentException(
              "-Dbeelms.releaseVersion=" + explicitReleaseVersion
                  + " is not a release version; give MAJOR.MINOR.PATCH, e.g. 0.2.0"));
    }
    try (history) {
      return ReleaseVersion.explicit(explicitReleaseVersion.strip(), history).toString();
    }
  }

  /**
   * The version being released, decided as every goal decides it ({@link ReleaseVersion}): the
   * project's release version (or {@code -Dbeelms.releaseVersion}), or with {@code derive} the tag
   * already on HEAD or the version the Conventional Commits since the newest {@code v*} tag call
   * for ({@link org.beelms.plugin.git.NextVersion}). A SNAPSHOT that may not be derived counts as its release
   * version ({@code 0.2.0-SNAPSHOT} → {@code 0.2.0}), which is what comparisons with the previous
   * release need; empty when the version is not a semantic version at all.
   */
  protected Optional<SemanticVersion> releaseVersion(boolean derive) {
    Optional<SemanticVersion> declared =
        SemanticVersion.parse(projectVersion())
            .map(v -> v.isSnapshot() ? new SemanticVersion(v.major(), v.minor(), v.patch(), "") : v);
    if (!derive) {
      return declared;
    }
    try (ReleaseHistory history = ReleaseHistory.open(project.getBasedir().toPath())) {
      return Optional.of(ReleaseVersion.resolve(projectVersion(), true, history));
    } catch (IllegalArgumentException notInGit) {
      return declared;
    }
  }

  /** {@code ${project.build.directory}}: the plugin's own output, never a change to the sources. */
  protected final Optional<Path> buildDirectory() {
    return Optional.ofNullable(project.getBuild()).map(b -> b.getDirectory()).map(Path::of);
  }

  /**
   * A parameter renamed because another goal reads the same name with another meaning (plugin-level
   * {@code <configuration>} reaches every goal): the new name's value, else the old name's for one
   * more release, with a warning naming the new name.
   */
  protected final String renamed(String newValue, String oldValue, String oldName, String newName) {
    if (newValue != null && !newValue.isBlank()) {
      return newValue;
    }
    if (oldValue == null || oldValue.isBlank()) {
      return newValue;
    }
    getLog().warn("beelms:" + goal() + ": <" + oldName + "> is deprecated here and will be read only in"
        + " this release; use <" + newName + "> (another goal reads <" + oldName + "> with another meaning)");
    return oldValue;
  }

  /**
   * Where {@code -Dbeelms.baseline=write} writes a file no setting names: {@code relative} to the
   * project, with a warning that the gate reads it only once {@code <element>} names it.
   */
  protected final Path unnamedBaselineFile(String element, String relative) {
    Path file = project.getBasedir().toPath().resolve(relative);
    getLog().warn("beelms:" + goal() + ": " + org.beelms.plugin.baseline.Baseline.PARAMETER + " writes "
        + file + ", which no setting names; add <" + element + ">${project.basedir}/" + relative + "</"
        + element + "> to the plugin's <configuration> so the gate reads it");
    return file;
  }

  /** The goal's name, e.g. {@code scope-freeze}; used in log lines and skip messages. */
  protected abstract String goal();

  /** The goal's own skip flag ({@code beelms.skip.<goal>}). */
  protected abstract boolean skip();

  /**
   * The gates this goal runs, in order. Building them validates the parameters: throw {@link
   * IllegalArgumentException} with a message naming the parameter and its {@code -D} property.
   */
  protected abstract List<Gate> gates() throws Exception;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip()) {
      getLog().info("Skipping beelms:" + goal() + " (beelms.skip." + goal() + "=true)");
      return;
    }
    report(runGates(new MavenLogListener(getLog())));
  }

  /** Builds this goal's gates and runs them; a goal that runs several gates overrides this. */
  protected List<GateResult> runGates(ReleaseListener listener) throws MojoExecutionException {
    return runAll(configuredGates(), listener);
  }

  /** {@link #gates()}, with a bad parameter turned into an error that names it. */
  final List<Gate> configuredGates() throws MojoExecutionException {
    try {
      return gates();
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("beelms:" + goal() + " is misconfigured: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new MojoExecutionException("beelms:" + goal() + " could not start: " + e.getMessage(), e);
    }
  }

  /** Runs the gates in order; a gate that cannot run at all stops the goal with its cause. */
  protected List<GateResult> runAll(List<Gate> gates, ReleaseListener listener)
      throws MojoExecutionException {
    GateRunner runner = new GateRunner(listener);
    List<GateResult> results = new ArrayList<>();
    for (Gate gate : gates) {
      try {
        results.add(runner.run(gate));
      } catch (Exception e) {
        throw new MojoExecutionException(
            "Gate " + gate.name() + " could not run: " + e.getMessage(), e);
      }
    }
    return results;
  }

  /** Writes the summary files and fails the build when a gate failed. */
  protected void report(List<GateResult> results) throws MojoFailureException {
    GateReport report = new GateReport(results);
    Path dir = outputDirectory.toPath();
    report.writeTo(dir);
    if (results.size() > 1) {
      report.consoleTable().forEach(getLog()::info);
    }
    getLog().info("Gate summary: " + dir.resolve(GateReport.MARKDOWN_FILE));
    if (report.anyFailed()) {
      String failed =
          results.stream()
              .filter(GateResult::failed)
              .map(GateResult::gate)
              .collect(Collectors.joining(", "));
      throw new MojoFailureException(
          "Release gate(s) failed: "
              + failed
              + ". See the findings above or "
              + dir.resolve(GateReport.MARKDOWN_FILE));
    }
  }
}
