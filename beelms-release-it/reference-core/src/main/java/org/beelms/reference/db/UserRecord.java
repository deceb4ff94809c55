package org.beelms.reference.db;

import java.util.UUID;

/** A row of {@code users}. {@code passwordHash} is a bcrypt hash and never leaves the server. */
public record UserRecord(UUID id, String email, String passwordHash, String role, boolean active, int tokenVersion,
    String createdAt, boolean deleted) {

  public boolean admin() {
    return "admin".equals(role);
  }

  @Override
  public String toString() {
    return "UserRecord{id=" + id + ", role=" + role + ", active=" + active + ", deleted=" + deleted + "}";
  }
}
