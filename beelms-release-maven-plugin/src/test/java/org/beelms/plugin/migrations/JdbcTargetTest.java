package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A JDBC URL never carries a password into a message. */
class JdbcTargetTest {

  @Test
  void aJdbcUrlWithUserInfoIsRefusedWithoutShowingIt() {
    for (String url : new String[] {"jdbc:postgresql://u:secret@db/x", "jdbc:postgresql://u:se/cret@db:5432/x"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new JdbcTarget(url, "", "", "<jdbcUrl> / -Dbeelms.migrations.jdbcUrl"));
      assertTrue(e.getMessage().startsWith("<jdbcUrl> / -Dbeelms.migrations.jdbcUrl carries user info"), e.getMessage());
      assertFalse(e.getMessage().contains("secret") || e.getMessage().contains("cret"), e.getMessage());
      assertTrue(e.getMessage().contains("<jdbcUser>"), e.getMessage());
    }
  }

  @Test
  void userInfoAndPasswordParametersAreMaskedInAnyText() {
    JdbcTarget target = new JdbcTarget("jdbc:postgresql://db:5432/x?password=pw-param", "u", "Pw-Field-1", "url");

    assertEquals("jdbc:postgresql://db:5432/x?password=****", target.safeUrl());
    String shown = target.redact("failed: jdbc:postgresql://u:other@db/x with Pw-Field-1");
    assertFalse(shown.contains("other") || shown.contains("Pw-Field-1"), shown);
  }
}
