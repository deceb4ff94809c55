package org.beelms.plugin.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.beelms.plugin.gate.Finding;
import org.beelms.plugin.gate.GateResult;
import org.beelms.plugin.gate.GateStatus;
import org.beelms.plugin.gate.ReleaseListener;
import org.beelms.plugin.gate.Severity;
import org.beelms.smoke.runner.SmokeRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestEngine;

/** The gate around a real smoke run against a real (minimal) HTTP target. */
class SmokeGateTest {

  private static final String HEALTHY = "{\"status\":\"ok\",\"db\":\"up\",\"version\":\"0.1.0\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path build;

  private SmokeSettings settings(String url, String suites, Map<String, String> properties) {
    Environment staging =
        Environment.declared("staging", url, null, "staging", "staging", "", "", "", properties, "", "", null);
    return SmokeSettings.forEnvironment(staging)
        .suites(suites)
        .reportRoot(build.resolve("beelms-smoke"))
        .recordDirectory(build.resolve("beelms-release"))
        .build();
  }

  @Test
  void passingRunWritesJUnitXmlChecklistReportAndRecord() throws Exception {
    try (HealthOnlyServer server = HealthOnlyServer.answering(HEALTHY)) {
      List<String> progress = new ArrayList<>();
      SmokeGate gate = new SmokeGate(settings(server.apiUrl(), "ops", Map.of()));
      GateResult result =
          gate
              .check(new ReleaseListener() {
                @Override
                public void progress(String gate, String message) {
                  progress.add(message);
                }
              });

      assertEquals(GateStatus.PASSED, result.status(), result.toString());
      Path reports = build.resolve("beelms-smoke/staging");
      assertTrue(Files.exists(reports.resolve("checklist-report.md")));
      assertTrue(Files.exists(reports.resolve("checklist-report.html")));
      assertTrue(Files.exists(reports.resolve("TEST-junit-jupiter.xml")));
      assertTrue(result.findings().stream().allMatch(f -> f.severity() == Severity.INFO), result.toString());
      assertTrue(result.findings().stream().anyMatch(f -> f.message().startsWith("staging (staging): ")
          && f.message().contains(" passed, 0 failed")), result.toString());
      assertTrue(progress.stream().anyMatch(p -> p.startsWith("PASSED OPS-HEALTH-1")), progress.toString());
      // ops alone is a part of the smoke tier, no pass of it; the regression tier was not selected: absent
      assertEquals("smoke SKIPPED", gate.tiers().describe());

      JsonNode record = JSON.readTree(build.resolve("beelms-release/smoke-staging.json").toFile());
      assertEquals(2, record.get("schemaVersion").asInt());
      assertEquals("staging", record.get("environment").asText());
      assertEquals(server.apiUrl(), record.get("url").asText());
      assertEquals("staging", record.get("mode").asText());
      assertEquals("staging", record.get("imageTag").asText());
      assertEquals("PASSED", record.get("status").asText());
      assertEquals(0, record.get("exitCode").asInt());
      assertEquals(0, record.get("counts").get("failed").asInt());
      assertTrue(record.get("counts").get("passed").asInt() >= 2, record.toString());
      assertTrue(record.get("error").isNull());
      assertEquals("ops", record.get("suites").get(0).asText());
      List<String> items = new ArrayList<>();
      record.get("items").forEach(i -> items.add(i.get("id").asText() + "=" + i.get("status").asText()));
      assertTrue(items.contains("OPS-HEALTH-1=PASSED"), items.toString());
      assertTrue(items.contains("OPS-DB-1=PASSED"), items.toString());
      assertTrue(items.stream().allMatch(i -> i.startsWith("OPS-")), "only the selected suite: " + items);
      assertFalse(record.get("started").asText().isEmpty());
    }
  }

  @Test
  void failedCheckFailsTheGateNamingItsItemAndEndpoint() throws Exception {
    try (HealthOnlyServer server =
        HealthOnlyServer.answering("{\"status\":\"degraded\",\"db\":\"down\"}")) {
      GateResult result = new SmokeGate(settings(server.apiUrl(), "ops", Map.of())).check(ReleaseListener.NONE);

      assertEquals(GateStatus.FAILED, result.status(), result.toString());
      Finding failed =
          result.findingsAtLeast(Severity.ERROR).stream()
              .filter(f -> f.checklistId().equals("OPS-DB-1"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no OPS-DB-1 error in " + result.findings()));
      assertTrue(failed.where().startsWith("GET " + server.apiUrl() + "/health"), failed.where());
      assertTrue(failed.fix().contains("checklist-report.md"), failed.fix());

      JsonNode record = JSON.readTree(build.resolve("beelms-release/smoke-staging.json").toFile());
      assertEquals("FAILED", record.get("status").asText());
      assertEquals(1, record.get("exitCode").asInt());
      assertEquals("OPS-DB-1", record.get("failures").get(0).get("checklistIds").get(0).asText());
      assertTrue(record.get("failures").get(0).get("endpoint").asText().contains("/api/health"));
    }
  }

  @Test
  void aFailureTheEnvironmentsWaiverFileAcceptsIsWaivedInTheGateTheProgressAndTheRecord() throws Exception {
    Path waivers = build.resolve("smoke-waivers-staging.yaml");
    Files.writeString(waivers, """
        - check: OPS-DB-1
          endpoint: GET /health
          reason: the database probe is known to be wrong on this host
          owner: ops
          expires: %s
        """.formatted(java.time.LocalDate.now().plusDays(30)));
    Path other = build.resolve("plugin-level.yaml");
    Files.writeString(other, "- check: OPS-DB-1\n  reason: r\n  owner: o\n  expires: 2000-01-01\n");
    try (HealthOnlyServer server =
        HealthOnlyServer.answering("{\"status\":\"degraded\",\"db\":\"down\"}")) {
      Environment staging = Environment.declared("staging", server.apiUrl(), null, "staging", "staging", "", "", "",
          Map.of("beelms.smoke.waivers", waivers.toString()), "", "", null);
      List<String> progress = new ArrayList<>();
      SmokeGate gate = new SmokeGate(SmokeSettings.forEnvironment(staging).suites("ops")
          .reportRoot(build.resolve("beelms-smoke")).recordDirectory(build.resolve("beelms-release"))
          .waivers(java.util.Optional.of(other)).build());
      GateResult result = gate.check(new ReleaseListener() {
        @Override
        public void progress(String gate, String message) {
          progress.add(message);
        }
      });

      assertEquals(GateStatus.PASSED, result.status(), "the environment's own file wins: " + result);
      Finding waived = result.findings().stream().filter(f -> f.checklistId().equals("OPS-DB-1")).findFirst()
          .orElseThrow(() -> new AssertionError(result.findings().toString()));
      assertEquals(Severity.WARNING, waived.severity());
      assertTrue(waived.message().startsWith("WAIVED (a known failure, not a pass): "), waived.message());
      assertTrue(waived.message().contains("the database probe is known to be wrong on this host"), waived.message());
      assertTrue(waived.fix().contains(waivers + ":1"), waived.fix());
      assertTrue(progress.stream().anyMatch(p -> p.startsWith("WAIVED OPS-DB-1")), progress.toString());
      assertTrue(result.findings().stream().anyMatch(f -> f.message().contains("0 failed")
          && f.message().contains("1 waived")), result.toString());

      JsonNode record = JSON.readTree(build.resolve("beelms-release/smoke-staging.json").toFile());
      assertEquals("PASSED", record.get("status").asText());
      assertEquals(1, record.get("counts").get("waived").asInt());
      assertEquals("OPS-DB-1", record.get("waived").get(0).get("checklistIds").get(0).asText());
      assertEquals("ops", record.get("waivers").get(0).get("owner").asText());
      assertEquals(waivers.toString(), record.get("waiverFile").asText());
      List<String> items = new ArrayList<>();
      record.get("items").forEach(i -> items.add(i.get("id").asText() + "=" + i.get("status").asText()));
      assertTrue(items.contains("OPS-DB-1=WAIVED"), items.toString());
    }
  }

  @Test
  void unreachableTargetFailsTheGateWithTheNextStep() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort + "/api";
    GateResult result =
        new SmokeGate(settings(url, "all", Map.of("readyTimeout", "PT1S", "retryBudget", "1")))
            .check(ReleaseListener.NONE);

    assertEquals(GateStatus.FAILED, result.status());
    Finding unusable = result.findingsAtLeast(Severity.ERROR).get(0);
    assertTrue(unusable.message().contains("environment 'staging' is not usable"), unusable.message());
    assertTrue(unusable.fix().contains("GET <url>/health"), unusable.fix());
    JsonNode record = JSON.readTree(build.resolve("beelms-release/smoke-staging.json").toFile());
    assertEquals(2, record.get("exitCode").asInt());
    assertFalse(record.get("error").isNull());
    assertEquals("NOT_RUN", record.get("items").get(0).get("status").asText());
    assertTrue(Files.exists(build.resolve("beelms-smoke/staging/checklist-report.md")));
  }

  @Test
  void theProjectsTestClasspathIsNotVisibleToTheRun() throws Exception {
    ClassLoader projectTests = projectTestClasspath();
    // The poisoned loader is effective: JUnit would fail discovering engines through it.
    assertThrows(ServiceConfigurationError.class,
        () -> ServiceLoader.load(TestEngine.class, projectTests).forEach(e -> {}));

    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(projectTests);
    try (HealthOnlyServer server = HealthOnlyServer.answering(HEALTHY)) {
      AtomicReference<ClassLoader> seen = new AtomicReference<>();
      AtomicReference<Throwable> lookup = new AtomicReference<>();
      GateResult result =
          new SmokeGate(settings(server.apiUrl(), "ops", Map.of()), request -> {
                seen.set(Thread.currentThread().getContextClassLoader());
                try {
                  Class.forName("com.example.lms.ProjectOnlyCheck", false, seen.get());
                } catch (ClassNotFoundException e) {
                  lookup.set(e);
                }
                return SmokeRunner.run(request);
              })
              .check(ReleaseListener.NONE);

      assertEquals(GateStatus.PASSED, result.status(), result.toString());
      assertSame(SmokeRunner.class.getClassLoader(), seen.get());
      assertTrue(lookup.get() instanceof ClassNotFoundException,
          "a project test class was visible to the smoke run");
      assertSame(projectTests, thread.getContextClassLoader(), "context class loader restored");
      // and the project class really exists where the project sees it
      assertEquals("com.example.lms.ProjectOnlyCheck",
          Class.forName("com.example.lms.ProjectOnlyCheck", false, projectTests).getName());
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /**
   * A stand-in for a project's test classpath: a class of its own, and a service file that would
   * register it as a JUnit engine if the launcher looked there.
   */
  private ClassLoader projectTestClasspath() throws IOException {
    Path sources = build.resolve("project/src/test/java/com/example/lms");
    Files.createDirectories(sources);
    Path source = sources.resolve("ProjectOnlyCheck.java");
    Files.writeString(source, "package com.example.lms; public class ProjectOnlyCheck {}");
    Path classes = build.resolve("project/target/test-classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), source.toString()));
    Path services = classes.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(services.resolve(TestEngine.class.getName()), "com.example.lms.ProjectOnlyCheck\n");
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
  }
}
