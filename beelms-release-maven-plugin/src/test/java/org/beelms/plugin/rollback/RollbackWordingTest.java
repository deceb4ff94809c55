package org.beelms.plugin.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.release.ReleaseRecord;
import org.junit.jupiter.api.Test;

/** How the rollback plan words a migration and the choice of its target. */
class RollbackWordingTest {

  @Test
  void aTypeOrmMigrationIsNamedByItsFileWithoutAFlywayPrefix() {
    assertEquals("1770000000000-AddCourseSubtitle.ts",
        new PlannedMigration("v0.2.0", "1770000000000", "1770000000000-AddCourseSubtitle.ts", "contract").label());
    assertEquals("V4 V4__drop_legacy.sql",
        new PlannedMigration("v0.2.0", "4", "V4__drop_legacy.sql", "contract").label());
  }

  @Test
  void aRecordedDeployWhoseSmokeFailedIsNamedWithWhyItDoesNotCount() {
    ObjectNode smoke = JsonNodeFactory.instance.objectNode();
    smoke.putObject("production").putArray("deployments").add(new DeploymentEntry(
        "deploy", "production", "production", "0.1.0", "v0.1.0", "sha256:1", "lead",
        Instant.parse("2026-12-01T10:00:00Z"), "smoke-failed", "FAILED", "", "", "", "").toJson());
    ReleaseRecord v1 = new ReleaseRecord(null, "0.1.0", "v0.1.0", "c1", "2026-12-01T09:00:00Z", false,
        null, null, "", null, smoke, null);

    assertEquals("recorded on production but not counted, since only a deploy or rollback whose smoke"
            + " passed is a release known to run there: v0.1.0 deploy at 2026-12-01T10:00:00Z:"
            + " smoke-failed, smoke FAILED",
        RollbackPlanner.whyNoDeploymentCounts("production", List.of(v1), SemanticVersion.parse("0.2.0").orElseThrow()));
    assertEquals("no deploy or rollback of an older release to staging is recorded",
        RollbackPlanner.whyNoDeploymentCounts("staging", List.of(v1), SemanticVersion.parse("0.2.0").orElseThrow()));
  }
}
