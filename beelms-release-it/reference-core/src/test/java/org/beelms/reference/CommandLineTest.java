package org.beelms.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  private static final String SECRET = "jwt-secret-that-is-long-enough-0123456789";

  @Test
  void flagsAndEnvironmentBecomeTheConfiguration() {
    ReferenceCoreConfig config = CommandLine.parse(new String[] {
        "--port", "0", "--host=127.0.0.1", "--jwt-ttl", "PT5M", "--no-rate-limits", "--require-accept-terms",
        "--no-task-route", "--quiz-submit-status", "201", "--fault-remove-route", "GET /api/wiki/articles/{slug}",
        "--fault-unguard", "GET /users/me", "--fault-500", "GET /courses", "--fault-slow-ms", "1500",
        "--fault-db-down", "--fault-version", "9.9.9"},
        Map.of("BEELMS_ADMIN_PASSWORD", "from-the-env-1", "BEELMS_JWT_SECRET", SECRET, "BEELMS_PORT", "4000"));
    assertEquals(0, config.port());
    assertEquals(Duration.ofMinutes(5), config.jwtTtl());
    assertEquals("from-the-env-1", config.adminPassword());
    assertEquals(SECRET, config.jwtSecret());
    assertFalse(config.rateLimits().enabled());
    assertTrue(config.requireAcceptTerms());
    assertFalse(config.taskRouteEnabled());
    assertEquals(201, config.quizSubmitStatus());
    assertTrue(config.faultRemovedRoutes().contains(ApiRoute.parse("GET /wiki/articles/{slug}")));
    assertTrue(config.absentRoutes().contains(ApiRoute.parse("POST /courses/{a}/tasks/{b}/complete")));
    assertTrue(config.faultUnguardedRoutes().contains(ApiRoute.parse("GET /users/me")));
    assertTrue(config.faultFailingRoutes().contains(ApiRoute.parse("GET /courses")));
    assertEquals(Duration.ofMillis(1500), config.faultSlowDelay());
    assertTrue(config.faultDbDown());
    assertEquals("9.9.9", config.reportedVersion());
  }

  @Test
  void toStringNeverShowsSecrets() {
    ReferenceCoreConfig config = ReferenceCoreConfig.builder().adminPassword("admin-secret-1").jwtSecret(SECRET)
        .jdbcUrl("jdbc:postgresql://db/beelms?password=db-secret").jdbcUser("beelms").jdbcPassword("db-secret-2")
        .build();
    String text = config.toString();
    for (String secret : List.of("admin-secret-1", SECRET, "db-secret")) {
      assertFalse(text.contains(secret), text);
    }
  }

  @Test
  void badFlagsAreNamed() {
    assertTrue(assertThrows(CommandLine.UsageException.class,
        () -> CommandLine.parse(new String[] {"--admin-password", "password-1", "--prot", "1"}, Map.of()))
        .getMessage().contains("--prot"));
    assertTrue(assertThrows(CommandLine.UsageException.class,
        () -> CommandLine.parse(new String[] {"--admin-password", "password-1", "--port", "x"}, Map.of()))
        .getMessage().contains("--port"));
    assertTrue(assertThrows(CommandLine.UsageException.class,
        () -> CommandLine.parse(new String[] {"--port", "0"}, Map.of()))
        .getMessage().contains("--admin-password"));
    assertTrue(assertThrows(CommandLine.UsageException.class,
        () -> CommandLine.parse(new String[] {"--admin-password", "password-1", "--fault-500", "GET /nope"},
            Map.of())).getMessage().contains("--fault-500"));
  }

  @Test
  void theClientRenderedPagesSwitchesAreFlags() {
    ReferenceCoreConfig config = CommandLine.parse(new String[] {"--admin-password", "password-1",
        "--fault-page-script", "--hanging-third-party", "--fault-hydration"}, Map.of());
    assertEquals(new org.beelms.reference.pages.FrontEnd(true, true,
        org.beelms.reference.pages.FrontEnd.Hydration.AFTER_LANGUAGE_SWITCH), config.frontEnd());
    assertEquals(org.beelms.reference.pages.FrontEnd.Hydration.ALWAYS, CommandLine.parse(new String[] {
        "--admin-password", "password-1", "--fault-hydration=always"}, Map.of()).frontEnd().hydration());
    assertTrue(assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(new String[] {
        "--admin-password", "password-1", "--fault-hydration=sometimes"}, Map.of())).getMessage()
        .contains("--fault-hydration takes after-language-switch (the default) or always"));
  }

  @Test
  void mainExitsWithCode2OnABadFlag() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        ReferenceCoreMain.class.getName(), "--bogus-flag").redirectErrorStream(true).start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ReferenceCoreMain did not exit within 30 s");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("--bogus-flag"), output);
  }
}
