package org.beelms.plugin.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.beelms.plugin.checklist.DodSettings;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.ConventionalCommit;
import org.beelms.plugin.git.TempGitRepo;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.image.TargetKind;
import org.beelms.plugin.migrations.MigrationReport;
import org.beelms.plugin.migrations.MigrationsCheckResult;
import org.beelms.plugin.migrations.SafetyClass;
import org.beelms.plugin.openapi.ApiChange;
import org.beelms.plugin.openapi.ApiChanges;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseNotesGeneratorTest {

  private static final Path DOD = Path.of("src/test/resources/checklist/mvp-bmad-dod-checklist.md");
  private static final Clock NOV_25 =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final String MIGRATIONS = "src/main/resources/db/migration/";

  @TempDir Path dir;
  private TempGitRepo repo;

  @BeforeEach
  void releasedOnce() {
    repo = TempGitRepo.init(dir);
    repo.write(".gitignore", "target/\n")
        .write(MIGRATIONS + "V1__init.sql", "create table course (id bigint primary key);\n")
        .commitAll("feat: first API");
    repo.tag("v0.1.0");
  }

  private ReleaseNotesSettings settings(String version) {
    return ReleaseNotesSettings.of(dir, "beelms core", version).withClock(NOV_25);
  }

  private Path reports() {
    return dir.resolve("target/beelms-release");
  }

  private static List<String> descriptions(List<ConventionalCommit> commits) {
    return commits.stream().map(ConventionalCommit::description).toList();
  }

  /** A typical release: every kind of commit, a merged branch and release commits. */
  private void historyOfTheSecondRelease() throws Exception {
    repo.write(MIGRATIONS + "V2__add_enrolment.sql", "create table enrolment (id bigint);\n")
        .commitAll("feat(courses): add enrolment");
    repo.write("a.txt", "1").commitAll("fix(auth): reject expired tokens");
    repo.write("b.txt", "1").commitAll("perf(wiki): cache the page tree");
    repo.write("c.txt", "1").commitAll("feat(api)!: drop the legacy wiki listing");
    repo.write("d.txt", "1")
        .commitAll("refactor: split the course service\n\nBREAKING CHANGE: courses are paged\n");
    repo.write("e.txt", "1").commitAll("update readme");
    repo.checkoutNewBranch("feature/search");
    repo.write("f.txt", "1").commitAll("feat(search): add course search");
    repo.git().checkout().setName("main").call();
    repo.write("g.txt", "1").commitAll("chore: bump dependencies");
    ObjectId feature = repo.git().getRepository().resolve("feature/search");
    repo.git().merge().include(feature).setFastForward(MergeCommand.FastForwardMode.NO_FF)
        .setMessage("Merge branch 'feature/search'").call();
    repo.write("CHANGES.txt", "0.2.0").commitAll("chore(release): prepare 0.2.0");
    repo.write("CHANGES.txt", "0.2.0 final").commitAll("Release v0.2.0");
  }

  @Test
  void groupsCommitsByTypeWithBreakingChangesFirstAndLeavesOutMergesAndReleases() throws Exception {
    historyOfTheSecondRelease();
    ReleaseNotes notes = new ReleaseNotesGenerator(settings("0.2.0")).compile(ReleaseListener.NONE);

    assertEquals(Optional.of("v0.1.0"), notes.previousRelease());
    ReleaseNotes.Changes changes = notes.changes();
    assertEquals(List.of("drop the legacy wiki listing", "split the course service"),
        descriptions(changes.breaking()));
    assertEquals("courses are paged", changes.breaking().get(1).breakingNote());
    assertEquals(List.of("add enrolment", "add course search"), descriptions(changes.features()));
    assertEquals("courses", changes.features().get(0).scope());
    assertEquals(List.of("reject expired tokens"), descriptions(changes.fixes()));
    assertEquals(List.of("cache the page tree"), descriptions(changes.performance()));
    assertEquals(List.of("update readme", "bump dependencies"), descriptions(changes.other()));
    assertEquals(3, changes.leftOut(), "one merge and two release commits");

    String md = notes.toMarkdown();
    assertTrue(md.startsWith("# beelms core 0.2.0 (v0.2.0)\n"), md);
    assertTrue(md.indexOf("## Breaking changes") < md.indexOf("## Features"), md);
    assertTrue(md.contains("- **feat(api)!**: drop the legacy wiki listing ("), md);
    assertTrue(md.contains("  BREAKING CHANGE: courses are paged"), md);
    assertTrue(md.contains("- **feat(courses)**: add enrolment ("), md);
    assertTrue(md.contains("- update readme ("), md);
    assertFalse(md.contains("Merge branch"), md);
    assertFalse(md.contains("prepare 0.2.0"), md);
    assertTrue(md.contains("3 merge or release commit(s) left out"), md);
  }

  @Test
  void theVersionReasonOpensTheNotesAndBreakingChangesCarryTheirBody() throws Exception {
    String sha = repo.write("a.txt", "1")
        .commitAll("feat(api)!: drop the legacy wiki listing\n\nClients read /wiki/pages now.\n"
            + "The old listing answered 410 for a release.\n")
        .getId().abbreviate(7).name();
    ReleaseNotes notes =
        new ReleaseNotesGenerator(settings("0.2.0-SNAPSHOT").withDeriveVersion(true))
            .compile(ReleaseListener.NONE);
    assertEquals("0.2.0", notes.version().toString());
    String md = notes.toMarkdown();
    assertTrue(md.startsWith("# beelms core 0.2.0 (v0.2.0)\n\nVersion 0.2.0: 1 breaking change(s)"
        + " (minor bump while the major is 0) since v0.1.0 (" + sha
        + " feat(api)!: drop the legacy wiki listing)\n"), md);
    assertTrue(md.contains("- **feat(api)!**: drop the legacy wiki listing (`" + sha + "`)\n\n"
        + "  Clients read /wiki/pages now.\n  The old listing answered 410 for a release.\n"), md);
  }

  @Test
  void firstReleaseReadsEveryCommitFromTheRoot() throws Exception {
    Path fresh = dir.resolve("fresh");
    try (TempGitRepo first = TempGitRepo.init(fresh)) {
      first.write(MIGRATIONS + "V1__init.sql", "create table course (id bigint);\n")
          .commitAll("feat: course catalogue");
      first.write("x.txt", "1").commitAll("fix: typo in the health check");
      ReleaseNotes notes =
          new ReleaseNotesGenerator(ReleaseNotesSettings.of(fresh, "beelms core", "0.1.0"))
              .compile(ReleaseListener.NONE);
      assertTrue(notes.firstRelease());
      assertEquals(List.of("course catalogue"), descriptions(notes.changes().features()));
      assertEquals(List.of("typo in the health check"), descriptions(notes.changes().fixes()));
      assertEquals(
          List.of(new ReleaseNotes.Migration(MIGRATIONS + "V1__init.sql", "", "", "unknown")),
          notes.migrations().added());
      assertTrue(notes.toMarkdown().contains("First release: every commit from the start"));
      assertTrue(notes.summary().startsWith("beelms core 0.1.0 (v0.1.0), first release"));
    }
  }

  @Test
  void listsMigrationsAddedSinceTheTagWithUnknownClassWithoutAReport() throws Exception {
    historyOfTheSecondRelease();
    ReleaseNotes notes = new ReleaseNotesGenerator(settings("0.2.0")).compile(ReleaseListener.NONE);
    assertEquals(
        List.of(new ReleaseNotes.Migration(MIGRATIONS + "V2__add_enrolment.sql", "", "", "unknown")),
        notes.migrations().added());
    assertTrue(notes.migrations().source().contains("run beelms:migrations-check first"));
  }

  @Test
  void anEmptyMigrationsReportDoesNotHideMigrationFilesGitSawAdded() throws Exception {
    // A TypeORM folder checked as Flyway: the report lists nothing, yet a migration was added.
    String typeorm = "be/src/migrations/";
    repo.write(typeorm + "1718000000000-AddCourseLanguages.ts", "export class AddCourseLanguages {}\n")
        .commitAll("feat(courses): course languages");
    new MigrationsCheckResult(
            GateResult.of("migrations-check", Duration.ZERO, List.of(), Severity.ERROR),
            Optional.of("v0.1.0"), List.of(), List.of())
        .writeJson(reports(), new MigrationsCheckResult.Provenance("flyway", "0.2.0", head()));
    ReleaseNotes notes =
        new ReleaseNotesGenerator(
                settings("0.2.0").withMigrationsDirectory(dir.resolve(typeorm)))
            .compile(ReleaseListener.NONE);

    assertEquals(
        List.of(new ReleaseNotes.Migration(
            typeorm + "1718000000000-AddCourseLanguages.ts", "", "", "unknown")),
        notes.migrations().added());
    assertTrue(notes.migrations().source().contains("lists none"), notes.migrations().source());
  }

  @Test
  void takesMigrationClassesFromTheMigrationsReport() throws Exception {
    historyOfTheSecondRelease();
    new MigrationsCheckResult(
            GateResult.of("migrations-check", Duration.ZERO, List.of(), Severity.ERROR),
            Optional.of("v0.1.0"),
            List.of(
                new MigrationReport("2", "add enrolment", "V2__add_enrolment.sql", 17,
                    SafetyClass.EXPAND, List.of(), List.of()),
                new MigrationReport("3", "drop legacy wiki", "V3__drop_legacy_wiki.sql", -4,
                    SafetyClass.CONTRACT, List.of(), List.of())),
            List.of(), MigrationsCheckResult.skipped("no previous release to upgrade from"))
        .writeJson(reports(), new MigrationsCheckResult.Provenance("flyway", "0.2.0", head()));
    ReleaseNotes notes = new ReleaseNotesGenerator(settings("0.2.0")).compile(ReleaseListener.NONE);

    assertTrue(notes.migrations().checked());
    assertEquals(List.of("expand", "contract"),
        notes.migrations().added().stream().map(ReleaseNotes.Migration::safetyClass).toList());
    assertEquals(1, notes.migrations().contractCount());
    String md = notes.toMarkdown();
    assertTrue(md.contains("- `V2__add_enrolment.sql` – **expand**: add enrolment"), md);
    assertTrue(md.contains("- `V3__drop_legacy_wiki.sql` – **contract**: drop legacy wiki"), md);
    assertTrue(md.contains("**skipped (no previous release to upgrade from)**"), md);
    assertTrue(notes.summary().contains("Migrations reproducibility: skipped (no previous release"), notes.summary());
    assertTrue(notes.summary().contains("Migrations: 2, 1 contract (V2__add_enrolment.sql: expand, …)"),
        notes.summary());
  }

  @Test
  void aMigrationsReportOfAnotherCommitIsStaleSoTheNotesSayMigrationsNotChecked() throws Exception {
    historyOfTheSecondRelease();
    new MigrationsCheckResult(
            GateResult.of("migrations-check", Duration.ZERO, List.of(), Severity.ERROR),
            Optional.of("v0.1.0"), List.of(), List.of())
        .writeJson(reports(), new MigrationsCheckResult.Provenance("flyway", "0.1.0", "0".repeat(40)));
    ReleaseNotes notes = new ReleaseNotesGenerator(settings("0.2.0")).compile(ReleaseListener.NONE);

    assertFalse(notes.migrations().checked());
    String md = notes.toMarkdown();
    assertTrue(md.contains("**Migrations not checked**"), md);
    assertTrue(md.contains("is stale (it checked commit '" + "0".repeat(40) + "'"), md);
    assertFalse(md.contains("None added"), md);
    assertTrue(notes.summary().contains("Migrations: 1 (not checked)"), notes.summary());
  }

  private String head() throws Exception {
    return repo.git().getRepository().resolve("HEAD").name();
  }

  @Test
  void listsApiChangesBreakingFirst() throws Exception {
    ApiChanges.of("v0.1.0", "docs/architecture/openapi.yaml", List.of(
            new ApiChange(ApiChange.Kind.OPERATION_ADDED, "POST", "/api/courses/{id}/enrol", ""),
            new ApiChange(ApiChange.Kind.PATH_REMOVED, "GET", "/api/wiki/legacy", "")))
        .writeJson(reports());
    ReleaseNotes notes = new ReleaseNotesGenerator(settings("0.2.0")).compile(ReleaseListener.NONE);
    String md = notes.toMarkdown();
    int breaking = md.indexOf("- **breaking**: `GET /api/wiki/legacy` path removed");
    int addition = md.indexOf("- `POST /api/courses/{id}/enrol` operation added");
    assertTrue(breaking > 0 && addition > breaking, md);
    assertTrue(notes.summary().contains("API changes: 1 breaking, 1 addition(s) (PATH_REMOVED GET /api/wiki/legacy)"),
        notes.summary());
  }

  @Test
  void knownLimitationsJoinTheMaintainedFileAndTheDodItems() throws Exception {
    repo.write(ReleaseNotesSettings.DEFAULT_KNOWN_LIMITATIONS,
        "# Known limitations\n\n- No e-mail notifications yet.\n\n## Performance\n\n- Search is not indexed.\n");
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, """
        - item: DOD-D-4af6e6
          reason: trial deploy booked for next sprint
          owner: delivery lead
          expires: 2026-12-31
        - item: DOD-A-3b6f04
          reason: headers come with the proxy
          owner: ops
          expires: 2026-11-01
        """);
    ReleaseNotes notes =
        new ReleaseNotesGenerator(
                settings("0.2.0").withDod(new DodSettings(DOD, Optional.of(waivers), true, NOV_25)))
            .compile(ReleaseListener.NONE);

    List<ReleaseNotes.Limitation> items = notes.knownLimitations().dodItems().orElseThrow();
    Function<ReleaseNotes.Limitation, String> idAndStatus = l -> l.id() + " " + l.status();
    assertEquals(List.of("DOD-B-3e01b9 OPEN", "DOD-M-22619d OPEN", "DOD-A-3b6f04 WAIVER_EXPIRED", "DOD-D-4af6e6 WAIVED"),
        items.stream().map(idAndStatus).toList());
    String md = notes.toMarkdown();
    assertTrue(md.contains("## Known limitations\n\n- No e-mail notifications yet."
        + "\n\n### Performance\n\n- Search is not indexed."), md);
    assertEquals(1, md.split("Known limitations", -1).length - 1, md);
    assertTrue(md.contains("- DOD-M-22619d open: Backend логва ключовите грешки."), md);
    assertTrue(md.contains("- DOD-A-3b6f04 open, waiver expired on 2026-11-01: CORS"), md);
    assertTrue(md.contains("- DOD-D-4af6e6 waived until 2026-12-31 (delivery lead, trial deploy booked"
        + " for next sprint): Поне един пробен deploy"), md);
  }

  @Test
  void theSmokeWaiverFilesChecksAreKnownLimitations() throws Exception {
    Path waivers = dir.resolve("smoke-waivers.yaml");
    Files.writeString(waivers, """
        - check: REG-INPUT-1
          endpoint: GET /courses/{courseId}
          detail: "500"
          reason: malformed UUIDs reach the database
          owner: core team
          expires: 2026-12-31
        - check: WS3-API-7
          reason: quiz submit answers 201
          owner: delivery lead
          expires: 2026-11-01
        """);
    ReleaseNotes notes =
        new ReleaseNotesGenerator(settings("0.2.0").withSmokeWaivers(waivers)).compile(ReleaseListener.NONE);

    assertEquals(List.of("REG-INPUT-1 WAIVED", "WS3-API-7 WAIVER_EXPIRED"), notes.knownLimitations()
        .waivedChecks().stream().map(l -> l.id() + " " + l.status()).toList());
    String md = notes.toMarkdown();
    assertTrue(md.contains("Known failures the post-deploy smoke and regression tiers accept ("
        + waivers.getFileName()), md);
    assertTrue(md.contains("- REG-INPUT-1 waived until 2026-12-31 (core team, malformed UUIDs reach the database):"
        + " Malformed ids (not a UUID, very long, path traversal, SQL metacharacters) get 4xx JSON, never 5xx,"
        + " HTML or a stack trace (GET /courses/{courseId}, \"500\")"), md);
    assertTrue(md.contains("- WS3-API-7 open, waiver expired on 2026-11-01 (delivery lead, quiz submit answers"
        + " 201): "), md);
    assertTrue(notes.summary().contains("2 waived check(s)"), notes.summary());

    Files.writeString(waivers, "- check: REG-INPUT-1\n  owner: o\n");
    IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
        () -> new ReleaseNotesGenerator(settings("0.2.0").withSmokeWaivers(waivers)).compile(ReleaseListener.NONE));
    assertTrue(broken.getMessage().startsWith(waivers + ":1: the waiver has no 'reason'"), broken.getMessage());
  }

  @Test
  void theBaselinesSizeIsAKnownLimitation() throws Exception {
    Path allow = dir.resolve("allow.yaml");
    Files.writeString(allow, "- rule: undocumented\n  subject: GET /a\n  reason: baseline 2026-12-05\n"
        + "- rule: undocumented\n  subject: GET /b\n  reason: scraped by Prometheus\n");
    Path waivers = dir.resolve("dod-waivers.yaml");
    Files.writeString(waivers, "- item: DOD-D-4af6e6\n  reason: trial deploy booked\n  owner: unassigned\n"
        + "  expires: 2026-12-31\n");
    ReleaseNotes notes = new ReleaseNotesGenerator(settings("0.2.0").withAllowList(allow)
        .withDod(new DodSettings(DOD, Optional.of(waivers), true, NOV_25))).compile(ReleaseListener.NONE);

    String sentence = "Baseline: 2 route finding(s) accepted by allow.yaml and 1 DoD item(s) waived by"
        + " dod-waivers.yaml, 2 still with the placeholder reason 'baseline <date>' or owner 'unassigned' (open work).";
    assertEquals(sentence, notes.knownLimitations().baseline());
    assertTrue(notes.toMarkdown().contains(sentence), notes.toMarkdown());
    assertTrue(notes.summary().contains(sentence), notes.summary());
    assertEquals("", new ReleaseNotesGenerator(settings("0.2.0")).compile(ReleaseListener.NONE)
        .knownLimitations().baseline());
  }

  @Test
  void missingInputsAreShownAsMissingNotInvented() throws Exception {
    GateResult result =
        new ReleaseNotesGenerator(
                settings("0.2.0").withDod(
                    new DodSettings(dir.resolve("docs/dod.md"), Optional.empty(), true, NOV_25)))
            .check(ReleaseListener.NONE);
    assertEquals(GateStatus.PASSED, result.status());
    String md = Files.readString(reports().resolve(ReleaseNotesGenerator.MARKDOWN_FILE));
    assertTrue(md.contains("## API changes\n\nNot compared: target/beelms-release/api-changes.json"
        + " is missing (run beelms:openapi-check first)."), md);
    assertTrue(md.contains("## Image\n\nNot built (no target/beelms-release/image.json; run"
        + " beelms:image first)."), md);
    assertTrue(md.contains("No maintained list: docs/delivery/known-limitations.md does not exist."), md);
    assertTrue(md.contains("Definition-of-Done items not listed: the DoD checklist docs/dod.md"
        + " does not exist."), md);
    assertTrue(md.contains("## Database migrations\n\n**Migrations not checked**: migrations not"
        + " checked: no target/beelms-release/migrations.json"), md);
    assertFalse(md.contains("None added"), md);
    String summary = Files.readString(reports().resolve(ReleaseNotesGenerator.SUMMARY_FILE));
    assertTrue(summary.contains("Image: not built\n"), summary);
    assertTrue(result.findings().stream().map(Finding::message)
        .anyMatch(m -> m.startsWith("image not listed")), result.findings().toString());
  }

  @Test
  void showsTheImageReferenceWithItsDigest() throws Exception {
    String digest = "sha256:" + "ab".repeat(32);
    new ImageResult("127.0.0.1:5000/beelms/core", List.of("v0.2.0", "1a2b3c4"), digest,
            "sha256:" + "cd".repeat(32), TargetKind.REGISTRY, "127.0.0.1:5000/beelms/core:v0.2.0", "scratch")
        .writeTo(reports());
    ReleaseNotes notes = new ReleaseNotesGenerator(settings("0.2.0")).compile(ReleaseListener.NONE);
    String md = notes.toMarkdown();
    assertTrue(md.contains("- Reference: `127.0.0.1:5000/beelms/core@" + digest + "`"), md);
    assertTrue(md.contains("- Tag: `127.0.0.1:5000/beelms/core:v0.2.0`"), md);
    assertTrue(notes.summary().endsWith("Image: 127.0.0.1:5000/beelms/core@" + digest + "\n"));
  }

  @Test
  void prependsToTheChangelogOnceAndKeepsTheRest() throws Exception {
    historyOfTheSecondRelease();
    Path changelog = dir.resolve("CHANGELOG.md");
    String old = "# Changelog\n\nAll notable changes.\n\n## [0.1.0] - 2026-10-01\n\n- first API\n";
    Files.writeString(changelog, old);
    ReleaseNotesGenerator generator =
        new ReleaseNotesGenerator(settings("0.2.0").withChangelog(changelog));

    ReleaseNotesResult first = generator.generate(ReleaseListener.NONE);
    assertEquals(Optional.of(Changelog.Update.PREPENDED), first.changelog());
    String updated = Files.readString(changelog);
    assertTrue(updated.startsWith("# Changelog\n\nAll notable changes.\n\n## [0.2.0] - 2026-11-25\n\n"),
        updated);
    assertTrue(updated.contains("### Breaking changes\n\n- **feat(api)!**"), updated);
    assertTrue(updated.endsWith("\n## [0.1.0] - 2026-10-01\n\n- first API\n"), updated);

    ReleaseNotesResult again = generator.generate(ReleaseListener.NONE);
    assertEquals(Optional.of(Changelog.Update.ALREADY_PRESENT), again.changelog());
    assertEquals(updated, Files.readString(changelog));
    assertEquals(1, again.gate().findingsAtLeast(Severity.WARNING).size());
    assertEquals("already has a section for 0.2.0; left unchanged",
        again.gate().findingsAtLeast(Severity.WARNING).get(0).message());
  }

  @Test
  void createsAMissingChangelog() throws Exception {
    Path changelog = dir.resolve("CHANGELOG.md");
    ReleaseNotesResult result =
        new ReleaseNotesGenerator(settings("0.2.0").withChangelog(changelog)).generate(ReleaseListener.NONE);
    assertEquals(Optional.of(Changelog.Update.CREATED), result.changelog());
    assertTrue(Files.readString(changelog).startsWith("# Changelog\n\n## [0.2.0] - 2026-11-25\n"));
  }

  @Test
  void derivedVersionOfATaggedHeadIsThatTag() throws Exception {
    repo.write("x.txt", "1").commitAll("fix: one");
    repo.tag("v0.1.1");
    ReleaseNotes notes =
        new ReleaseNotesGenerator(settings("0.2.0-SNAPSHOT").withDeriveVersion(true))
            .compile(ReleaseListener.NONE);
    assertEquals("v0.1.1", notes.tagName());
    assertEquals(Optional.of("v0.1.0"), notes.previousRelease());
    assertEquals(List.of("one"), descriptions(notes.changes().fixes()));
  }
}
