package org.beelms.plugin.lock;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Environment locks without a remote: a file per environment in the repository's {@code .git}
 * ({@code .git/beelms-release/locks/<environment>.lock}), created only if absent ({@code
 * CREATE_NEW}, atomic on every local file system), holding the {@link EnvironmentLock}. It only
 * excludes runs on the same clone; a shared pipeline needs the remote.
 */
final class FileEnvironmentLocks implements EnvironmentLocks {

  private final Path directory;

  FileEnvironmentLocks(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory");
  }

  @Override
  public String where() {
    return "lock file in " + directory + " (no remote: runs on other clones are not excluded)";
  }

  private Path file(String environment) {
    EnvironmentLocks.refName(environment);
    return directory.resolve(environment + ".lock");
  }

  @Override
  public EnvironmentLock acquire(EnvironmentLock wanted, Optional<String> breakReason) throws LockHeldException {
    Path file = file(wanted.environment());
    String where = "lock file " + file;
    try {
      Files.createDirectories(directory);
      for (int attempt = 1; attempt <= 3; attempt++) {
        try {
          Files.writeString(file, wanted.toText(), java.nio.file.StandardOpenOption.CREATE_NEW,
              java.nio.file.StandardOpenOption.WRITE);
          return wanted;
        } catch (FileAlreadyExistsException taken) {
          Optional<EnvironmentLock> held = read(file);
          if (held.isEmpty()) {
            continue; // released meanwhile
          }
          if (!held.get().expiredAt(wanted.since()) || breakReason.isEmpty()) {
            throw new LockHeldException(
                (breakReason.isPresent() ? "-Dbeelms.deploy.breakLock only takes over an expired lock; " : "")
                    + EnvironmentLocks.heldMessage(held.get(), wanted, where, wanted.since()));
          }
          EnvironmentLock taking = RemoteEnvironmentLocks.broke(wanted, held.get(), breakReason.get());
          Path next = Files.createTempFile(directory, wanted.environment(), ".taking");
          Files.writeString(next, taking.toText());
          if (!read(file).equals(held)) {
            Files.deleteIfExists(next);
            continue; // someone else moved first
          }
          Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return taking;
        }
      }
      throw new LockHeldException("could not take the " + where + ": it kept changing; nothing was moved; run again");
    } catch (IOException e) {
      throw new LockHeldException("could not take the " + where + ": " + e.getMessage() + "; nothing was moved");
    }
  }

  @Override
  public String release(EnvironmentLock held) {
    Path file = file(held.environment());
    try {
      Optional<EnvironmentLock> now = read(file);
      if (now.isEmpty() || !now.get().equals(EnvironmentLock.parse(held.toText(), "this run's lock"))) {
        return "the lock of " + held.environment() + " was no longer ours; left as it is";
      }
      Files.deleteIfExists(file);
      return "released the lock of " + held.environment() + " (" + file + ")";
    } catch (IOException e) {
      return "could not release the lock file " + file + ": " + e.getMessage() + "; it expires at " + held.expires();
    }
  }

  @Override
  public List<EnvironmentLock> held() throws LockHeldException {
    List<EnvironmentLock> locks = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return locks;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".lock")).sorted().toList()) {
        read(file).ifPresent(locks::add);
      }
    } catch (IOException e) {
      throw new LockHeldException("could not read the lock files in " + directory + ": " + e.getMessage());
    }
    return locks;
  }

  private static Optional<EnvironmentLock> read(Path file) throws IOException {
    try {
      return Optional.of(EnvironmentLock.parse(Files.readString(file), file.toString()));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
  }
}
