package org.beelms.plugin.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.SmokeRunListener;
import org.beelms.smoke.runner.SmokeRunRequest;
import org.beelms.smoke.runner.SmokeRunResult;
import org.beelms.smoke.runner.SmokeRunner;

/**
 * The post-deploy smoke gate: runs the beelms-smoke-tests suites against one environment through
 * the JUnit Platform Launcher ({@link SmokeRunner}, with only the library's class loader visible,
 * see {@link LibraryClassLoader}), leaves JUnit XML and the checklist report in {@code
 * target/beelms-smoke/<environment>/}, writes {@code smoke-<environment>.json} for the release
 * record and returns the result: failed when a required check failed, a run-wide problem occurred
 * or the target was unusable.
 */
public final class SmokeGate implements Gate {

  public static final String NAME = "smoke";

  private final SmokeSettings settings;
  private final Function<SmokeRunRequest, SmokeRunResult> runner;
  private volatile SmokeTiers tiers = SmokeTiers.NONE;

  public SmokeGate(SmokeSettings settings) {
    this(settings, SmokeRunner::run);
  }

  /** With another way to run the suites, for tests of what surrounds the run. */
  SmokeGate(SmokeSettings settings, Function<SmokeRunRequest, SmokeRunResult> runner) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  @Override
  public String name() {
    return NAME;
  }

  public SmokeSettings settings() {
    return settings;
  }

  /** Each tier's outcome in the last {@link #check}; {@link SmokeTiers#NONE} before it ran. */
  public SmokeTiers tiers() {
    return tiers;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws IOException {
    Environment environment = settings.environment();
    listener.progress(
        NAME,
        "environment " + environment.name() + " at " + settings.apiBaseUri()
            + (settings.urlOverridden() ? " (-Dbeelms.smoke.url)" : "") + ", mode "
            + environment.modeName() + ", suites " + String.join(",", settings.sortedSuites()));
    SmokeRunRequest request =
        SmokeRunRequest.builder(settings.config())
            .suites(settings.sortedSuites())
            .reportDirectory(settings.reportDirectory())
            .listener(progress(listener))
            .build();
    SmokeRunResult result = LibraryClassLoader.call(() -> runner.apply(request));
    GateStatus status = result.exitCode() == SmokeRunResult.EXIT_OK ? GateStatus.PASSED : GateStatus.FAILED;
    tiers = SmokeTiers.of(result);
    List<Finding> findings = SmokeFindings.of(settings, result);
    Path record;
    try {
      record = SmokeRecord.write(settings, result, status);
    } catch (IOException | UncheckedIOException e) {
      throw new IOException(
          "cannot write the smoke record to " + settings.recordDirectory().toAbsolutePath()
              + ": " + e.getMessage() + "; make the folder writable or set <outputDirectory>"
              + " / -Dbeelms.outputDirectory",
          e);
    }
    listener.progress(NAME, "JUnit XML and checklist report in " + settings.reportDirectory().toAbsolutePath());
    listener.progress(NAME, "release record entry " + record.toAbsolutePath());
    return new GateResult(NAME, status, result.duration(), findings, "");
  }

  /** Reports each finished check as a progress line, so a long run shows it is moving. */
  private static SmokeRunListener progress(ReleaseListener listener) {
    return new SmokeRunListener() {
      @Override
      public void checkFinished(CheckResult check) {
        listener.progress(NAME, check.status() + " " + check.displayName());
      }
    };
  }
}
