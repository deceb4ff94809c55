package org.beelms.plugin.rollback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.beelms.plugin.rollback.RollbackDecision.Kind;
import org.junit.jupiter.api.Test;

class RollbackDecisionTest {

  private static final PlannedMigration EXPAND =
      new PlannedMigration("v0.2.0", "4", "V4__add_course_tags.sql", "expand");
  private static final PlannedMigration CONTRACT =
      new PlannedMigration("v0.3.0", "5", "V5__drop_legacy_slug.sql", "contract");

  @Test
  void noMigrationsAllowAnImageRollback() {
    assertEquals(Kind.IMAGE_ROLLBACK, RollbackDecision.decide(List.of(), Optional.empty(), false).kind());
  }

  @Test
  void onlyExpandMigrationsAllowAnImageRollback() {
    RollbackDecision decision = RollbackDecision.decide(List.of(EXPAND), Optional.empty(), false);

    assertEquals(Kind.IMAGE_ROLLBACK, decision.kind());
    assertTrue(decision.reason().contains("only expand"), decision.reason());
  }

  @Test
  void aContractMigrationWithoutABackupIsRefusedPreferringAForwardFix() {
    RollbackDecision decision = RollbackDecision.decide(List.of(EXPAND, CONTRACT), Optional.empty(), true);

    assertEquals(Kind.REFUSED, decision.kind());
    assertTrue(decision.reason().contains("V5 V5__drop_legacy_slug.sql (v0.3.0)"), decision.reason());
    assertTrue(decision.reason().contains("forward fix"), decision.reason());
    assertTrue(decision.reason().contains("no -Dbeelms.rollback.backupId"), decision.reason());
  }

  @Test
  void aContractMigrationWithABackupButNoRestoreHookIsRefused() {
    RollbackDecision decision = RollbackDecision.decide(List.of(CONTRACT), Optional.of("bk-1"), false);

    assertEquals(Kind.REFUSED, decision.kind());
    assertTrue(decision.reason().contains("no <restoreCommand>"), decision.reason());
  }

  @Test
  void aContractMigrationWithABackupAndARestoreHookRestoresFirst() {
    RollbackDecision decision = RollbackDecision.decide(List.of(CONTRACT), Optional.of("bk-1"), true);

    assertEquals(Kind.RESTORE_AND_IMAGE_ROLLBACK, decision.kind());
    assertTrue(decision.reason().contains("backup bk-1"), decision.reason());
  }

  @Test
  void unknownMigrationsAreRefusedNotCalledSafe() {
    RollbackDecision decision = RollbackDecision.decide(
        List.of(), List.of("v0.2.0: its migrations were not checked: skipped"), Optional.empty(), false,
        Optional.empty());

    assertEquals(Kind.MIGRATIONS_UNKNOWN, decision.kind());
    assertTrue(!decision.allowed());
    assertTrue(!decision.reason().contains("safe:"), decision.reason());
    assertTrue(decision.reason().contains("beelms:migrations-check"), decision.reason());
    assertEquals("", decision.forced());
  }

  @Test
  void forcingOverUnknownMigrationsKeepsTheReasonButNotPastAKnownContractMigration() {
    RollbackDecision forced = RollbackDecision.decide(
        List.of(EXPAND), List.of("v0.3.0: no release record"), Optional.empty(), false, Optional.of("INC-42"));
    RollbackDecision contract = RollbackDecision.decide(
        List.of(CONTRACT), List.of("v0.3.0: no release record"), Optional.empty(), false, Optional.of("INC-42"));

    assertEquals(Kind.IMAGE_ROLLBACK, forced.kind());
    assertEquals("INC-42", forced.forced());
    assertTrue(forced.reason().startsWith("forced with -Dbeelms.rollback.force=\"INC-42\""), forced.reason());
    assertEquals(Kind.REFUSED, contract.kind());
  }
}
