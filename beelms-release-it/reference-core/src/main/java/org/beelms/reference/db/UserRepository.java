package org.beelms.reference.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Accounts: lookup, registration, the configured admin, deactivation and anonymisation. */
public final class UserRepository {

  private static final String COLUMNS =
      "id, email, password_hash, role, active, token_version, created_at, deleted_at";

  private final Jdbc jdbc;

  public UserRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static UserRecord map(ResultSet row) throws SQLException {
    return new UserRecord(Jdbc.uuid(row, "id"), row.getString("email"), row.getString("password_hash"),
        row.getString("role"), row.getBoolean("active"), row.getInt("token_version"),
        Jdbc.timestamp(row, "created_at"), row.getObject("deleted_at") != null);
  }

  public Optional<UserRecord> findById(UUID id) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM users WHERE id = ?", UserRepository::map, id);
  }

  public Optional<UserRecord> findByEmail(String email) {
    return jdbc.queryOne("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)", UserRepository::map,
        email);
  }

  /** Inserts a new account; empty when the email (case-insensitively) is taken. */
  public Optional<UserRecord> create(String email, String passwordHash, String role) {
    return jdbc.queryOne("INSERT INTO users (email, password_hash, role) VALUES (?, ?, ?) "
        + "ON CONFLICT ((lower(email))) DO NOTHING RETURNING " + COLUMNS, UserRepository::map,
        email, passwordHash, role);
  }

  /** Creates the admin account or resets it (role, password, active) to the configured values. */
  public UserRecord upsertAdmin(String email, String passwordHash) {
    return jdbc.queryOne("INSERT INTO users (email, password_hash, role) VALUES (?, ?, 'admin') "
        + "ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = excluded.password_hash, role = 'admin', "
        + "active = true, deleted_at = NULL RETURNING " + COLUMNS, UserRepository::map, email, passwordHash)
        .orElseThrow(() -> new IllegalStateException("admin upsert returned no row"));
  }

  /**
   * Deactivates and anonymises an account: the email is freed, the password can never match, and the
   * token version moves on so every issued token stops working.
   */
  public boolean anonymise(UUID id) {
    return jdbc.update("UPDATE users SET email = 'deleted-' || id || '@deleted.invalid', password_hash = '!', "
        + "active = false, token_version = token_version + 1, deleted_at = now() "
        + "WHERE id = ? AND deleted_at IS NULL", id) == 1;
  }

  /** Sets {@code active}; deactivation also moves the token version on so open sessions end. */
  public Optional<UserRecord> setActive(UUID id, boolean active) {
    return jdbc.queryOne("UPDATE users SET active = ?, token_version = token_version + CASE WHEN ? THEN 0 ELSE 1 END "
        + "WHERE id = ? AND deleted_at IS NULL RETURNING " + COLUMNS, UserRepository::map, active, active, id);
  }

  /** One page of accounts matching the filters, newest first, and the total number matching. */
  public Page<UserRecord> search(String emailContains, Boolean active, String role, int offset, int limit) {
    StringBuilder where = new StringBuilder(" WHERE deleted_at IS NULL");
    List<Object> parameters = new ArrayList<>();
    if (emailContains != null) {
      where.append(" AND email ILIKE ?");
      parameters.add("%" + Like.escape(emailContains) + "%");
    }
    if (active != null) {
      where.append(" AND active = ?");
      parameters.add(active);
    }
    if (role != null) {
      where.append(" AND role = ?");
      parameters.add(role);
    }
    long total = jdbc.count("SELECT count(*) FROM users" + where, parameters.toArray());
    List<Object> paged = new ArrayList<>(parameters);
    paged.add(limit);
    paged.add(offset);
    List<UserRecord> rows = jdbc.query("SELECT " + COLUMNS + " FROM users" + where
        + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", UserRepository::map, paged.toArray());
    return new Page<>(rows, total);
  }
}
