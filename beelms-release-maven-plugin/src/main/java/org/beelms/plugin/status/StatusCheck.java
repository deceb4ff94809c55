package org.beelms.plugin.status;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.lock.EnvironmentLock;
import org.beelms.plugin.lock.LockHeldException;
import org.beelms.plugin.smoke.Environment;

/**
 * {@code beelms:status}: what runs where. Compares the local release records with the remote's
 * ({@link NotesSync}, optionally fetching them), reads every {@code v*} record ({@link
 * ReleaseLedger}), inspects each environment ({@link EnvironmentInspector}: records, registry tag,
 * {@code /health}) and writes the release board ({@link ReleaseBoard}). Drift is a warning, or an
 * error with {@code failOnDrift}; a check that could not see its input counts as drift (fail
 * closed).
 */
public final class StatusCheck implements Gate {

  public static final String NAME = "status";

  private final StatusSettings settings;
  private final ReleaseRecords records;
  private final NotesSync notes;
  private final EnvironmentInspectorFactory inspectors;
  private final Clock clock;
  private final LockReader locks;

  /** The environment locks held now (see {@code org.beelms.plugin.lock}). */
  @FunctionalInterface
  public interface LockReader {
    List<EnvironmentLock> held() throws LockHeldException;
  }

  /** Builds the inspector once the records are read (after a possible fetch). */
  @FunctionalInterface
  public interface EnvironmentInspectorFactory {
    EnvironmentInspector create(ReleaseLedger ledger);
  }

  public StatusCheck(
      StatusSettings settings,
      ReleaseRecords records,
      NotesSync notes,
      EnvironmentInspectorFactory inspectors,
      Clock clock) {
    this(settings, records, notes, inspectors, clock, List::of);
  }

  public StatusCheck(
      StatusSettings settings,
      ReleaseRecords records,
      NotesSync notes,
      EnvironmentInspectorFactory inspectors,
      Clock clock,
      LockReader locks) {
    this.locks = Objects.requireNonNull(locks, "locks");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.records = Objects.requireNonNull(records, "records");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.inspectors = Objects.requireNonNull(inspectors, "inspectors");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The inspection and the board, without writing anything. */
  public ReleaseBoard inspect(ReleaseListener listener) {
    listener.progress(NAME, (settings.fetch() ? "fetching and comparing" : "comparing")
        + " the release records with " + settings.remote());
    NotesSync.Result sync = settings.fetch() ? notes.fetchAndCompare() : notes.compare();
    ReleaseLedger ledger = new ReleaseLedger(records.tagged());
    EnvironmentInspector inspector = inspectors.create(ledger);
    List<EnvironmentStatus> statuses = new ArrayList<>();
    for (Environment environment : settings.inspected()) {
      listener.progress(NAME, "inspecting " + environment.name() + " (records, registry tag, " + environment.url() + "/health)");
      statuses.add(inspector.inspect(environment));
    }
    List<String> columns = ledger.environments(settings.declared().stream().map(Environment::name).toList());
    return new ReleaseBoard(clock.instant(), ledger, columns, statuses, sync, settings.outputDirectory(),
        locks().stream().map(this::describe).toList());
  }

  @Override
  public GateResult check(ReleaseListener listener) {
    ReleaseBoard board = inspect(listener);
    List<Finding> findings = new ArrayList<>();
    NotesSync.Result sync = board.notes();
    findings.add(sync.behind()
        ? Finding.warning(sync.message(), "git remote " + sync.remote() + " " + org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF, "")
        : Finding.info(sync.message(), "git remote " + sync.remote()));
    if (board.ledger().releases().isEmpty()) {
      findings.add(Finding.warning(
          "no v* release tag reachable from HEAD has a release record: nothing to show",
          org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF,
          "release with mvn beelms:release-candidate, or fetch the tags and records (git fetch --tags origin "
              + org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF + ":" + org.beelms.plugin.release.ReleaseRecordStore.NOTES_REF + ")"));
    }
    if (settings.declared().isEmpty()) {
      findings.add(Finding.warning(
          "no <environments> declared: the board shows the environments the records name, nothing was inspected",
          "<environments>", "declare them in the plugin's <configuration> (docs/environments.md)"));
    }
    for (EnvironmentLock lock : locks()) {
      findings.add(Finding.warning("deploy in progress on " + describe(lock),
          "lock " + org.beelms.plugin.lock.EnvironmentLocks.PREFIX + lock.environment(),
          lock.expiredAt(clock.instant()) ? "break it only when that run is gone" : ""));
    }
    if (!lockProblem.isEmpty()) {
      findings.add(Finding.warning(lockProblem + "; a deploy in progress would not be shown",
          org.beelms.plugin.lock.EnvironmentLocks.PREFIX, ""));
    }
    Severity driftSeverity = settings.failOnDrift() ? Severity.ERROR : Severity.WARNING;
    for (EnvironmentStatus s : board.statuses()) {
      findings.add(Finding.info(summary(s), s.name()));
      for (Drift d : s.drift()) {
        findings.add(new Finding(driftSeverity, s.name() + ": " + d.kind().label() + ": " + d.message(),
            "environment '" + s.name() + "'", d.fix(), ""));
      }
    }
    List<Path> written = board.write();
    findings.add(Finding.info("release board: " + written.get(0) + " (and " + written.get(1).getFileName() + ")",
        written.get(0).toString()));
    settings.stepSummary().ifPresent(summary -> {
      board.appendTo(summary);
      findings.add(Finding.info("release board appended to the job summary " + summary, "$GITHUB_STEP_SUMMARY"));
    });
    return GateResult.of(NAME, Duration.ZERO, findings, Severity.ERROR);
  }

  private List<EnvironmentLock> held;
  private String lockProblem = "";

  /** The locks held now, read once per run; a read that failed is said in {@link #check}. */
  private List<EnvironmentLock> locks() {
    if (held == null) {
      try {
        held = locks.held();
      } catch (LockHeldException e) {
        held = List.of();
        lockProblem = e.getMessage();
      }
    }
    return held;
  }

  /** A held lock, with the command to break it once it has expired (a killed run). */
  private String describe(EnvironmentLock lock) {
    return lock.environment() + ": " + lock.goal() + " by " + lock.describe()
        + (lock.expiredAt(clock.instant())
            ? "; EXPIRED: if that run is gone (killed), take the lock over with mvn beelms:" + lock.goal()
                + " -Dtarget=" + lock.environment() + " -Dbeelms.deploy.breakLock=\"<reason>\""
            : "");
  }

  /** {@code staging: v0.1.1 (sha256:…) deploy 2026-… by ci, smoke PASSED; registry …; health …}. */
  static String summary(EnvironmentStatus s) {
    String recorded = s.recorded()
        .map(r -> r.entry().entry().tag() + " (" + ReleaseBoard.shortDigest(r.entry().entry().digest()) + ") "
            + r.entry().actionLabel() + " " + ReleaseBoard.time(r.entry().entry().at()) + " by "
            + r.entry().entry().by() + ", " + r.entry().entry().outcome() + ", " + r.entry().testsLabel()
            + (ReleaseBoard.backupLabel(r.entry().entry()).isEmpty() ? "" : ", " + ReleaseBoard.backupLabel(r.entry().entry()))
            + "; supply chain: " + s.supplyChain())
        .orElse("nothing recorded");
    String registry = s.registry().reference().isEmpty()
        ? s.registry().describe()
        : s.registry().reference() + " -> " + s.registry().describe();
    return s.name() + " (" + s.mode() + "): records: " + recorded + "; registry: " + registry + "; health: "
        + s.healthAndIdentity() + (s.drifted() ? "; DRIFT" : s.recorded().isPresent() ? "; in step" : "; nothing deployed");
  }
}
