package org.beelms.plugin.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.plugin.deploy.DeploymentEntry;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.smoke.Environment;
import org.junit.jupiter.api.Test;

/** Plan building from release records alone (the registry part runs in RollbackTest). */
class RollbackPlannerTest {

  private static final String IMAGE = "127.0.0.1:5000/beelms/core";
  private static final Environment PRODUCTION =
      Environment.declared("production", "https://beelms.example.org/api", "", "production", "production",
          "", "", "", Map.of(), "deploy.sh", "", null);

  private static String digest(String version) {
    return "sha256:" + version.replace(".", "").repeat(22).substring(0, 64);
  }

  private static ReleaseRecord record(String version, List<DeploymentEntry> deployments, String... migrations) {
    ObjectNode smoke = JsonNodeFactory.instance.objectNode();
    for (DeploymentEntry e : deployments) {
      ObjectNode env = smoke.has(e.environment()) ? (ObjectNode) smoke.get(e.environment()) : smoke.putObject(e.environment());
      (env.has("deployments") ? (com.fasterxml.jackson.databind.node.ArrayNode) env.get("deployments")
          : env.putArray("deployments")).add(e.toJson());
    }
    return new ReleaseRecord(null, version, "v" + version, "c0ffee" + version, "2026-01-01T00:00:00Z", false,
        new ReleaseRecord.Image(IMAGE, digest(version), List.of("v" + version), "registry", IMAGE + ":v" + version),
        new ReleaseRecord.Flyway(
            migrations.length == 0 ? "3" : migrations[migrations.length - 1].split(":")[0],
            java.util.Arrays.stream(migrations).map(m -> m.split(":"))
                .map(p -> new ReleaseRecord.NewMigration(p[0], p[1], p[2])).toList()),
        "", null, smoke, ReleaseRecord.Migrations.checked("flyway", "c0ffee" + version, "checked"));
  }

  private static DeploymentEntry deployed(String env, String version, String at, String smoke) {
    return new DeploymentEntry("deploy", env, env, version, "v" + version, digest(version), "tester",
        Instant.parse(at), "deployed", smoke, "", "", "", "");
  }

  @Test
  void defaultTargetIsTheReleaseDeployedBeforeTheCurrentOne() {
    // production ran 0.1.0, then 0.3.0 (0.2.0 was never there), now 0.3.0.
    List<ReleaseRecord> records = List.of(
        record("0.3.0", List.of(deployed("production", "0.3.0", "2026-01-03T00:00:00Z", "PASSED")), "5:V5__b.sql:expand"),
        record("0.2.0", List.of(), "4:V4__a.sql:expand"),
        record("0.1.0", List.of(deployed("production", "0.1.0", "2026-01-01T00:00:00Z", "PASSED"))));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.3.0"),
        Optional.empty(), Optional.empty());

    assertEquals("v0.3.0", plan.current().tag());
    assertEquals("v0.1.0", plan.target().tag());
    assertTrue(plan.targetChosenBy().contains("deployed to production before v0.3.0"), plan.targetChosenBy());
    assertEquals(List.of("V4__a.sql", "V5__b.sql"), plan.migrations().stream().map(PlannedMigration::file).toList());
    assertEquals(RollbackDecision.Kind.IMAGE_ROLLBACK, plan.decision().kind());
    String printed = String.join("\n", plan.lines());
    assertTrue(printed.contains("current: v0.3.0 " + digest("0.3.0")), printed);
    assertTrue(printed.contains("V5 V5__b.sql [expand] from v0.3.0"), printed);
  }

  @Test
  void aDeploymentWhoseSmokeFailedIsNotATarget() {
    List<ReleaseRecord> records = List.of(
        record("0.3.0", List.of(deployed("production", "0.3.0", "2026-01-03T00:00:00Z", "PASSED"))),
        record("0.2.0", List.of(deployed("production", "0.2.0", "2026-01-02T00:00:00Z", "FAILED"))),
        record("0.1.0", List.of(deployed("production", "0.1.0", "2026-01-01T00:00:00Z", "PASSED"))));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.3.0"),
        Optional.empty(), Optional.empty());

    assertEquals("v0.1.0", plan.target().tag());
  }

  @Test
  void withoutDeployHistoryTheTargetIsThePreviousReleaseTag() {
    List<ReleaseRecord> records = List.of(record("0.2.0", List.of()), record("0.1.0", List.of()));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.2.0"),
        Optional.empty(), Optional.empty());

    assertEquals("v0.1.0", plan.target().tag());
    assertTrue(plan.targetChosenBy().contains("release tag before v0.2.0"), plan.targetChosenBy());
  }

  @Test
  void anExplicitTargetAcrossAContractMigrationIsRefused() {
    List<ReleaseRecord> records = List.of(
        record("0.3.0", List.of(), "5:V5__drop.sql:contract"),
        record("0.2.0", List.of(), "4:V4__add.sql:expand"),
        record("0.1.0", List.of()));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.3.0"),
        Optional.of("0.1.0"), Optional.of("bk-7"));

    assertEquals("v0.1.0", plan.target().tag());
    assertEquals("-Dbeelms.rollback.to", plan.targetChosenBy());
    assertEquals(RollbackDecision.Kind.REFUSED, plan.decision().kind(), "production has no <restoreCommand>");
  }

  @Test
  void migrationsTheTargetAlreadyHadAreNotCountedAgain() {
    // v0.2.0's record lists every migration as new (it was released without a previous tag).
    List<ReleaseRecord> records = List.of(
        record("0.2.0", List.of(), "1:V1__schema.sql:expand", "2:V2__seed.sql:expand", "4:V4__add.sql:expand"),
        record("0.1.0", List.of(), "1:V1__schema.sql:expand", "2:V2__seed.sql:expand"));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.2.0"),
        Optional.empty(), Optional.empty());

    assertEquals(List.of("V4__add.sql"), plan.migrations().stream().map(PlannedMigration::file).toList());
  }

  @Test
  void typeOrmTimestampsRecordedUnderTheFlywayKeyAreComparedLikeVersions() {
    // A TypeORM project's records: versions and targetVersion are the migrations' timestamps.
    List<ReleaseRecord> records = List.of(
        record("0.2.0", List.of(), "1716000000000:1716000000000-Init.ts:expand",
            "1716000500000:1716000500000-DropLegacy.ts:contract"),
        record("0.1.0", List.of(), "1716000000000:1716000000000-Init.ts:expand"));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.2.0"),
        Optional.empty(), Optional.empty());

    assertEquals(List.of("1716000500000-DropLegacy.ts"), plan.migrations().stream().map(PlannedMigration::file).toList());
    assertEquals(RollbackDecision.Kind.REFUSED, plan.decision().kind(), plan.decision().reason());
  }

  @Test
  void aTargetThatIsNotOlderPointsToDeploy() {
    List<ReleaseRecord> records = List.of(record("0.2.0", List.of()), record("0.1.0", List.of()));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.1.0"),
            Optional.of("v0.2.0"), Optional.empty()));

    assertTrue(e.getMessage().contains("mvn beelms:deploy -Dtarget=production -Dbeelms.deploy.version=v0.2.0"),
        e.getMessage());
  }

  @Test
  void anEnvironmentTagNoRecordKnowsIsReported() {
    List<ReleaseRecord> records = List.of(record("0.1.0", List.of()));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", "sha256:" + "f".repeat(64),
            Optional.empty(), Optional.empty()));

    assertTrue(e.getMessage().contains("which no release record knows"), e.getMessage());
  }

  private static ReleaseRecord withMigrations(ReleaseRecord r, ReleaseRecord.Migrations status) {
    return new ReleaseRecord(r.schema(), r.version(), r.tag(), r.commit(), r.createdAt(), r.dryRun(), r.image(),
        status == null || status.wasChecked() ? r.flyway() : new ReleaseRecord.Flyway("4", null),
        r.specSha256(), r.gates(), r.smoke(), status);
  }

  @Test
  void aRecordWrittenBeforeTheMigrationsStatusIsUnknownNotNone() {
    List<ReleaseRecord> records = List.of(
        withMigrations(record("0.2.0", List.of()), null), record("0.1.0", List.of()));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.2.0"),
        Optional.empty(), Optional.empty());

    assertEquals(RollbackDecision.Kind.MIGRATIONS_UNKNOWN, plan.decision().kind());
    assertTrue(plan.decision().reason().contains("v0.2.0: its release record predates the migrations status"),
        plan.decision().reason());
    assertTrue(!plan.decision().allowed());
  }

  @Test
  void aSkippedMigrationsGateMakesTheDecisionRefuseEvenWithoutAnyKnownMigration() {
    List<ReleaseRecord> records = List.of(
        withMigrations(record("0.2.0", List.of()),
            ReleaseRecord.Migrations.notChecked("the migrations-check gate was skipped")),
        record("0.1.0", List.of()));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.2.0"),
        Optional.empty(), Optional.empty());

    assertEquals(RollbackDecision.Kind.MIGRATIONS_UNKNOWN, plan.decision().kind());
    assertTrue(plan.decision().reason().contains("-Dbeelms.rollback.force=<reason>"), plan.decision().reason());
    assertTrue(String.join("\n", plan.lines()).contains("refused-migrations-unknown"), plan.lines().toString());
    assertTrue(String.join("\n", plan.lines()).contains("migrations since v0.1.0: not known"), plan.lines().toString());
  }

  @Test
  void aTargetWhoseOwnMigrationsWereNotCheckedDoesNotBlockRollingBackToIt() {
    // Only the releases after the target changed the schema the target must run on.
    List<ReleaseRecord> records = List.of(
        record("0.2.0", List.of(), "4:V4__a.sql:expand"),
        withMigrations(record("0.1.0", List.of()), ReleaseRecord.Migrations.notChecked("skipped")));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.2.0"),
        Optional.empty(), Optional.empty());

    assertEquals(RollbackDecision.Kind.IMAGE_ROLLBACK, plan.decision().kind());
  }

  @Test
  void aTagWithoutARecordBetweenTargetAndCurrentIsUnknown() {
    List<ReleaseRecord> records = List.of(record("0.3.0", List.of()), record("0.1.0", List.of()));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, List.of("v0.2.0", "v0.0.9"),
        IMAGE + ":production", digest("0.3.0"), Optional.empty(), Optional.empty(), Optional.empty());

    assertEquals(RollbackDecision.Kind.MIGRATIONS_UNKNOWN, plan.decision().kind());
    assertTrue(plan.decision().reason().contains("v0.2.0: no release record"), plan.decision().reason());
    assertTrue(!plan.decision().reason().contains("v0.0.9"), plan.decision().reason());
  }

  @Test
  void anUnknownMigrationIsRefusedUnlessForced() {
    List<ReleaseRecord> records = List.of(
        record("0.2.0", List.of(), "5:1716-DoBlock.ts:unknown"), record("0.1.0", List.of()));

    RollbackPlan refused = RollbackPlanner.plan(PRODUCTION, records, List.of(), IMAGE + ":production",
        digest("0.2.0"), Optional.empty(), Optional.empty(), Optional.empty());
    RollbackPlan forced = RollbackPlanner.plan(PRODUCTION, records, List.of(), IMAGE + ":production",
        digest("0.2.0"), Optional.empty(), Optional.empty(), Optional.of("INC-7 reviewed by hand"));

    assertEquals(RollbackDecision.Kind.MIGRATIONS_UNKNOWN, refused.decision().kind());
    assertTrue(refused.decision().reason().contains("1716-DoBlock.ts is classed unknown"), refused.decision().reason());
    assertTrue(String.join("\n", refused.lines()).contains("[unknown]"), refused.lines().toString());
    assertEquals(RollbackDecision.Kind.IMAGE_ROLLBACK, forced.decision().kind());
    assertEquals("INC-7 reviewed by hand", forced.decision().forced());
  }

  @Test
  void aReleaseWhoseReproducibilityWasSkippedIsShownSoInThePlan() {
    ReleaseRecord skipped = record("0.2.0", List.of(), "4:V4__a.sql:expand");
    skipped = new ReleaseRecord(null, skipped.version(), skipped.tag(), skipped.commit(), skipped.createdAt(),
        false, skipped.image(), skipped.flyway(), "", null, skipped.smoke(),
        ReleaseRecord.Migrations.checked("typeorm", skipped.commit(), "skipped (no <migrationCommand>)"));
    List<ReleaseRecord> records = List.of(skipped, record("0.1.0", List.of()));

    RollbackPlan plan = RollbackPlanner.plan(PRODUCTION, records, IMAGE + ":production", digest("0.2.0"),
        Optional.empty(), Optional.empty());

    assertEquals(List.of("v0.2.0: skipped (no <migrationCommand>)"), plan.reproducibility());
    assertTrue(String.join("\n", plan.lines()).contains(
        "reproducibility of migrations v0.2.0: skipped (no <migrationCommand>)"), plan.lines().toString());
    assertEquals("by hand", plan.withTargetChosenBy("by hand").targetChosenBy());
    assertEquals(plan.reproducibility(), plan.withTargetChosenBy("by hand").reproducibility());
  }
}
