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
import org.beelms.plugin.gate.Gate;
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
    for (PlannedGate planned : plan()) {
      planned.gate().ifPresent(gates::add);
    }
    return gates;
  }

  @Override
  protected List<GateResult> runGates(ReleaseListener listener) throws MojoExecutionException {
    return new ReleaseCandidate(listener).runGates(plan());
  }

  /** Every gate goal, configured by Maven as if it ran on its own, or skipped by its flag. */
  private List<PlannedGate> plan() throws MojoExecutionException {
    List<PlannedGate> plan = new ArrayList<>();
    for (String goal : GATE_GOALS) {
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
    // Same execution id, so an <execution> configuration of release-candidate also applies to
    // the gates, next to the plugin-level <configuration> and -D properties.
    MojoExecution execution = new MojoExecution(descriptor, mojoExecution.getExecutionId());
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
