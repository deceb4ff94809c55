package org.beelms.plugin.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.Gate;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.plugin.release.ReleaseRecordSync;

/**
 * Runs a deploy or rollback as one of many runners sharing a remote: takes the environment's lock
 * before anything moves, fetches the release records (so a fresh clone plans from the shared
 * truth), runs the gate, records a lock take-over on the entries it wrote, pushes the records and
 * gives the lock back, on failure too. A held lock fails at once, naming the holder; nothing runs.
 */
public final class LockedGate implements Gate {

  /**
   * What the guard needs besides the gate.
   *
   * @param environment the environment acted on
   * @param holder who acts (recorded in the lock)
   * @param version the release named on the command line; empty when it comes from the record
   * @param timeout after how long the lock counts as abandoned ({@code -Dbeelms.deploy.lockTimeout})
   * @param breakReason {@code -Dbeelms.deploy.breakLock}: take over an expired lock, for this reason
   * @param lock false for a dry run: nothing moves, so no lock is taken and nothing pushed
   * @param pushRecords {@code -Dbeelms.record.push}
   */
  public record Settings(
      String environment, String holder, String version, Duration timeout, Optional<String> breakReason,
      boolean lock, boolean pushRecords) {
    public Settings {
      Objects.requireNonNull(environment, "environment");
      version = version == null ? "" : version;
      breakReason = breakReason == null ? Optional.empty() : breakReason.filter(r -> !r.isBlank()).map(String::strip);
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("-Dbeelms.deploy.lockTimeout=" + timeout + " must be positive, e.g. PT30M");
      }
    }
  }

  /** The entry field a lock take-over is recorded in. */
  public static final String LOCK_BROKEN = "lockBroken";

  private final Gate gate;
  private final Settings settings;
  private final EnvironmentLocks locks;
  private final ReleaseRecordSync sync;
  private final ReleaseRecords records;
  private final Clock clock;

  public LockedGate(Gate gate, Settings settings, EnvironmentLocks locks, ReleaseRecordSync sync,
      ReleaseRecords records, Clock clock) {
    this.gate = Objects.requireNonNull(gate, "gate");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.locks = Objects.requireNonNull(locks, "locks");
    this.sync = Objects.requireNonNull(sync, "sync");
    this.records = Objects.requireNonNull(records, "records");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return gate.name();
  }

  @Override
  public GateResult check(ReleaseListener listener) throws Exception {
    List<Finding> before = new ArrayList<>();
    Optional<EnvironmentLock> held = Optional.empty();
    if (settings.lock()) {
      Instant now = clock.instant();
      EnvironmentLock wanted = new EnvironmentLock(settings.environment(), holder(), gate.name(),
          settings.version(), now, now.plus(settings.timeout()), "");
      listener.progress(name(), "taking the lock of " + settings.environment() + " (" + locks.where() + ")");
      try {
        EnvironmentLock taken = locks.acquire(wanted, settings.breakReason());
        held = Optional.of(taken);
        before.add(taken.brokeLock().isEmpty()
            ? Finding.info("took the lock of " + settings.environment() + " until " + taken.expires(), locks.where())
            : Finding.warning("took over the lock of " + settings.environment() + ": " + taken.brokeLock()
                + "; recorded on the entry", "-Dbeelms.deploy.breakLock", ""));
      } catch (LockHeldException e) {
        before.add(Finding.error(e.getMessage(), locks.where(),
            "run again when it is done; only one deploy or rollback per environment runs at a time"));
        return GateResult.of(name(), Duration.ZERO, before, Severity.ERROR);
      }
    }
    GateResult result;
    try {
      ReleaseRecordSync.Outcome fetched = sync.fetch();
      before.add(fetched.failed()
          ? Finding.warning(fetched.message(), "git remote " + sync.remote(), "")
          : Finding.info(fetched.message(), "git remote " + sync.remote()));
      result = gate.check(listener);
    } catch (Exception | Error e) {
      // No result will carry these lines: the lock taken (or taken over) and given back are logged here.
      List<Finding> after = new ArrayList<>();
      try {
        finish(held, after);
      } catch (RuntimeException | Error cleanup) {
        e.addSuppressed(cleanup);
      }
      before.addAll(after);
      before.forEach(f -> listener.finding(name(), f));
      throw e;
    }
    List<Finding> after = new ArrayList<>();
    finish(held, after);
    List<Finding> all = new ArrayList<>(before);
    all.addAll(result.findings());
    all.addAll(after);
    return new GateResult(result.gate(), result.status(), result.duration(), all, result.skipReason());
  }

  /** Records a take-over, pushes the records, gives the lock back whatever the first two do. */
  private void finish(Optional<EnvironmentLock> held, List<Finding> findings) {
    try {
      held.filter(h -> !h.brokeLock().isEmpty()).ifPresent(h ->
          records.annotateSince(settings.environment(), h.since(), LOCK_BROKEN, h.brokeLock()));
      if (settings.lock() && settings.pushRecords() && sync.hasRemote()) {
        ReleaseRecordSync.Outcome pushed = sync.push();
        findings.add(pushed.failed()
            ? Finding.warning(pushed.message(), "git remote " + sync.remote(),
                "push them by hand: " + sync.pushCommand())
            : Finding.info(pushed.message(), "git remote " + sync.remote()));
      } else if (settings.lock() && !settings.pushRecords()) {
        findings.add(Finding.info("the release records were not pushed (-Dbeelms.record.push=false)", ""));
      }
    } finally {
      held.ifPresent(h -> findings.add(Finding.info(locks.release(h), locks.where())));
    }
  }

  private String holder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown host";
    }
    return settings.holder() + " on " + host;
  }
}
