package org.beelms.plugin.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adoption baseline of dod-check: every open item waived with a placeholder, reported as open work. */
class WaiverBaselineTest {

  private static final Path DOD = Path.of("src/test/resources/checklist/mvp-bmad-dod-checklist.md");
  private static final Clock DEC_5 = Clock.fixed(Instant.parse("2026-12-05T12:00:00Z"), ZoneOffset.UTC);
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

  @TempDir Path dir;

  private GateResult check(Path waivers, WaiverBaseline baseline) throws Exception {
    return new DodCheck(new DodSettings(DOD, Optional.of(waivers), false, DEC_5, List.of(),
        Optional.ofNullable(baseline))).check(ReleaseListener.NONE);
  }

  @Test
  void writesAWaiverPerOpenItemAndTheNextRunPassesWithOpenWork() throws Exception {
    Path waivers = dir.resolve("docs/delivery/dod-waivers.yaml");

    GateResult written = check(waivers, WaiverBaseline.of("", "", TODAY));

    assertEquals(GateStatus.PASSED, written.status(), written.findings().toString());
    String text = Files.readString(waivers);
    assertTrue(text.contains("- item: DOD-B-3e01b9   # Критичните пътеки са минати ръчно поне веднъж на чиста среда.\n"
        + "  reason: baseline 2026-12-05\n  owner: 'unassigned'\n  expires: 2027-03-05\n"), text);
    assertEquals(List.of("DOD-B-3e01b9", "DOD-M-22619d", "DOD-A-3b6f04", "DOD-D-4af6e6"),
        WaiverFile.read(waivers).stream().map(Waiver::item).toList());

    GateResult next = check(waivers, null);
    assertEquals(GateStatus.PASSED, next.status());
    List<Finding> openWork = next.findingsAtLeast(Severity.WARNING);
    assertEquals(1, openWork.size(), openWork.toString());
    assertTrue(openWork.get(0).message().startsWith("4 waiver(s) still have the placeholder reason"),
        openWork.get(0).message());
    assertEquals(waivers + ":5", openWork.get(0).where());
  }

  @Test
  void ownerAndExpiryGivenAndExistingWaiversKept() throws Exception {
    Path waivers = dir.resolve("waivers.yaml");
    String kept = "# decided in the review\n- item: DOD-D-4af6e6\n  reason: trial deploy booked\n"
        + "  owner: delivery lead\n  expires: 2026-12-31\n";
    Files.writeString(waivers, kept);

    check(waivers, WaiverBaseline.of("tech lead", "2027-01-31", TODAY));

    String text = Files.readString(waivers);
    assertTrue(text.startsWith(kept), text);
    List<Waiver> all = WaiverFile.read(waivers);
    assertEquals(List.of("DOD-D-4af6e6", "DOD-B-3e01b9", "DOD-M-22619d", "DOD-A-3b6f04"), all.stream().map(Waiver::item).toList());
    assertEquals("tech lead", all.get(1).owner());
    assertEquals(LocalDate.of(2027, 1, 31), all.get(1).expires());
  }

  @Test
  void anExpiredWaiverIsNotRenewedByTheBaseline() throws Exception {
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, "- item: DOD-A-3b6f04\n  reason: proxy\n  owner: ops\n  expires: 2026-11-24\n");

    GateResult result = check(waivers, WaiverBaseline.of("", "", TODAY));

    assertEquals(GateStatus.FAILED, result.status());
    assertEquals(List.of("DOD-A-3b6f04"), result.findingsAtLeast(Severity.ERROR).stream().map(Finding::checklistId).toList());
  }

  @Test
  void aBadExpiryNamesTheSetting() {
    IllegalArgumentException notADate =
        assertThrows(IllegalArgumentException.class, () -> WaiverBaseline.of("", "31.01.2027", TODAY));
    assertTrue(notADate.getMessage().startsWith("<baselineExpires> / -Dbeelms.baseline.expires is '31.01.2027'"));
    IllegalArgumentException past =
        assertThrows(IllegalArgumentException.class, () -> WaiverBaseline.of("", "2026-12-05", TODAY));
    assertTrue(past.getMessage().contains("not after today"), past.getMessage());
  }

  @Test
  void aMissingWaiversFileOffersTheBaselineCommand() {
    Path missing = dir.resolve("docs/delivery/dod-waivers.yaml");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DodSettings(DOD, Optional.of(missing), false, DEC_5));

    assertTrue(e.getMessage().contains("<waivers> / -Dbeelms.dod.waivers"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn beelms:release-candidate -Dbeelms.baseline=write"), e.getMessage());
  }
}
