package org.beelms.plugin.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.TempGitRepo;
import org.beelms.plugin.release.ReleaseRecord;
import org.beelms.plugin.release.ReleaseRecordStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board from records written here (JGit temp repository, git notes), including the fields
 * other goals add to entries ({@code tiers}, {@code rolledBack}, {@code trigger}), rendered to
 * HTML and Markdown and opened in a real headless browser.
 */
class ReleaseBoardTest {

  @TempDir Path work;

  private static final String D1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
  private static final String D2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

  private static String entry(String action, String env, String mode, String version, String digest, String at,
      String by, String outcome, String smoke, String extra) {
    return """
        {"action":"%s","environment":"%s","mode":"%s","version":"%s","tag":"v%s","digest":"%s","by":"%s",
         "at":"%s","outcome":"%s","smoke":"%s"%s}""".formatted(action, env, mode, version, version, digest, by, at,
        outcome, smoke, extra);
  }

  /** What beelms:attest recorded for v0.1.1: signed, provenance and SBOM pushed next to D2. */
  static final String KEY = "sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
  private static final String SUPPLY_CHAIN = """
      "supplyChain":{"imageDigest":"%s","sbom":"target/beelms-release/sbom.cdx.json","sbomComponents":212,
        "sbomSha256":"sha256:5b","sbomReference":"registry.example.org/beelms/core:sha256-2222.sbom",
        "provenanceReference":"registry.example.org/beelms/core:sha256-2222.att",
        "signatureReference":"registry.example.org/beelms/core:sha256-2222.sig","signingKey":"%s"},
      """.formatted(D2, KEY);

  private static String record(String version, String commit, String digest, String migrations, String smoke) {
    return """
        {"schema":"beelms-release-record/1","version":"%s","tag":"v%s","commit":"%s","createdAt":"2026-11-2%sT09:00:00Z",
         "dryRun":false,
         "image":{"image":"registry.example.org/beelms/core","digest":"%s","tags":["v%s"],"target":"registry","location":"x"},
         "flyway":{"targetVersion":"4","newMigrations":%s},
         "specSha256":"",
         "migrations":{"status":"checked","tool":"flyway","commit":"%s","reason":""},
         "gates":[{"gate":"scope-freeze","status":"PASSED","durationMillis":212,"findings":[]},
                  {"gate":"dod-check","status":"PASSED","durationMillis":40,"findings":[{"severity":"WARNING","message":"waived","where":"","fix":"","checklistId":"DOD-1"}]},
                  {"gate":"migrations-check","status":"PASSED","durationMillis":3100,"findings":[]}],
         %s"smoke":%s}
        """.formatted(version, version, commit, version.endsWith("0") ? "5" : "7", digest, version, migrations, commit,
        D2.equals(digest) ? SUPPLY_CHAIN : "", smoke);
  }

  /** v0.1.0 and v0.1.1 with staging/production history, tiers, an automatic rollback. */
  static ReleaseLedger ledger(Path folder) throws Exception {
    try (TempGitRepo repo = TempGitRepo.init(folder)) {
      String c1 = repo.write("VERSION", "0.1.0").commitAll("feat: one").getName();
      repo.tag("v0.1.0");
      String c2 = repo.write("VERSION", "0.1.1").commitAll("feat: two").getName();
      repo.tag("v0.1.1");
      String report = folder.resolve("target/beelms-release/smoke-staging.json").toString();
      String v1Staging = entry("deploy", "staging", "staging", "0.1.0", D1, "2026-11-25T10:00:00Z", "ci-release",
          "deployed", "PASSED", ",\"tiers\":{\"regression\":\"PASSED\",\"smoke\":\"PASSED\"}");
      String v1Prod = entry("deploy", "production", "production", "0.1.0", D1, "2026-11-25T11:00:00Z", "<b>lead</b>",
          "deployed", "PASSED", "");
      String v1Back = entry("rollback", "production", "production", "0.1.0", D1, "2026-11-27T12:05:00Z", "ci-release",
          "deployed", "PASSED", ",\"from\":\"v0.1.1\",\"decision\":\"image-rollback\",\"trigger\":\"automatic\"");
      String v2Staging = entry("deploy", "staging", "staging", "0.1.1", D2, "2026-11-27T10:00:00Z", "ci-release",
          "deployed", "PASSED", ",\"tiers\":{\"smoke\":\"PASSED\",\"regression\":\"FAILED\"}"
              + ",\"verification\":{\"verified\":true,\"key\":\"" + KEY + "\"}");
      String v2Prod = entry("deploy", "production", "production", "0.1.1", D2, "2026-11-27T12:00:00Z", "ci-release",
          "smoke-failed", "FAILED", ",\"forced\":\"INC-7 hotfix\",\"rolledBack\":true"
              + ",\"verification\":{\"verified\":false,\"reason\":\"no <verifyKey> on the environment\"}");
      String smoke1 = """
          {"staging":{"status":"PASSED","at":"2026-11-25T10:00:00Z","report":"%s","deployments":[%s]},
           "production":{"status":"PASSED","at":"2026-11-27T12:05:00Z","deployments":[%s,%s]}}"""
          .formatted(report, v1Staging, v1Prod, v1Back);
      String smoke2 = """
          {"staging":{"status":"PASSED","at":"2026-11-27T10:00:00Z","report":"%s","deployments":[%s]},
           "production":{"status":"FAILED","at":"2026-11-27T12:00:00Z","deployments":[%s]}}"""
          .formatted(report, v2Staging, v2Prod);
      ReleaseRecordStore store = new ReleaseRecordStore(repo.git().getRepository());
      store.attach(ReleaseRecord.fromJson(record("0.1.0", c1, D1,
          "[{\"version\":\"1\",\"file\":\"V1__create.sql\",\"safetyClass\":\"expand\"}]", smoke1), "test"));
      store.attach(ReleaseRecord.fromJson(record("0.1.1", c2, D2,
          "[{\"version\":\"4\",\"file\":\"V4__drop_legacy.sql\",\"safetyClass\":\"contract\"}]", smoke2), "test"));
      try (ReleaseHistory history = ReleaseHistory.open(folder)) {
        return new ReleaseLedger(new ReleaseRecords(history, folder.resolve("target")).tagged());
      }
    }
  }

  static ReleaseBoard board(Path repo, Path out) throws Exception {
    ReleaseLedger ledger = ledger(repo);
    EnvironmentStatus production = new EnvironmentStatus("production", "production", ledger.latest("production"),
        new EnvironmentStatus.TagState("registry.example.org/beelms/core:production", Optional.of(D2), ""),
        new HealthProbe.Answer(URI.create("https://beelms.example.org/api/health"), 200, Optional.of("0.1.1"), ""),
        List.of(new Drift(Drift.Kind.TAG_MOVED, "registry.example.org/beelms/core:production points at " + D2
            + " (the image of v0.1.1), but the records say production runs v0.1.0", "mvn beelms:deploy ..."),
            new Drift(Drift.Kind.VERSION_MISMATCH, "health reports 0.1.1", "run the deploy again")));
    EnvironmentStatus staging = new EnvironmentStatus("staging", "staging", ledger.latest("staging"),
        new EnvironmentStatus.TagState("registry.example.org/beelms/core:staging", Optional.of(D2), ""),
        new HealthProbe.Answer(URI.create("https://staging.example.org/api/health"), 200, Optional.of("0.1.1"), ""),
        List.of());
    return new ReleaseBoard(Instant.parse("2026-12-02T12:00:00Z"), ledger, ledger.environments(List.of("staging", "production")),
        List.of(staging, production),
        new NotesSync.Result(NotesSync.State.UP_TO_DATE, "origin", "the release records are the same as origin's", false),
        out);
  }

  @Test
  void readsTheLatestEntryPerEnvironmentWithTiersTriggerAndRolledBack() throws Exception {
    ReleaseLedger ledger = ledger(work.resolve("repo"));

    ReleaseLedger.Recorded production = ledger.latest("production").orElseThrow();
    assertEquals("v0.1.0", production.release().tag(), "the automatic rollback is the latest");
    assertEquals("rollback (automatic)", production.entry().actionLabel());
    BoardEntry failed = ledger.cell(ledger.releases().get(0), "production").get(0);
    assertTrue(failed.rolledBack());
    assertEquals("deploy (forced)", failed.actionLabel());
    BoardEntry staged = ledger.cell(ledger.releases().get(0), "staging").get(0);
    assertEquals("smoke PASSED, regression FAILED", staged.testsLabel());
    assertTrue(staged.report().orElseThrow().endsWith("smoke-staging.json"));
    assertEquals("smoke PASSED, regression PASSED",
        ledger.cell(ledger.releases().get(1), "staging").get(0).testsLabel(), "smoke first whatever the recorded order");
    assertEquals(5, ledger.timeline().size());
    assertEquals(List.of("staging", "production", "qa"), ledger.environments(List.of("staging", "production", "qa")));
  }

  @Test
  void rendersCellsLinksGatesMigrationsAndTimelineEscaped() throws Exception {
    Written written = written();
    ReleaseBoard board = written.board();
    String html = written.html();
    String md = written.md();

    String cell = section(html, "id=\"cell-v0.1.1-staging\"", "</td>");
    assertTrue(cell.contains("<a class=\"report\" href=\"smoke-staging.json\">"), "report linked relative to the board: " + cell);
    assertTrue(cell.contains("smoke PASSED</span> <span class=\"badge fail\">regression FAILED"), cell);
    assertTrue(cell.contains("2026-11-27 10:00 UTC by ci-release"), cell);
    assertTrue(cell.contains("sha256:222222222222<"), cell);
    assertFalse(section(html, "id=\"cell-v0.1.0-staging\"", "</td>").contains("href"),
        "smoke-staging.json now holds v0.1.1's run: v0.1.0's older run does not link to it");
    String prod = section(html, "id=\"cell-v0.1.1-production\"", "</td>");
    assertTrue(prod.contains("forced: INC-7 hotfix; rolled back afterwards"), prod);
    assertTrue(html.contains("&lt;b&gt;lead&lt;/b&gt;"), "actor escaped");
    assertFalse(html.contains("<b>lead</b>"));
    assertTrue(html.contains("<b>rollback (automatic)</b>"), html);
    assertTrue(html.contains("V4__drop_legacy.sql</code></td><td><span class=\"badge warn\">contract"), html);
    assertTrue(html.contains("DoD: <b class=\"dod\">PASSED, 1 warning(s)</b>"), html);
    assertTrue(html.contains("registry tag moved outside the tool"), html);
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing fetched at view time");
    assertTrue(html.indexOf("2026-11-27 12:05 UTC") < html.indexOf("2026-11-25 10:00 UTC", html.indexOf("id=\"timeline\"")),
        "timeline newest first");

    assertTrue(md.contains("| **v0.1.1** | deploy 2026-11-27 10:00 UTC by ci-release, sha256:222222222222, deployed,"
        + " smoke PASSED, regression FAILED, signature and provenance verified ✓ (key sha256:abcdef012345…)"
        + " ([report](smoke-staging.json)) |"), md);
    assertTrue(md.contains("| 2026-11-27 12:05 UTC | production | rollback (automatic) from v0.1.1 | v0.1.0 |"), md);
    assertTrue(md.contains("| 4 | `V4__drop_legacy.sql` | contract |"), md);
    assertTrue(md.contains("**registry tag moved outside the tool**"), md);

    Path summary = work.resolve("summary.md");
    Files.writeString(summary, "# Earlier step\n");
    board.appendTo(summary);
    assertTrue(Files.readString(summary).startsWith("# Earlier step\n# Release board"), "appended, not replaced");
  }

  @Test
  void eachReleaseShowsItsSupplyChainAndEachRunWhetherItsImageWasVerifiedWithNoTickForTheUnknown() throws Exception {
    Written board = written();
    String html = board.html();
    String md = board.md();
    String signed = "signed ✓ (key sha256:abcdef012345…) / provenance ✓ / SBOM 212 components";
    String none = "not signed / no provenance / SBOM: none (beelms:attest did not run)";
    String verified = "signature and provenance verified ✓ (key sha256:abcdef012345…)";

    // per release, from what attest recorded
    String mdSigned = md.substring(md.indexOf("### v0.1.1"), md.indexOf("### v0.1.0"));
    String mdUnsigned = md.substring(md.indexOf("### v0.1.0"));
    assertTrue(mdSigned.contains("· Supply chain: **" + signed + "**"), mdSigned);
    assertTrue(mdUnsigned.contains("· Supply chain: **" + none + "**"), mdUnsigned);
    assertFalse(mdUnsigned.contains("✓"), "a release without a supply chain gets no tick: " + mdUnsigned);
    String htmlSigned = section(html, "id=\"release-v0.1.1\"", "</section>");
    String htmlUnsigned = section(html, "id=\"release-v0.1.0\"", "</section>");
    assertTrue(htmlSigned.contains("Supply chain: <b class=\"supply-chain\">" + signed + "</b>"), htmlSigned);
    assertTrue(htmlUnsigned.contains("<b class=\"supply-chain\">" + none + "</b>"), htmlUnsigned);
    assertFalse(htmlUnsigned.contains("✓"), htmlUnsigned);

    // per run: verified only where the entry says the verify key checked it
    String stagingNow = section(md, "| staging (staging) |", "\n");
    assertTrue(stagingNow.contains(signed + "; " + verified), stagingNow);
    String productionNow = section(md, "| production (production) |", "\n");
    assertTrue(productionNow.contains(none + "; signature not verified (not recorded)"), productionNow);
    assertFalse(productionNow.contains("✓"), "v0.1.0 runs there: nothing about it was signed or verified: " + productionNow);
    assertTrue(section(html, "id=\"now-staging\"", "</tr>").contains(signed + "; " + verified), html);
    String forced = section(html, "id=\"cell-v0.1.1-production\"", "</td>");
    assertTrue(forced.contains("signature not verified (no &lt;verifyKey&gt;)"), forced);
    assertFalse(forced.contains("verified ✓"), forced);
    assertTrue(forced.contains("forced: INC-7 hotfix; rolled back afterwards; signature not verified"), forced);
    assertTrue(md.contains("forced: INC-7 hotfix, rolled back afterwards, signature not verified (no &lt;verifyKey&gt;) |"),
        "the Markdown cell says the same, in the same order: " + md);
    assertFalse(section(html, "id=\"cell-v0.1.0-production\"", "</td>").contains("signature"),
        "entries from before verifications were recorded say nothing in the cell");

    // status prints the same
    EnvironmentStatus staging = board.board().statuses().get(0);
    assertEquals("staging", staging.name());
    assertTrue(StatusCheck.summary(staging).contains("; supply chain: " + signed + "; " + verified + ";"),
        StatusCheck.summary(staging));
    String production = StatusCheck.summary(board.board().statuses().get(1));
    assertTrue(production.contains("; supply chain: " + none + "; signature not verified (not recorded);"), production);
  }

  /** The board of {@link #board} written to {@code repo/target/beelms-release}, and what it wrote. */
  private record Written(ReleaseBoard board, String html, String md) {}

  private Written written() throws Exception {
    Path out = work.resolve("repo/target/beelms-release");
    ReleaseBoard board = board(work.resolve("repo"), out);
    board.write();
    return new Written(board, Files.readString(out.resolve("board.html")), Files.readString(out.resolve("board.md")));
  }

  private static String section(String text, String from, String to) {
    int start = text.indexOf(from);
    assertTrue(start >= 0, from + " not found");
    return text.substring(start, text.indexOf(to, start + from.length()));
  }

  @Test
  void aSupplyChainNotPushedNotSignedOrAboutAnotherImageGetsNoTick() {
    ReleaseRecord.Image image = new ReleaseRecord.Image("registry.example.org/beelms/core", D1, List.of("v0.2.0"),
        "registry", "registry.example.org/beelms/core:v0.2.0");
    java.util.function.Function<ReleaseRecord.SupplyChain, String> label = chain -> ReleaseBoard.supplyChainLabel(
        new ReleaseRecord(null, "0.2.0", "v0.2.0", "c0ffee", "2026-12-01T09:00:00Z", false, image, null, "",
            null, null, null, chain));

    assertEquals("signed, not pushed / provenance not pushed / SBOM 5 components (not pushed)",
        label.apply(new ReleaseRecord.SupplyChain(D1, "sbom.cdx.json", 5, "sha256:5b", "", "", "", KEY)),
        "a dry run signs locally; production cannot verify what was not pushed");
    assertEquals("not signed / provenance not signed / SBOM 5 components",
        label.apply(new ReleaseRecord.SupplyChain(D1, "sbom.cdx.json", 5, "sha256:5b",
            "registry.example.org/beelms/core:sha256-1111.sbom", "", "", "")));
    assertEquals("not signed / no provenance / SBOM: none (the record's supply chain is about another image,"
        + " sha256:222222222222)",
        label.apply(new ReleaseRecord.SupplyChain(D2, "sbom.cdx.json", 5, "sha256:5b", "r.sbom", "r.att", "r.sig", KEY)));
  }

  @Test
  void theBoardReadsInAHeadlessBrowserWithoutNetwork() throws Exception {
    Assumptions.assumeTrue(HeadlessChromium.available(),
        "chromium is not installed at " + HeadlessChromium.BINARY + " (apt-get install chromium): browser check skipped");
    Path out = work.resolve("repo/target/beelms-release");
    board(work.resolve("repo"), out).write();

    String dom = HeadlessChromium.dumpDom(out.resolve("board.html"));
    Path png = HeadlessChromium.screenshot(out.resolve("board.html"), Path.of("target/board-unit.png"), 1400, 1800);

    assertTrue(dom.contains("<h1>Release board</h1>"), dom);
    assertTrue(dom.contains("id=\"cell-v0.1.0-production\""), dom);
    assertTrue(dom.contains("<b>rollback (automatic)</b>"), dom);
    assertTrue(dom.contains("href=\"smoke-staging.json\""), dom);
    assertTrue(dom.contains("&lt;b&gt;lead&lt;/b&gt;"), "the escaped actor stays text in the DOM");
    assertTrue(Files.size(png) > 10_000, "a real rendering, not a blank page: " + Files.size(png) + " bytes");
  }

  @Test
  void aDodPassThatIsAllWaiversSaysSo() throws Exception {
    com.fasterxml.jackson.databind.JsonNode gates = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
        [{"gate":"dod-check","status":"PASSED","durationMillis":5,"findings":[
          {"severity":"INFO","message":"A. Product: 0 done, 0 open, 20 waived","where":"dod.md","fix":"","checklistId":""},
          {"severity":"INFO","message":"B. Ops: 0 done, 0 open, 15 waived","where":"dod.md","fix":"","checklistId":""}]}]
        """);
    ReleaseRecord record = new ReleaseRecord(null, "0.1.0", "v0.1.0", "c0ffee", "2026-12-01T09:00:00Z", false,
        null, null, "", gates, null, null);
    assertEquals("PASSED (35 waived, 0 done)", ReleaseBoard.dodState(record));

    com.fasterxml.jackson.databind.JsonNode failed = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
        [{"gate":"dod-check","status":"FAILED","durationMillis":5,"findings":[
          {"severity":"INFO","message":"(no section): 4 done, 2 open, 1 waived","where":"dod.md","fix":"","checklistId":""},
          {"severity":"ERROR","message":"open: x","where":"dod.md:3","fix":"","checklistId":"DOD-1"},
          {"severity":"ERROR","message":"open: y","where":"dod.md:4","fix":"","checklistId":"DOD-2"}]}]
        """);
    assertEquals("FAILED (2 open, 1 waived, 4 done), 2 error(s)", ReleaseBoard.dodState(
        new ReleaseRecord(null, "0.1.0", "v0.1.0", "c0ffee", "2026-12-01T09:00:00Z", false,
            null, null, "", failed, null, null)));
  }

  @Test
  void theMigrationsStateShowsASkippedReproducibilityAsSkipped() {
    ReleaseRecord record = new ReleaseRecord(null, "0.2.0", "v0.2.0", "c0ffee", "2026-01-01T00:00:00Z", false,
        null, new ReleaseRecord.Flyway("2", List.of(new ReleaseRecord.NewMigration("2", "V2__b.sql", "unknown"))),
        "", null, null, ReleaseRecord.Migrations.checked("flyway", "c0ffee", "skipped (no previous release)"));

    assertEquals("checked (flyway), 1 added, reproducibility: skipped (no previous release)",
        ReleaseBoard.migrationsState(record));
  }
}
