package org.beelms.plugin.version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.NextVersion;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseTag;
import org.beelms.plugin.git.ReleaseVersion;
import org.beelms.plugin.git.SemanticVersion;
import org.beelms.plugin.git.TreeState;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * {@code beelms:prepare}: writes the release version where the project keeps it (the reactor's
 * poms, the configured {@code package.json} files and their lockfiles, the OpenAPI {@code
 * info.version}) as minimal textual edits and commits {@code chore(release): X.Y.Z}; then, when
 * asked, {@link #nextDevelopmentVersion} commits the next SNAPSHOT. Nothing is written on a dirty
 * tree; a dry run only shows the diff.
 */
public final class ReleasePreparation implements Gate {

  public static final String NAME = "prepare";

  /** The second step's name in the summary. */
  public static final String NEXT_NAME = "next-development-version";

  private final PrepareSettings settings;
  private SemanticVersion prepared;
  private String releaseCommit;

  public ReleasePreparation(PrepareSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The version the last {@link #check} prepared; empty before it ran or when it failed. */
  public Optional<SemanticVersion> prepared() {
    return Optional.ofNullable(prepared);
  }

  /** The full id of the release commit the last {@link #check} made; empty when it made none. */
  public Optional<String> releaseCommit() {
    return Optional.ofNullable(releaseCommit);
  }

  /** The release version and why: explicit, set in the pom above the last tag, or derived. */
  public static ReleaseVersion.Resolved releaseVersion(
      PrepareSettings settings, ReleaseHistory history) {
    if (settings.explicitVersion().isPresent()) {
      SemanticVersion v = ReleaseVersion.explicit(settings.explicitVersion().get().strip(), history);
      return new ReleaseVersion.Resolved(v, v + ": given by -Dbeelms.releaseVersion");
    }
    Optional<SemanticVersion> declared =
        SemanticVersion.parse(settings.projectVersion()).filter(v -> !v.isSnapshot());
    Optional<SemanticVersion> last =
        history.releaseTags().stream().findFirst().map(ReleaseTag::version);
    if (declared.isPresent() && last.map(l -> declared.get().compareTo(l) > 0).orElse(true)) {
      return new ReleaseVersion.Resolved(
          declared.get(), declared.get() + ": the pom's <version>, above every v* tag");
    }
    NextVersion.Decision next = NextVersion.decide(history);
    return new ReleaseVersion.Resolved(next.version(), next.reason());
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    try (ReleaseHistory history = ReleaseHistory.open(settings.projectDirectory())) {
      List<Finding> findings = new ArrayList<>();
      Optional<Finding> dirty = dirtyTree(history);
      if (dirty.isPresent()) {
        return result(List.of(dirty.get()));
      }
      ReleaseVersion.Resolved version;
      try {
        version = releaseVersion(settings, history);
      } catch (IllegalArgumentException refused) {
        return result(List.of(Finding.error(refused.getMessage(), "-Dbeelms.releaseVersion",
            "pass a version above the previous release, or leave it out")));
      }
      listener.progress(NAME, "release version " + version.reason());
      findings.add(Finding.info("release version " + version.reason(), ""));
      findings.addAll(packageJsonsLeftOut(history));
      Map<Path, String> edits = edits(version.version().toString(), true);
      releaseCommit =
          commitOrShow(history, edits, "chore(release): " + version.version(), findings).orElse(null);
      if (!settings.dryRun()) {
        prepared = version.version();
      }
      return result(findings);
    }
  }

  /** The second step: the next SNAPSHOT in the poms (and package.json when asked), committed. */
  public Gate nextDevelopmentVersion() {
    return new Gate() {
      @Override
      public String name() {
        return NEXT_NAME;
      }

      @Override
      public GateResult check(ReleaseListener listener) throws Exception {
        if (prepared == null && !settings.dryRun()) {
          return GateResult.skipped(NEXT_NAME, "not run: prepare committed no release");
        }
        try (ReleaseHistory history = ReleaseHistory.open(settings.projectDirectory())) {
          SemanticVersion released =
              prepared().orElseGet(() -> releaseVersion(settings, history).version());
          String next = released.nextPatch() + "-SNAPSHOT";
          List<Finding> findings = new ArrayList<>();
          Optional<Finding> dirty = dirtyTree(history);
          if (dirty.isPresent()) {
            return GateResult.of(NEXT_NAME, Duration.ZERO, List.of(dirty.get()), Severity.ERROR);
          }
          commitOrShow(history, edits(next, settings.nextSnapshotPackageJson()),
              "chore(release): prepare for next development iteration " + next, findings);
          return GateResult.of(NEXT_NAME, Duration.ZERO, findings, Severity.ERROR);
        }
      }
    };
  }

  private GateResult result(List<Finding> findings) {
    return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
  }

  private Optional<Finding> dirtyTree(ReleaseHistory history) throws GitAPIException {
    TreeState state = TreeState.read(history, settings.buildDirectory());
    if (state.clean() || settings.dryRun()) {
      return Optional.empty();
    }
    return Optional.of(Finding.error(
        "the work tree is not clean (" + state.describe(10) + "); nothing was written or committed",
        history.workTree().toString(),
        "commit or stash these files, then run beelms:prepare again"));
  }

  /**
   * A warning for each {@code package.json} next to the migrations or the routes (the nearest one
   * in the folder or above it, up to the project) that {@code <packageJsons>} leaves out: its
   * version would stay behind the release.
   */
  List<Finding> packageJsonsLeftOut(ReleaseHistory history) {
    Path project = settings.projectDirectory().toAbsolutePath().normalize();
    Set<Path> listed = new HashSet<>();
    settings.packageJsons().forEach(p -> listed.add(p.toAbsolutePath().normalize()));
    Set<Path> warned = new java.util.LinkedHashSet<>();
    List<Finding> findings = new ArrayList<>();
    for (Path folder : settings.sourceFolders()) {
      for (Path dir = folder.toAbsolutePath().normalize(); dir != null && dir.startsWith(project);
          dir = dir.getParent()) {
        Path json = dir.resolve("package.json");
        if (Files.isRegularFile(json)) {
          if (!listed.contains(json) && warned.add(json)) {
            String name = history.gitPath(json);
            findings.add(Finding.warning(
                name + " sits with " + history.gitPath(folder) + " but is not in <packageJsons>; its"
                    + " version is not set to the release",
                name,
                "add <packageJsons><packageJson>" + project.relativize(json).toString().replace('\\', '/')
                    + "</packageJson></packageJsons> (-Dbeelms.prepare.packageJsons), or ignore this"
                    + " when that package's version is not the release's"));
          }
          break;
        }
      }
    }
    return findings;
  }

  /** Every file whose text changes: path → new text. */
  Map<Path, String> edits(String version, boolean packageJsons) throws IOException {
    Map<Path, String> edits = new LinkedHashMap<>();
    Set<String> reactor = new HashSet<>();
    for (Path pom : settings.poms()) {
      VersionEdits.pomValue(read(pom), "project/artifactId").ifPresent(reactor::add);
    }
    for (Path pom : settings.poms()) {
      put(edits, pom, VersionEdits.pomVersion(read(pom), version, reactor));
    }
    if (packageJsons) {
      for (Path json : settings.packageJsons()) {
        if (!Files.isRegularFile(json)) {
          throw new IllegalArgumentException(
              json + " does not exist; fix <packageJsons> (beelms.prepare.packageJsons)");
        }
        put(edits, json, VersionEdits.packageJsonVersion(read(json), version, false));
        Path lock = json.resolveSibling("package-lock.json");
        if (Files.isRegularFile(lock)) {
          put(edits, lock, VersionEdits.packageJsonVersion(read(lock), version, true));
        }
      }
    }
    if (settings.openApi().isPresent() && Files.isRegularFile(settings.openApi().get())
        && !version.endsWith("-SNAPSHOT")) {
      Path spec = settings.openApi().get();
      put(edits, spec, VersionEdits.openApiVersion(read(spec), version));
    }
    return edits;
  }

  private static void put(Map<Path, String> edits, Path file, String text) throws IOException {
    if (!text.equals(read(file))) {
      edits.put(file, text);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Writes and commits the edits (or shows them on a dry run); the new commit's full id. */
  private Optional<String> commitOrShow(
      ReleaseHistory history, Map<Path, String> edits, String message, List<Finding> findings)
      throws IOException, GitAPIException {
    for (Map.Entry<Path, String> edit : edits.entrySet()) {
      String where = history.gitPath(edit.getKey());
      for (String line : LineDiff.changedLines(read(edit.getKey()), edit.getValue())) {
        findings.add(Finding.info(line, where));
      }
    }
    if (settings.dryRun()) {
      findings.add(Finding.info(
          "dry run: " + edits.size() + " file(s) would change and \"" + message
              + "\" would be committed; nothing written", ""));
      return Optional.empty();
    }
    try (Git git = new Git(history.repository())) {
      for (Map.Entry<Path, String> edit : edits.entrySet()) {
        Files.writeString(edit.getKey(), edit.getValue(), StandardCharsets.UTF_8);
        git.add().addFilepattern(history.gitPath(edit.getKey())).call();
      }
      PersonIdent who = new PersonIdent(history.repository());
      String sha = git.commit().setMessage(message).setAuthor(who).setCommitter(who)
          .setAllowEmpty(false).call().getId().name();
      findings.add(Finding.info("committed " + sha.substring(0, 7) + " " + message + " ("
          + edits.size() + " file(s))", history.workTree().toString()));
      return Optional.of(sha);
    } catch (org.eclipse.jgit.api.errors.EmptyCommitException nothing) {
      findings.add(Finding.info("every version already says so; nothing to commit", ""));
      return Optional.empty();
    }
  }
}
