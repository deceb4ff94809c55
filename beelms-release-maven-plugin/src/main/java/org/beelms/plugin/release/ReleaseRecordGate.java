package org.beelms.plugin.release;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.git.GitCredentials;
import org.beelms.plugin.git.ReleaseHistory;
import org.beelms.plugin.git.ReleaseVersion;
import org.beelms.plugin.git.SemanticVersion;

/**
 * Release plan 2.3's last artifact: the release record of this release candidate, written to the
 * output directory and, unless a dry run, kept as a git note on the release commit and pushed to
 * the remote. A re-run of the same release keeps every deploy and rollback entry already recorded
 * on its commit (issue 29 item 1).
 */
public final class ReleaseRecordGate implements Gate {

  public static final String NAME = "release-record";

  /** Bound of each fetch or push of the release records. */
  public static final Duration RECORDS_NETWORK_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param basedir the project's git working tree
   * @param outputDirectory where the record, the reports and the release notes are written
   * @param locations the migrations folder the record describes
   * @param spec the OpenAPI document, if any
   * @param projectVersion the version the release is decided from (the pom's, or the explicit one)
   * @param deriveVersion derive the version from the conventional commits since the last release
   * @param dryRun write the record only: no note, no push
   * @param remote the git remote the records are fetched from and pushed to
   * @param credentials for the remote; empty = none (or the URL's own)
   * @param pushRecords push the records to the remote after attaching them
   */
  public record Settings(Path basedir, Path outputDirectory, Path locations, Optional<Path> spec,
      String projectVersion, boolean deriveVersion, boolean dryRun, String remote,
      Optional<GitCredentials> credentials, boolean pushRecords) {

    public Settings {
      Objects.requireNonNull(basedir, "basedir");
      Objects.requireNonNull(outputDirectory, "outputDirectory");
      Objects.requireNonNull(locations, "locations");
      spec = spec == null ? Optional.empty() : spec;
      Objects.requireNonNull(remote, "remote");
      credentials = credentials == null ? Optional.empty() : credentials;
    }
  }

  /** The record written, and its file. */
  public record Written(ReleaseRecord record, Path file) {}

  private final Settings settings;
  private final List<GateResult> earlier;
  private final Clock clock;
  private Written written;

  /** @param earlier the results of the gates and artifact steps this record describes */
  public ReleaseRecordGate(Settings settings, List<GateResult> earlier, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.earlier = List.copyOf(earlier);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The record this gate wrote; empty before it ran or when it could not write one. */
  public Optional<Written> written() {
    return Optional.ofNullable(written);
  }

  @Override
  public GateResult check(ReleaseListener listener) {
    try (ReleaseHistory history = ReleaseHistory.open(settings.basedir())) {
      SemanticVersion version =
          ReleaseVersion.resolve(settings.projectVersion(), settings.deriveVersion(), history);
      String commit = history.head().map(c -> c.getId().name()).orElseThrow(() ->
          new IllegalStateException("the repository " + settings.basedir() + " has no commit"));
      ReleaseRecord record =
          new ReleaseRecordAssembler(settings.outputDirectory(), settings.locations(), settings.spec(), clock)
              .assemble(version, commit, settings.dryRun(), earlier);
      Path file = record.writeTo(settings.outputDirectory());
      written = new Written(record, file);
      List<Finding> findings = new ArrayList<>();
      findings.add(Finding.info("release record written", file.toString()));
      if (settings.dryRun()) {
        findings.add(Finding.info("dry run: the record was not attached to a tag", ""));
        return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
      }
      ReleaseRecordSync sync = new ReleaseRecordSync(
          history.repository(), settings.remote(), settings.credentials(), RECORDS_NETWORK_TIMEOUT);
      // The remote's records first, so a record another runner kept for this commit is seen.
      ReleaseRecordSync.Outcome fetched = settings.pushRecords() ? sync.fetch() : null;
      ReleaseRecordStore store = new ReleaseRecordStore(history.repository());
      // A re-run of the same release keeps every deploy and rollback already recorded on it.
      store.attach(keptEntries(store, record, findings));
      findings.add(Finding.info(
          "release record attached to " + record.tag() + " as a git note", ReleaseRecordStore.NOTES_REF));
      findings.add(shared(sync, fetched));
      return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
    }
  }

  /**
   * {@code fresh} with the deploy and rollback entries of the note already on its commit (a re-run
   * of the same release); {@code fresh} when there is none, or the note is not a record (said in a
   * warning).
   */
  private static ReleaseRecord keptEntries(ReleaseRecordStore store, ReleaseRecord fresh, List<Finding> findings) {
    try {
      return store.read(fresh.commit()).map(kept -> ReleaseRecordMerge.rerun(kept, fresh)).orElse(fresh);
    } catch (IllegalArgumentException notARecord) {
      findings.add(Finding.warning("the git note on " + fresh.commit() + " is not a release record and is replaced: "
          + notARecord.getMessage(), ReleaseRecordStore.NOTES_REF, "nothing to do unless that note was kept on purpose"));
      return fresh;
    }
  }

  /** Pushes the record (unless off or there is no remote), and says how it went. */
  private Finding shared(ReleaseRecordSync sync, ReleaseRecordSync.Outcome fetched) {
    if (!settings.pushRecords()) {
      return Finding.info("the release record was not pushed (-Dbeelms.record.push=false); push it with: "
          + sync.pushCommand(), ReleaseRecordStore.NOTES_REF);
    }
    ReleaseRecordSync.Outcome outcome = sync.hasRemote() ? sync.push() : fetched;
    String where = "git remote " + sync.remote() + " " + ReleaseRecordStore.NOTES_REF;
    if (outcome.failed()) {
      return Finding.warning(outcome.message(), where, "push it by hand: " + sync.pushCommand());
    }
    return Finding.info(outcome.message(), where);
  }

  /** The lines the console ends with: what was released and where everything is. */
  public static List<String> summary(Written written, Path outputDirectory, boolean dryRun) {
    ReleaseRecord record = written.record();
    List<String> lines = new ArrayList<>();
    lines.add("Release " + record.version() + (dryRun ? " (dry run: nothing pushed or tagged)" : ""));
    lines.add("  tag:            " + record.tag() + (dryRun ? " (not created)" : "") + " on "
        + record.commit().substring(0, 7));
    lines.add("  image:          " + (record.image() == null ? "not built" : record.image().reference()
        + " (" + record.image().target() + ": " + record.image().location() + ")"
        + (record.image().revisionNotVerified() == null ? ""
            : ", revision not verified: " + record.image().revisionNotVerified())));
    if (record.supplyChain() != null) {
      var chain = record.supplyChain();
      lines.add("  SBOM:           " + chain.sbom() + " (" + chain.sbomComponents() + " components)");
      lines.add("  signature:      "
          + (chain.signed() ? chain.signatureReference() + " (key " + chain.signingKey() + ")" : "not signed"));
    }
    lines.add("  release notes:  " + outputDirectory.resolve("release-notes.md"));
    lines.add("  release record: " + written.file());
    return lines;
  }
}
