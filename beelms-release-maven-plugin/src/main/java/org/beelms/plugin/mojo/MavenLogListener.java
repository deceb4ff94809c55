package org.beelms.plugin.mojo;

import org.apache.maven.plugin.logging.Log;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.report.GateReport;

/** Shows the services' events in the build log: which gate runs, what it found, how long it took. */
final class MavenLogListener implements ReleaseListener {

  private final Log log;

  MavenLogListener(Log log) {
    this.log = log;
  }

  @Override
  public void gateStarted(String gate) {
    log.info("Gate " + gate + " ...");
  }

  @Override
  public void progress(String gate, String message) {
    log.info("  " + gate + ": " + message);
  }

  @Override
  public void finding(String gate, Finding finding) {
    String line = "  " + GateReport.findingLine(finding);
    switch (finding.severity()) {
      case ERROR -> log.error(line);
      case WARNING -> log.warn(line);
      default -> log.info(line);
    }
  }

  @Override
  public void gateFinished(GateResult result) {
    String line = "Gate " + GateReport.headline(result);
    if (result.status() == GateStatus.FAILED) {
      log.error(line);
    } else {
      log.info(line);
    }
  }
}
