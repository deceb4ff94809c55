package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  private static final Map<String, String> ENV =
      Map.of("BEELMS_MIGRATIONS_TARGET_USER", "env-user", "BEELMS_MIGRATIONS_TARGET_PASSWORD", "env-pw");

  @Test
  void explicitUserWinsThenServerThenEnvironment() {
    Optional<Credentials> server = Optional.of(new Credentials("srv-user", "srv-pw"));
    assertEquals(new Credentials("me", "srv-pw"),
        Credentials.resolve("me", server, ENV, Credentials.TARGET_ENV_PREFIX));
    assertEquals(new Credentials("srv-user", "srv-pw"),
        Credentials.resolve(null, server, ENV, Credentials.TARGET_ENV_PREFIX));
    assertEquals(new Credentials("env-user", "env-pw"),
        Credentials.resolve("", Optional.empty(), ENV, Credentials.TARGET_ENV_PREFIX));
    assertEquals(new Credentials("", ""),
        Credentials.resolve("", Optional.empty(), ENV, Credentials.ENV_PREFIX));
  }

  @Test
  void passwordsAreHiddenInToStringAndRedaction() {
    JdbcTarget t = new Credentials("u", "hunter2").at(
        "jdbc:postgresql://db:5432/beelms?password=hunter2&ssl=true", "<targetJdbcUrl>");
    assertFalse(t.toString().contains("hunter2"), t.toString());
    assertFalse(new Credentials("u", "hunter2").toString().contains("hunter2"));
    assertEquals("jdbc:postgresql://db:5432/beelms?password=****&ssl=true", t.safeUrl());
    assertEquals("failed for **** at x", t.redact("failed for hunter2 at x"));
    MigrationsSettings s = MigrationsSettings.of(Path.of("db")).withTarget(t);
    assertFalse(s.toString().contains("hunter2"), s.toString());
  }

  @Test
  void aNonPostgresUrlNamesTheParameterWithoutThePassword() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new JdbcTarget("jdbc:mysql://db/x?password=hunter2", "u", "hunter2",
            "<jdbcUrl> / -Dbeelms.migrations.jdbcUrl"));
    assertTrue(e.getMessage().startsWith("<jdbcUrl> / -Dbeelms.migrations.jdbcUrl is "), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }
}
