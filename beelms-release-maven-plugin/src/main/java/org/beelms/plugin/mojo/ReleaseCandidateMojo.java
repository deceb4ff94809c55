package org.beelms.plugin.mojo;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.lifecycle.internal.LifecycleExecutionPlanCalculator;
import org.apache.maven.plugin.MavenPluginManager;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseVersion;
import org.beelms.plugin.release.ReleaseRecordGate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.release.PlannedGate;
import org.beelms.plugin.release.ReleaseCandidate;

/**
 * Release plan 2.1–2.2: runs the release-candidate gates in order (scope freeze, OpenAPI sync,
 * migrations, Definition of Done), keeps going after a failed gate so one run shows everything,
 * prints one table, writes {@code summary.md} and {@code summary.json}, and fails at the end when
 * a gate failed.
 *
 * <p>Each gate is configured exactly as its own goal would be (the same parameters, {@code
 * <configuration>} and {@code -Dbeelms.*} properties), because Maven configures the gate's own
 * Mojo for it; {@code -Dbeelms.skip.<gate>=true} skips one gate and the table says so.
 */
@Mojo(
    name = "release-candidate",
    defaultPhase = LifecyclePhase.VALIDATE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class ReleaseCandidateMojo extends AbstractBeelmsMojo {

  /** The gates, in the order the release plan asks for them. */
  static final List<String> GATE_GOALS =
      List.of("scope-freeze", "openapi-check", "migrations-check", "dod-check");

  /** The release artifacts, built in this order once every gate passed (release plan 2.3). */
  static final List<String> ARTIFACT_GOALS = List.of("image", "attest", "release-notes", "tag");

  /**
   * Build the release artifacts (image, release notes, tag, release record) after the gates. Off:
   * the gates only.
   */
  @Parameter(property = "beelms.release-candidate.artifacts", defaultValue = "true")
  private boolean artifacts;

  /** Run everything but push and tag, and say what would have been done. */
  @Parameter(property = "beelms.dryRun", defaultValue = "false")
  private boolean dryRun;

  /**
   * When the project version is a SNAPSHOT, release the next version after the newest {@code v*}
   * tag (the same property every goal reads).
   */
  @Parameter(property = "beelms.deriveVersion", defaultValue = "false")
  private boolean deriveVersion;

  /** The Flyway migrations, for the record's target schema version. */
  @Parameter(
      property = "beelms.migrations.locations",
      defaultValue = "${project.basedir}/src/main/resources/db/migration")
  private java.io.File locations;

  /** The OpenAPI document, whose hash the record keeps. */
  @Parameter(
      property = "beelms.openapi.spec",
      defaultValue = "${project.basedir}/docs/architecture/openapi.yaml")
  private java.io.File spec;

  /**
   * Run {@code beelms:prepare} first (write and commit the release version), so one command takes
   * a clean main to a tagged release. Its next-development-version commit, when asked for with
   * {@code -Dbeelms.prepare.nextSnapshot=true}, comes after the tag.
   */
  @Parameter(property = "beelms.prepare", defaultValue = "false")
  private boolean prepare;

  /** The git remote the release tag goes to; the release record is pushed there too. */
  @Parameter(property = "beelms.tag.remote", defaultValue = "origin")
  private String remote;

  /** The settings.xml server with the git account for the remote; else {@code BEELMS_GIT_USERNAME/PASSWORD}. */
  @Parameter(property = "beelms.tag.serverId")
  private String gitServerId;

  /** Push the release record (git note) to the remote after attaching it. */
  @Parameter(property = "beelms.record.push", defaultValue = "true")
  private boolean pushRecords;

  @Parameter(defaultValue = "${settings}", readonly = true)
  private org.apache.maven.settings.Settings settings;

  @Component private org.apache.maven.settings.crypto.SettingsDecrypter settingsDecrypter;

  /**
   * {@code write}: the adoption baseline. The gates run and openapi-check and dod-check write what
   * fails now into the allow list and the DoD waivers (placeholder reason {@code baseline <date>});
   * nothing is built, tagged or pushed, since the written files are not committed yet.
   */
  @Parameter(property = "beelms.baseline")
  private String baseline;

  /** Skip the whole release candidate. */
  @Parameter(property = "beelms.skip.release-candidate", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  @Component private MavenPluginManager pluginManager;

  @Component private LifecycleExecutionPlanCalculator executionPlanner;

  /** The tag the release record names, once written; what the push at the end sends. */
  private String releasedTag;

  @Override
  protected String goal() {
    return "release-candidate";
  }

  @Override
  protected boolean skip() {
    return skip;
  }

  @Override
  protected List<Gate> gates() throws Exception {
    List<Gate> gates = new ArrayList<>();
    for (PlannedGate planned : plan(GATE_GOALS)) {
      planned.gate().ifPresent(gates::add);
    }
    return gates;
  }

  @Override
  protected List<GateResult> runGates(ReleaseListener listener) throws MojoExecutionException {
    java.time.Instant started = java.time.Instant.now();
    ReleaseCandidate candidate = new ReleaseCandidate(listener);
    List<GateResult> results = new ArrayList<>();
    List<PlannedGate> afterTag = new ArrayList<>();
    if (baselineOnly()) {
      results.addAll(candidate.runGates(plan(GATE_GOALS)));
      for (String goal : ARTIFACT_GOALS) {
        GateResult skipped = GateResult.skipped(goal, "not run: " + Baseline.PARAMETER
            + " writes the baseline only; review and commit it, then run again");
        listener.gateFinished(skipped);
        results.add(skipped);
      }
      return results;
    }
    if (prepare && !prepareFirst(candidate, results, afterTag)) {
      return results;
    }
    results.addAll(candidate.runGates(plan(GATE_GOALS)));
    if (!artifacts) {
      return results;
    }
    // Release plan 2.3, in an order that leaves nothing half done: the tag comes only after
    // every gate passed and the image was pushed; anything failing stops what follows it.
    String blocker =
        results.stream().anyMatch(GateResult::failed) ? "a release-candidate gate failed" : null;
    java.util.Optional<org.beelms.plugin.release.StoppedRelease> tagBefore = tagBeforeArtifacts();
    for (String goal : ARTIFACT_GOALS) {
      if (blocker != null) {
        GateResult skipped = GateResult.skipped(goal, "not run: " + blocker);
        listener.gateFinished(skipped);
        results.add(skipped);
        continue;
      }
      List<PlannedGate> planned = plan(List.of(goal));
      // The provenance records the gates that ran before it in this release candidate.
      planned.forEach(p -> p.gate()
          .filter(org.beelms.plugin.supplychain.AttestGate.class::isInstance)
          .ifPresent(g -> ((org.beelms.plugin.supplychain.AttestGate) g).withEarlierResults(results, started)));
      List<GateResult> step = candidate.runGates(planned);
      results.addAll(step);
      if (step.stream().anyMatch(GateResult::failed)) {
        blocker = goal + " failed";
      }
    }
    if (blocker == null) {
      ReleaseRecordGate recordGate = recordGate(results);
      List<GateResult> recorded = candidate.runGates(List.of(PlannedGate.run(recordGate)));
      results.addAll(recorded);
      recordGate.written().ifPresent(written -> {
        releasedTag = written.record().tag();
        ReleaseRecordGate.summary(written, outputDirectory.toPath(), dryRun).forEach(getLog()::info);
      });
      if (recorded.stream().anyMatch(GateResult::failed)) {
        return results;
      }
      results.addAll(candidate.runGates(afterTag));
      if (prepare && results.stream().noneMatch(GateResult::failed)) {
        results.addAll(candidate.runGates(List.of(PlannedGate.run(releasePush()))));
      }
    } else {
      getLog().error(whatWasPublished(results, tagBefore));
    }
    return results;
  }

  /** Whether this run writes the adoption baseline (and so builds no release). */
  private boolean baselineOnly() throws MojoExecutionException {
    try {
      return Baseline.write(baseline);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("beelms:" + goal() + " is misconfigured: " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code beelms:prepare}'s release commit and makes its version the one every later goal
   * sees ({@code beelms.releaseVersion}); its next-development-version step goes to {@code
   * afterTag}. False when the release commit failed, which stops the run.
   */
  private boolean prepareFirst(
      ReleaseCandidate candidate, List<GateResult> results, List<PlannedGate> afterTag)
      throws MojoExecutionException {
    List<PlannedGate> planned = plan(List.of(org.beelms.plugin.version.ReleasePreparation.NAME));
    List<PlannedGate> now = new ArrayList<>();
    for (PlannedGate gate : planned) {
      (gate.name().equals(org.beelms.plugin.version.ReleasePreparation.NEXT_NAME) ? afterTag : now)
          .add(gate);
    }
    List<GateResult> prepared = candidate.runGates(now);
    results.addAll(prepared);
    if (prepared.stream().anyMatch(GateResult::failed)) {
      return false;
    }
    java.util.Optional<org.beelms.plugin.version.ReleasePreparation> preparation =
        now.stream()
            .flatMap(gate -> gate.gate().stream())
            .filter(org.beelms.plugin.version.ReleasePreparation.class::isInstance)
            .map(org.beelms.plugin.version.ReleasePreparation.class::cast)
            .findFirst();
    preparation.flatMap(org.beelms.plugin.version.ReleasePreparation::prepared).ifPresent(version -> {
      explicitReleaseVersion = version.toString();
      session.getUserProperties().setProperty("beelms.releaseVersion", version.toString());
    });
    // scope-freeze accepts exactly this commit ahead of the upstream; the push at the end sends it.
    preparation.flatMap(org.beelms.plugin.version.ReleasePreparation::releaseCommit).ifPresent(commit ->
        session.getUserProperties().setProperty("beelms.scope-freeze.releaseCommit", commit));
    return true;
  }

  /**
   * The release commit, the tag and the next SNAPSHOT commit, pushed together to the branch's
   * upstream (with the tag goal's credentials): what prepare committed is never left local.
   */
  private org.beelms.plugin.git.ReleasePush releasePush() throws MojoExecutionException {
    AbstractBeelmsMojo tag = configuredMojo("tag");
    try {
      return new org.beelms.plugin.git.ReleasePush(
          project.getBasedir().toPath(), releasedTag, ((TagMojo) tag).credentials(), dryRun);
    } finally {
      pluginManager.releaseMojo(tag, mojoExecution);
    }
  }

  /** The release record step, configured from this goal's parameters. */
  private ReleaseRecordGate recordGate(List<GateResult> results) throws MojoExecutionException {
    return new ReleaseRecordGate(
        new ReleaseRecordGate.Settings(
            project.getBasedir().toPath(),
            outputDirectory.toPath(),
            locations.toPath(),
            java.util.Optional.ofNullable(spec).map(java.io.File::toPath),
            projectVersion(),
            deriveVersion,
            dryRun,
            remote,
            new SettingsServers(settings, settingsDecrypter).git(gitServerId),
            pushRecords),
        results,
        java.time.Clock.systemUTC());
  }

  /** After a failed artifact step: what already left the machine, so nobody has to guess. */
  private String whatWasPublished(
      List<GateResult> results, java.util.Optional<org.beelms.plugin.release.StoppedRelease> tagBefore) {
    boolean imageBuilt =
        results.stream().anyMatch(r -> r.gate().equals("image") && r.status() == GateStatus.PASSED);
    String image =
        imageBuilt
            ? results.stream()
                .filter(r -> r.gate().equals("image"))
                .flatMap(r -> r.findings().stream())
                .map(Finding::message)
                .filter(m -> m.contains("sha256:"))
                .findFirst()
                .map(m -> "the image was built: " + m)
                .orElse("the image was built")
            : "no image was built or pushed";
    // What exists is read from the repository: the tag step may have created the tag and failed to push it.
    return tagBefore.map(stopped -> stopped.describe(image))
        .orElse("Release candidate stopped: " + image + "; no release version could be decided, so no tag was"
            + " created and no record attached.");
  }

  /** Where the release tag is before the artifact steps; empty when no release version can be decided. */
  private java.util.Optional<org.beelms.plugin.release.StoppedRelease> tagBeforeArtifacts() {
    try (ReleaseHistory history = ReleaseHistory.open(project.getBasedir().toPath())) {
      String tag = ReleaseVersion.resolve(projectVersion(), deriveVersion, history).tagName();
      return java.util.Optional.of(
          org.beelms.plugin.release.StoppedRelease.before(project.getBasedir().toPath(), tag, remote));
    } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
      return java.util.Optional.empty();
    }
  }

  /** Every goal named, configured by Maven as if it ran on its own, or skipped by its flag. */
  private List<PlannedGate> plan(List<String> goals) throws MojoExecutionException {
    List<PlannedGate> plan = new ArrayList<>();
    for (String goal : goals) {
      AbstractBeelmsMojo gateMojo = configuredMojo(goal);
      try {
        if (gateMojo.skip()) {
          plan.add(PlannedGate.skippedByFlag(goal));
          continue;
        }
        for (Gate gate : gateMojo.configuredGates()) {
          plan.add(PlannedGate.run(gate));
        }
      } catch (MojoExecutionException misconfigured) {
        // One misconfigured gate must not hide the others: it fails in the table with its message.
        plan.add(PlannedGate.run(new MisconfiguredGate(goal, misconfigured.getMessage())));
      } finally {
        pluginManager.releaseMojo(gateMojo, mojoExecution);
      }
    }
    return plan;
  }

  /** A gate whose parameters are wrong: running it reports the parameter error. */
  private record MisconfiguredGate(String name, String message) implements Gate {
    @Override
    public GateResult check(ReleaseListener listener) {
      throw new IllegalArgumentException(message);
    }
  }

  private AbstractBeelmsMojo configuredMojo(String goal) throws MojoExecutionException {
    MojoDescriptor descriptor = plugin.getMojo(goal);
    if (descriptor == null) {
      throw new MojoExecutionException(
          "the plugin has no goal '" + goal + "'; this is a packaging error of the plugin itself");
    }
    // Same execution id and source, so the plugin-level <configuration> (skipped by Maven for a
    // LIFECYCLE-sourced execution built without a source), an <execution> configuration of
    // release-candidate and -D properties all apply to the gates.
    MojoExecution execution =
        new MojoExecution(descriptor, mojoExecution.getExecutionId(), mojoExecution.getSource());
    try {
      executionPlanner.setupMojoExecution(session, project, execution);
      org.apache.maven.plugin.Mojo mojo =
          pluginManager.getConfiguredMojo(org.apache.maven.plugin.Mojo.class, session, execution);
      AbstractBeelmsMojo gateMojo = (AbstractBeelmsMojo) mojo;
      gateMojo.setLog(getLog());
      return gateMojo;
    } catch (Exception e) {
      throw new MojoExecutionException(
          "cannot configure the " + goal + " gate: " + e.getMessage(), e);
    }
  }
}
