package org.beelms.plugin.backup;

import java.time.Clock;
import java.util.Optional;
import org.beelms.plugin.deploy.BeforeMove;
import org.beelms.plugin.deploy.HookRunner;
import org.beelms.plugin.deploy.ReleaseRecords;
import org.beelms.plugin.rollback.DatabaseRestore;
import org.beelms.plugin.rollback.HookRestore;
import org.beelms.plugin.smoke.Environment;

/** Builds, from an environment's {@link BackupSettings}, the deploy's backup step and the rollback's restore. */
public final class Backups {

  private final Environment environment;
  private final BackupSettings settings;
  private final HookRunner hooks;
  private final Clock clock;

  public Backups(Environment environment, BackupSettings settings, HookRunner hooks, Clock clock) {
    this.environment = environment;
    this.settings = settings.checked(environment.name());
    this.hooks = hooks;
    this.clock = clock;
  }

  private Optional<AdminBackupApi> api() {
    return settings.kind() != BackupKind.API ? Optional.empty()
        : Optional.of(new AdminBackupApi(environment.url(), settings.admin().orElseThrow(),
            settings.encryptionPassword(), environment.adminServerId(), clock));
  }

  /** What the deploy runs before the tag moves: nothing for {@code <backup>none</backup>}. */
  public BeforeMove beforeMove(ReleaseRecords records) {
    return settings.kind() == BackupKind.NONE ? BeforeMove.NOTHING
        : new BackupStep(environment, settings, records, hooks, api(), clock);
  }

  /**
   * How a rollback restores: the admin backup API for {@code api}, the {@code <restoreCommand>}
   * otherwise; verified through {@code <database>} when declared.
   */
  public DatabaseRestore restore() {
    DatabaseRestore inner = settings.kind() == BackupKind.API
        ? new ApiRestore(api().orElseThrow(), environment.name(), settings.timeout(), settings.poll())
        : new HookRestore(environment, hooks);
    return new VerifiedRestore(inner, settings.database(), environment.name());
  }
}
