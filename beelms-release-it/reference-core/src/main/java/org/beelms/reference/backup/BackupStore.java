package org.beelms.reference.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The backups of one reference core: each a dump file ({@code <id>.sql}, or {@code <id>.sql.enc}
 * when encrypted) and its metadata ({@code <id>.json}) in one directory, which outlives the process
 * when {@code --backup-dir} names it (a restarted or redeployed core still lists and restores the
 * backups taken before).
 */
public final class BackupStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  private final Clock clock;

  public BackupStore(Path directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  /** One stored backup, as {@code GET /admin/backups} lists it (the fields of beelms core's answer). */
  public record Backup(String id, String filename, String type, String storage, long sizeBytes, String sha256,
      String status, boolean isEncrypted, String createdAt, String createdByEmail) {
  }

  /** Stores {@code dump}, encrypted when {@code password} is given; the sha256 and size are of the stored file. */
  public Backup store(byte[] dump, Optional<String> password, String createdBy) throws IOException {
    Files.createDirectories(directory);
    String id = UUID.randomUUID().toString();
    byte[] stored;
    try {
      stored = password.isPresent() ? BackupCipher.encrypt(dump, password.get()) : dump;
    } catch (GeneralSecurityException e) {
      throw new IOException("could not encrypt the backup: " + e.getMessage(), e);
    }
    String filename = id + (password.isPresent() ? ".sql.enc" : ".sql");
    Files.write(directory.resolve(filename), stored);
    Backup backup = new Backup(id, filename, "manual", "local", stored.length, sha256(stored), "ready",
        password.isPresent(), Instant.now(clock).toString(), createdBy);
    JSON.writeValue(directory.resolve(id + ".json").toFile(), backup);
    return backup;
  }

  /** Every backup, newest first. */
  public List<Backup> list() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Backup> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
        out.add(JSON.readValue(file.toFile(), Backup.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the backups in " + directory, e);
    }
    out.sort(Comparator.comparing(Backup::createdAt).reversed());
    return out;
  }

  public Optional<Backup> find(String id) {
    return list().stream().filter(b -> b.id().equals(id)).findFirst();
  }

  /**
   * The plain dump of {@code backup}, checked against its recorded sha256 and decrypted with
   * {@code password} when encrypted.
   */
  public byte[] read(Backup backup, Optional<String> password) throws IOException {
    byte[] stored = Files.readAllBytes(directory.resolve(backup.filename()));
    if (!sha256(stored).equals(backup.sha256())) {
      throw new IOException("backup " + backup.id() + " is damaged: its sha256 is not the recorded one");
    }
    if (!backup.isEncrypted()) {
      return stored;
    }
    if (password.isEmpty()) {
      throw new IOException("backup " + backup.id() + " is encrypted: give its encryptionPassword");
    }
    try {
      return BackupCipher.decrypt(stored, password.get());
    } catch (GeneralSecurityException e) {
      throw new IOException("backup " + backup.id() + " cannot be decrypted: wrong encryptionPassword", e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
