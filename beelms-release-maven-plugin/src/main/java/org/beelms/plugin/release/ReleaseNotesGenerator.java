package org.beelms.plugin.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.beelms.plugin.checklist.DodCheck;
import org.beelms.plugin.checklist.DodReport;
import org.beelms.plugin.baseline.Baseline;
import org.beelms.plugin.checklist.Waiver;
import org.beelms.plugin.checklist.WaiverFile;
import org.beelms.plugin.openapi.AllowList;
import org.beelms.plugin.checklist.DodSettings;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.NextVersion;
import org.beelms.plugin.git.ReleaseVersion;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseTag;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.image.ImageResult;
import org.beelms.plugin.migrations.MigrationReport;
import org.beelms.plugin.migrations.MigrationsCheckResult;
import org.beelms.plugin.openapi.ApiChanges;
import org.beelms.plugin.release.ReleaseNotes.Limitation;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Release plan 2.3, "Changelog/release notes": reads the commits from the previous {@code v*} tag
 * (or the root, for the first release) to HEAD with JGit, joins them with the reports of
 * migrations-check, openapi-check and image and with the known limitations, and writes {@code
 * release-notes.md}, the summary the tag carries, and optionally a {@code CHANGELOG.md} section.
 */
public final class ReleaseNotesGenerator implements Gate {

  public static final String NAME = "release-notes";

  /** The notes' file name under the report directory. */
  public static final String MARKDOWN_FILE = "release-notes.md";

  /** The summary's file name under the report directory: the annotated tag's message. */
  public static final String SUMMARY_FILE = "release-notes-summary.txt";

  private final ReleaseNotesSettings settings;

  public ReleaseNotesGenerator(ReleaseNotesSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GateResult check(ReleaseListener listener) throws IOException {
    return generate(listener).gate();
  }

  /** Compiles the notes and writes them (and the changelog section, when asked for). */
  public ReleaseNotesResult generate(ReleaseListener listener) throws IOException {
    ReleaseNotes notes = compile(listener);
    Path dir = settings.reportDirectory();
    Files.createDirectories(dir);
    Path markdown = dir.resolve(MARKDOWN_FILE);
    Path summary = dir.resolve(SUMMARY_FILE);
    Files.writeString(markdown, notes.toMarkdown(), StandardCharsets.UTF_8);
    Files.writeString(summary, notes.summary(), StandardCharsets.UTF_8);
    List<Finding> findings = new ArrayList<>();
    findings.add(
        Finding.info(
            "release notes for " + notes.tagName() + " ("
                + notes.previousRelease().map(p -> "since " + p).orElse("first release") + ", "
                + notes.changes().listed() + " commit(s)) written",
            markdown.toString()));
    findings.add(Finding.info("summary for the tag message written", summary.toString()));
    missingInputs(notes, findings);
    Optional<Changelog.Update> update = Optional.empty();
    if (settings.changelog().isPresent()) {
      Path file = settings.changelog().get();
      Changelog.Update outcome =
          Changelog.prepend(file, notes.version(), notes.toChangelogSection());
      update = Optional.of(outcome);
      String commitHint =
          "commit it before beelms:tag (git commit -m \"chore(release): " + notes.tagName()
              + "\" " + display(file) + "), since a release is tagged from a clean tree";
      switch (outcome) {
        case CREATED -> findings.add(
            new Finding(Severity.INFO, "created with a section for " + notes.version(),
                file.toString(), commitHint, ""));
        case PREPENDED -> findings.add(
            new Finding(Severity.INFO, "section for " + notes.version() + " added on top",
                file.toString(), commitHint, ""));
        case ALREADY_PRESENT -> findings.add(
            Finding.warning(
                "already has a section for " + notes.version() + "; left unchanged",
                file.toString(),
                "edit that section by hand if it is out of date, or bump the version"));
      }
    }
    GateResult gate = GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
    return new ReleaseNotesResult(gate, notes, markdown, summary, update);
  }

  /** Reads everything the notes show, without writing anything. */
  public ReleaseNotes compile(ReleaseListener listener) throws IOException {
    try (ReleaseHistory history = ReleaseHistory.open(settings.projectDirectory())) {
      RevCommit head =
          history.head()
              .orElseThrow(
                  () -> new IllegalStateException(
                      "the repository at " + history.workTree()
                          + " has no commit yet; commit the release's sources first"));
      ReleaseVersion.Resolved resolved =
          ReleaseVersion.decide(settings.projectVersion(), settings.deriveVersion(), history);
      SemanticVersion version = resolved.version();
      Optional<ReleaseTag> previous = history.previousRelease(Optional.of(version));
      listener.progress(
          NAME,
          "reading commits from " + previous.map(ReleaseTag::name).orElse("the root") + " to "
              + head.getId().abbreviate(7).name());
      NextVersion.Range range = NextVersion.commitsSince(history, previous);
      ReleaseNotes.Changes changes = ReleaseNotes.Changes.group(range.commits(), range.leftOut());
      return new ReleaseNotes(
          settings.title(),
          version,
          resolved.reason(),
          LocalDate.now(settings.clock()),
          previous.map(ReleaseTag::name),
          head.getId().abbreviate(7).name(),
          changes,
          migrations(history, head, previous),
          api(),
          knownLimitations(),
          image());
    }
  }

  private ReleaseNotes.Migrations migrations(
      ReleaseHistory history, RevCommit head, Optional<ReleaseTag> previous) throws IOException {
    Path report = settings.reportDirectory().resolve(MigrationsCheckResult.JSON_FILE);
    String notChecked = "migrations not checked: no " + display(report) + " (run beelms:migrations-check first)";
    if (Files.isRegularFile(report)) {
      String checkedCommit = MigrationsCheckResult.readProvenance(report).commit();
      if (!checkedCommit.equals(head.getId().name())) {
        notChecked = "migrations not checked: " + display(report) + " is stale (it checked commit '"
            + checkedCommit + "', the notes are for " + head.getId().name() + ")";
      }
    }
    if (Files.isRegularFile(report) && notChecked.contains("no " + display(report))) {
      List<MigrationReport> reports;
      try {
        reports = MigrationsCheckResult.readReports(report);
      } catch (UncheckedIOException e) {
        throw new IOException(
            "cannot read " + report + ": " + e.getCause().getMessage()
                + "; run beelms:migrations-check again to rewrite it, or delete it to list the"
                + " migration files from git", e.getCause());
      }
      if (!reports.isEmpty()) {
        return new ReleaseNotes.Migrations(
            display(report) + " (beelms:migrations-check)",
            true,
            reports.stream()
                .map(r -> new ReleaseNotes.Migration(
                    r.file(), r.version(), r.description(),
                    r.safetyClass() == null ? "unknown"
                        : r.safetyClass().name().toLowerCase(Locale.ROOT)))
                .toList(),
            true,
            MigrationsCheckResult.readReproducibility(report));
      }
      // An empty report may only mean the check read no migrations it knows (e.g. TypeORM
      // files in a Flyway check): the files git saw added are listed rather than "none".
      notChecked = "migrations not checked: " + display(report) + " lists none (beelms:migrations-check"
          + " read no migration it knows in that folder)";
    }
    Path folder = settings.migrationsDirectory().toAbsolutePath().normalize();
    if (!folder.startsWith(history.workTree().toAbsolutePath().normalize())) {
      return new ReleaseNotes.Migrations(
          notChecked + ", and the migrations folder " + folder
              + " is outside the git repository", false, List.of(), false);
    }
    String gitFolder = history.gitPath(folder);
    List<ReleaseNotes.Migration> added = new ArrayList<>();
    Repository repository = history.repository();
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      if (previous.isPresent()) {
        tree.addTree(walk.parseCommit(ObjectId.fromString(previous.get().commit())).getTree());
      } else {
        tree.addTree(new EmptyTreeIterator());
      }
      CanonicalTreeParser headTree = new CanonicalTreeParser();
      try (var reader = repository.newObjectReader()) {
        headTree.reset(reader, walk.parseCommit(head).getTree());
      }
      tree.addTree(headTree);
      tree.setRecursive(true);
      if (!gitFolder.isEmpty()) {
        tree.setFilter(PathFilter.create(gitFolder));
      }
      for (DiffEntry entry : DiffEntry.scan(tree)) {
        if (entry.getChangeType() == DiffEntry.ChangeType.ADD) {
          added.add(new ReleaseNotes.Migration(entry.getNewPath(), "", "", "unknown"));
        }
      }
    }
    if (added.isEmpty() && !Files.isDirectory(folder)) {
      return new ReleaseNotes.Migrations(
          notChecked + ", and no migrations folder " + display(folder), false,
          List.of(), false);
    }
    return new ReleaseNotes.Migrations(
        notChecked + "; files added under " + gitFolder + " since "
            + previous.map(ReleaseTag::name).orElse("the start of the history")
            + ", safety class unknown",
        true,
        added,
        false);
  }

  private ReleaseNotes.Api api() throws IOException {
    Path file = settings.reportDirectory().resolve(ApiChanges.JSON_FILE);
    if (!Files.isRegularFile(file)) {
      return new ReleaseNotes.Api(
          Optional.empty(), display(file) + " is missing (run beelms:openapi-check first)");
    }
    try {
      return new ReleaseNotes.Api(Optional.of(ApiChanges.readJson(file)), display(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(
          "cannot read " + file + ": " + e.getMessage()
              + "; run beelms:openapi-check again to rewrite it", e);
    }
  }

  private ReleaseNotes.KnownLimitations knownLimitations() throws IOException {
    ReleaseNotes.KnownLimitations limits = dodLimitations().withBaseline(baseline());
    if (settings.smokeWaivers().isEmpty()) {
      return limits;
    }
    Path waivers = settings.smokeWaivers().get();
    return limits.withWaivedChecks(
        display(waivers), WaivedChecks.read(waivers, LocalDate.now(settings.clock())));
  }

  /**
   * What the allow list and the DoD waivers accept, the adoption baseline among it: "Baseline: 96
   * route finding(s) accepted by … and 35 DoD item(s) by …, 131 still with the placeholder reason".
   */
  private String baseline() throws IOException {
    Optional<Path> allow = settings.allowList().filter(Files::isRegularFile);
    Optional<Path> waivers =
        settings.dod().flatMap(DodSettings::waivers).filter(Files::isRegularFile);
    int routes = 0;
    long open = 0;
    if (allow.isPresent()) {
      AllowList list = AllowList.read(allow.get(), display(allow.get()));
      routes = list.entries().size();
      open += list.placeholders();
    }
    int items = 0;
    if (waivers.isPresent()) {
      List<Waiver> all = WaiverFile.read(waivers.get());
      items = all.size();
      open += all.stream()
          .filter(w -> Baseline.isPlaceholder(w.reason()) || Baseline.isPlaceholderOwner(w.owner()))
          .count();
    }
    if (routes + items == 0) {
      return "";
    }
    return "Baseline: " + routes + " route finding(s) accepted"
        + allow.map(f -> " by " + display(f)).orElse("") + " and " + items + " DoD item(s) waived"
        + waivers.map(f -> " by " + display(f)).orElse("") + ", " + open
        + " still with the placeholder reason 'baseline <date>' or owner '" + Baseline.PLACEHOLDER_OWNER
        + "' (open work).";
  }

  private ReleaseNotes.KnownLimitations dodLimitations() throws IOException {
    Path file = settings.knownLimitations();
    Optional<String> maintained =
        Files.isRegularFile(file)
            ? Optional.of(Files.readString(file, StandardCharsets.UTF_8))
            : Optional.empty();
    if (settings.dod().isEmpty()) {
      return new ReleaseNotes.KnownLimitations(
          display(file), maintained, "no DoD checklist configured", Optional.empty());
    }
    DodSettings dod = settings.dod().get();
    if (!Files.isRegularFile(dod.checklist())) {
      return new ReleaseNotes.KnownLimitations(
          display(file), maintained,
          "the DoD checklist " + display(dod.checklist()) + " does not exist", Optional.empty());
    }
    DodReport report = new DodCheck(dod).review();
    List<Limitation> items = new ArrayList<>();
    report.open().forEach(
        i -> items.add(new Limitation(i.id(), i.text(), Limitation.Status.OPEN, "")));
    report.expired().forEach(
        w -> items.add(new Limitation(w.item().id(), w.item().text(),
            Limitation.Status.WAIVER_EXPIRED, "waiver expired on " + w.waiver().expires())));
    report.waived().forEach(
        w -> items.add(new Limitation(w.item().id(), w.item().text(), Limitation.Status.WAIVED,
            "until " + w.waiver().expires() + " (" + w.waiver().owner() + ", "
                + w.waiver().reason() + ")")));
    return new ReleaseNotes.KnownLimitations(
        display(file), maintained, display(dod.checklist()), Optional.of(items));
  }

  private ReleaseNotes.Image image() throws IOException {
    Path file = settings.reportDirectory().resolve(ImageResult.FILE);
    if (!Files.isRegularFile(file)) {
      return new ReleaseNotes.Image(
          Optional.empty(), "no " + display(file) + "; run beelms:image first");
    }
    ImageResult image = ImageResult.read(file);
    Path chainFile = settings.reportDirectory().resolve(ReleaseRecord.SupplyChain.FILE);
    Optional<ReleaseRecord.SupplyChain> chain =
        Files.isRegularFile(chainFile)
            ? Optional.of(ReleaseRecord.SupplyChain.read(chainFile))
                .filter(c -> c.imageDigest().equals(image.digest()))
            : Optional.empty();
    return new ReleaseNotes.Image(Optional.of(image), display(file), chain);
  }

  private static void missingInputs(ReleaseNotes notes, List<Finding> findings) {
    if (!notes.migrations().available()) {
      findings.add(Finding.info("migrations not listed: " + notes.migrations().source(), ""));
    } else if (!notes.migrations().checked()) {
      findings.add(Finding.info(notes.migrations().source(), ""));
    }
    if (notes.api().changes().isEmpty()) {
      findings.add(Finding.info("API changes not listed: " + notes.api().source(), ""));
    }
    if (notes.image().result().isEmpty()) {
      findings.add(Finding.info("image not listed: " + notes.image().source(), ""));
    }
    if (notes.knownLimitations().maintained().isEmpty()) {
      findings.add(
          Finding.info(
              "no maintained known limitations: " + notes.knownLimitations().file()
                  + " does not exist", ""));
    }
  }

  /** {@code path} relative to the project when it is inside it, else as given. */
  private String display(Path path) {
    Path base = settings.projectDirectory().toAbsolutePath().normalize();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(base)
        ? base.relativize(absolute).toString().replace('\\', '/')
        : path.toString();
  }
}
