package org.beelms.reference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the reference core's data comes from and goes, kept apart from {@link ReferenceCoreConfig}
 * (the API's settings): {@code --extra-migrations DIR} (Flyway migrations applied after the
 * built-in ones, so one jar plays releases with more migrations), {@code --backup-dir DIR} (where
 * the admin backup API keeps its dumps; default a temporary folder of the process) and the
 * {@code --fault-backup-fails} switch (every backup or restore job fails). Taken out of the
 * arguments before {@link CommandLine#parse} reads the rest.
 *
 * @param extraMigrations a folder of {@code V<n>__<name>.sql} files; empty when none
 * @param backupDirectory the backups' folder; empty = a temporary one
 * @param faultBackupFails every backup and restore job fails
 * @param remaining the arguments left for {@link CommandLine#parse}
 */
public record DataOptions(Optional<Path> extraMigrations, Optional<Path> backupDirectory, boolean faultBackupFails,
    String[] remaining) {

  /** No extra migrations, backups in a temporary folder, no fault. */
  public static final DataOptions DEFAULTS = new DataOptions(Optional.empty(), Optional.empty(), false, new String[0]);

  static final String USAGE = """

      Data (not in BEELMS_* variables):
        --extra-migrations DIR      Flyway V<n>__*.sql files applied after the built-in V1..V3
        --backup-dir DIR            where the admin backup API keeps its dumps (default: a temp folder)
        --fault-backup-fails        every backup and restore job of the admin backup API fails
      """;

  /** The data flags of {@code args}; the others are left in {@link #remaining()}. */
  public static DataOptions extract(String[] args) {
    Optional<Path> migrations = Optional.empty();
    Optional<Path> backups = Optional.empty();
    boolean fault = false;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
      switch (flag) {
        case "--extra-migrations", "--backup-dir" -> {
          String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new CommandLine.UsageException("flag " + flag + " needs a value");
            }
            value = args[++i];
          }
          Path dir = Path.of(value.trim());
          if (flag.equals("--extra-migrations")) {
            if (!Files.isDirectory(dir)) {
              throw new CommandLine.UsageException("flag --extra-migrations: " + dir + " is not a folder");
            }
            migrations = Optional.of(dir.toAbsolutePath());
          } else {
            backups = Optional.of(dir.toAbsolutePath());
          }
        }
        case "--fault-backup-fails" -> fault = true;
        default -> rest.add(arg);
      }
    }
    return new DataOptions(migrations, backups, fault, rest.toArray(String[]::new));
  }
}
