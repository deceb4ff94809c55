package org.beelms.plugin.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every JDBC connection is bounded: a database that accepts TCP and stalls fails, naming it. */
class JdbcTimeoutsTest {

  @Test
  void aDatabaseThatAcceptsTcpAndNeverAnswersFailsWithinTheBoundNamingIt() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(stalled.accept()); // kept open, never answered
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      JdbcTarget target = new JdbcTarget("jdbc:postgresql://127.0.0.1:" + stalled.getLocalPort() + "/beelms",
          "beelms", "Stalled-Pw-1", "<jdbcUrl> / -Dbeelms.migrations.jdbcUrl");
      JdbcTimeouts bounds = new JdbcTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));

      long start = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> ScratchDatabases.connect(target, bounds).close());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "bounded, took " + took);
      assertFalse(accepted.isEmpty(), "the server accepted the connection");
      assertTrue(e.getMessage().startsWith("cannot connect to the database of <jdbcUrl> / -Dbeelms.migrations.jdbcUrl"
          + " (jdbc:postgresql://127.0.0.1:" + stalled.getLocalPort() + "/beelms)"), e.getMessage());
      assertTrue(e.getMessage().contains("connect 1 s, login 2 s, read 2 s"), e.getMessage());
      assertFalse(e.getMessage().contains("Stalled-Pw-1"), e.getMessage());
    } finally {
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  @Test
  void flywaysUrlCarriesTheBoundsUnlessTheUserSetOne() {
    assertEquals("jdbc:postgresql://db/x?connectTimeout=10&loginTimeout=30&socketTimeout=600",
        JdbcTimeouts.DEFAULT.applyTo("jdbc:postgresql://db/x"));
    assertEquals("jdbc:postgresql://db/x?ssl=true&connectTimeout=10&loginTimeout=30&socketTimeout=600",
        JdbcTimeouts.DEFAULT.applyTo("jdbc:postgresql://db/x?ssl=true"));
    assertEquals("jdbc:postgresql://db/x?socketTimeout=5", JdbcTimeouts.DEFAULT.applyTo("jdbc:postgresql://db/x?socketTimeout=5"));
    assertEquals("jdbc:postgresql://db/x?connectTimeout=10&loginTimeout=30&socketTimeout=600",
        FlywayRunner.configure(new JdbcTarget("jdbc:postgresql://db/x", "", "", "url"), java.nio.file.Path.of("."))
            .getUrl());
  }
}
