package org.beelms.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.beelms.reference.RunningReferenceCore;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.runner.CheckResult;
import org.beelms.smoke.runner.CheckStatus;
import org.beelms.smoke.runner.SmokeRunRequest;
import org.beelms.smoke.runner.SmokeRunResult;
import org.beelms.smoke.runner.SmokeRunner;

/** Runs the packaged smoke suites against a reference server, the way the plugin will. */
final class SmokeRuns {

  /** Every checklist item of shared/checklists.md that the API can prove. */
  static final List<String> OPS = List.of("OPS-HEALTH-1", "OPS-DB-1");
  static final List<String> WS1 =
      List.of("WS1-DEMO-1", "WS1-DEMO-2", "WS1-DEMO-3", "WS1-DEMO-4", "WS1-API-1", "WS1-API-2",
          "WS1-API-3", "WS1-DB-1");
  static final List<String> WS2 =
      List.of("WS2-DEMO-1", "WS2-DEMO-2", "WS2-DEMO-3", "WS2-API-1", "WS2-API-2", "WS2-API-3",
          "WS2-SEC-1", "WS2-SEC-2");
  static final List<String> WS3 =
      List.of("WS3-DEMO-1", "WS3-DEMO-2", "WS3-DEMO-3", "WS3-DEMO-4", "WS3-DEMO-5", "WS3-DEMO-6",
          "WS3-API-1", "WS3-API-2", "WS3-API-3", "WS3-API-4", "WS3-API-5", "WS3-API-6",
          "WS3-API-7", "WS3-DB-1", "WS3-DB-2", "WS3-DB-3", "WS3-SEC-1", "WS3-SEC-2");

  static List<String> allItems() {
    return java.util.stream.Stream.of(OPS, WS1, WS2, WS3).flatMap(List::stream).toList();
  }

  private SmokeRuns() {}

  /** The configuration a delivery lead would give for this server: staging, with admin and pages. */
  static SmokeConfig.Builder configFor(RunningReferenceCore core) {
    return SmokeConfig.builder()
        .url(core.apiUri())
        .webUrl(core.baseUri())
        .environment("it")
        .admin(ReferenceServer.ADMIN_EMAIL, ReferenceServer.ADMIN_PASSWORD)
        .expectedVersion(ReferenceServer.VERSION)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .readyTimeout(Duration.ofSeconds(10));
  }

  static SmokeRunResult run(
      RunningReferenceCore core, Path reportDir, UnaryOperator<SmokeConfig.Builder> variant) {
    SmokeConfig config = variant.apply(configFor(core)).build();
    return SmokeRunner.run(SmokeRunRequest.builder(config).reportDirectory(reportDir).build());
  }

  /** A readable account of a run for assertion messages. */
  static String describe(SmokeRunResult result) {
    StringBuilder text = new StringBuilder(result.summaryLine()).append('\n');
    result.error().ifPresent(e -> text.append("error: ").append(e).append('\n'));
    for (CheckResult check : result.checks()) {
      if (check.status() != CheckStatus.PASSED) {
        text.append(check.status()).append(' ').append(check.displayName()).append(": ")
            .append(check.message()).append('\n');
      }
    }
    return text.toString();
  }
}
