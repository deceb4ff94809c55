package org.beelms.plugin.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookRunnerTest {

  @TempDir Path work;

  private HookRunner runner(Duration timeout) {
    return new HookRunner(work, work.resolve("hooks"), timeout);
  }

  @Test
  void passesTheDeploymentVariablesToTheHook() throws Exception {
    HookResult result =
        runner(Duration.ofSeconds(10))
            .run("staging-deploy-hook", "printf '%s|%s|%s' \"$IMAGE_REFERENCE\" \"$VERSION\" \"$ENVIRONMENT\" > seen.txt",
                Map.of("IMAGE_REFERENCE", "127.0.0.1:5000/beelms/core@sha256:abc", "VERSION", "0.2.0",
                    "ENVIRONMENT", "staging"));

    assertTrue(result.succeeded(), result.describe());
    assertEquals("127.0.0.1:5000/beelms/core@sha256:abc|0.2.0|staging", Files.readString(work.resolve("seen.txt")));
    assertEquals(work.resolve("hooks/staging-deploy-hook.log"), result.log());
  }

  @Test
  void theNotifyHooksLogKeepsNoSecretEvenWhenItSucceeds() throws Exception {
    HookResult result =
        runner(Duration.ofSeconds(10)).run("staging-notify-hook",
            "echo \"posting to $CHAT_WEBHOOK_URL\"; echo \"token $NOTIFY_TOKEN\"; echo \"outcome $BEELMS_OUTCOME\"",
            Map.of("CHAT_WEBHOOK_URL", "https://chat.example.org/hooks/T0/B0/xyzzy-secret-path",
                "NOTIFY_TOKEN", "tok-0123456789", "BEELMS_OUTCOME", "smoke-failed"));

    assertTrue(result.succeeded(), result.describe());
    String log = Files.readString(result.log());
    assertFalse(log.contains("xyzzy-secret-path"), log);
    assertFalse(log.contains("tok-0123456789"), log);
    assertTrue(log.contains("posting to ***"), log);
    assertTrue(log.contains("outcome smoke-failed"), "the rest of the log stays: " + log);
  }

  @Test
  void reportsAFailingHookWithItsExitCodeAndLastLines() throws Exception {
    HookResult result =
        runner(Duration.ofSeconds(10)).run("prod-deploy-hook", "echo 'kubectl: deployment not found'; exit 3", Map.of());

    assertFalse(result.succeeded());
    assertEquals(3, result.exitCode());
    assertTrue(result.describe().contains("exited with 3"), result.describe());
    assertTrue(result.describe().contains("kubectl: deployment not found"), result.describe());
  }

  @Test
  void aFailingHooksTailIsShownButItsSecretsAreMaskedBecauseTheFindingReachesTheBuildLog() throws Exception {
    HookResult result =
        runner(Duration.ofSeconds(10)).run("prod-deploy-hook",
            "echo \"login with $REGISTRY_PASSWORD failed\"; echo 'Authorization: Bearer abc.def-ghi';"
                + " echo 'pushing to https://ci:Pa55-w0rd@registry.example.org/v2/'; echo \"version $VERSION\"; exit 2",
            Map.of("REGISTRY_PASSWORD", "S3cret-registry-pw", "VERSION", "0.2.0"));

    assertFalse(result.succeeded());
    String shown = result.describe();
    assertTrue(shown.contains("last lines:"), shown);
    assertFalse(shown.contains("S3cret-registry-pw"), shown);
    assertFalse(shown.contains("abc.def-ghi"), shown);
    assertFalse(shown.contains("Pa55-w0rd"), shown);
    assertTrue(shown.contains("login with *** failed"), shown);
    assertTrue(shown.contains("https://***@registry.example.org/v2/"), shown);
    assertTrue(shown.contains("version 0.2.0"), "ordinary variables stay: " + shown);
    String onDisk = java.nio.file.Files.readString(result.log());
    assertFalse(onDisk.contains("S3cret-registry-pw"), "a deploy hook's log on disk is redacted too: " + onDisk);
    assertFalse(onDisk.contains("Pa55-w0rd"), onDisk);
    assertTrue(onDisk.contains("version 0.2.0"), onDisk);
  }

  @Test
  void stopsAHookThatOutlivesItsTimeout() throws Exception {
    long start = System.nanoTime();
    HookResult result = runner(Duration.ofMillis(800)).run("slow-hook", "sleep 30", Map.of());

    assertTrue(result.timedOut());
    assertFalse(result.succeeded());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "bounded by the timeout");
    assertTrue(result.describe().contains("was stopped"), result.describe());
  }

  @Test
  void returnsOnceAHookHasStartedAServerInTheBackground() throws Exception {
    long start = System.nanoTime();
    HookResult result =
        runner(Duration.ofSeconds(10))
            .run("start-hook", "nohup sleep 30 > /dev/null 2>&1 & echo $! > server.pid", Map.of());

    assertTrue(result.succeeded(), result.describe());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "the hook returned at once");
    long pid = Long.parseLong(Files.readString(work.resolve("server.pid")).trim());
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    assertTrue(server.isAlive(), "the background server keeps running");
    server.destroyForcibly();
  }

  @Test
  void aRestoreHooksLogOnDiskIsRedactedEvenWhenItIsNotUtf8() throws Exception {
    HookResult result =
        runner(Duration.ofSeconds(10)).run("production-restore-hook",
            "printf 'restoring with PGPASSWORD=%s \\351t\\351\\n' \"$PGPASSWORD\"",
            Map.of("PGPASSWORD", "Restore-Pw-42"));

    assertTrue(result.succeeded(), result.describe());
    String onDisk = new String(Files.readAllBytes(result.log()), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertFalse(onDisk.contains("Restore-Pw-42"), onDisk);
    assertTrue(onDisk.contains("restoring with PGPASSWORD=***"), onDisk);
  }
}
