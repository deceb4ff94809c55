package org.beelms.plugin.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.beelms.smoke.config.Credentials;
import org.beelms.smoke.config.SmokeConfig;
import org.junit.jupiter.api.Test;

class SmokeSettingsTest {

  private static final Environment STAGING =
      Environment.declared("staging", "https://staging.example.org/api", "https://staging.example.org",
          "staging", "staging", "beelms-staging", "beelms-staging-admin", "0.2.0",
          Map.of("readyTimeout", "PT45S"), "", "", null);

  @Test
  void theDeclarationBecomesTheSmokeConfiguration() {
    SmokeSettings s =
        SmokeSettings.forEnvironment(STAGING)
            .reportRoot(Path.of("target/beelms-smoke"))
            .recordDirectory(Path.of("target/beelms-release"))
            .user(Optional.of(new Credentials("smoke@example.org", "user-secret")))
            .admin(Optional.of(new Credentials("admin@example.org", "admin-secret")))
            .build();
    SmokeConfig c = s.config();
    assertEquals(URI.create("https://staging.example.org/api"), c.apiBaseUri());
    assertEquals(Optional.of(URI.create("https://staging.example.org")), c.webUrl());
    assertEquals("staging", c.environment());
    assertEquals(Optional.of("0.2.0"), c.expectedVersion());
    assertEquals(Duration.ofSeconds(45), c.readyTimeout());
    assertEquals("smoke@example.org", c.user().orElseThrow().email());
    assertEquals("admin-secret", c.admin().orElseThrow().password());
    assertEquals(Path.of("target/beelms-smoke/staging"), s.reportDirectory());
    assertEquals(Set.of("smoke", "pages"), s.suites(), "with a <webUrl> the smoke tier brings the pages tier");
    assertFalse(s.toString().contains("user-secret"), s.toString());
    assertFalse(s.toString().contains("admin-secret"), s.toString());
  }

  @Test
  void commandLineBeatsTheDeclarationWhichBeatsEnvironmentVariables() {
    SmokeSettings s =
        SmokeSettings.forEnvironment(STAGING)
            .urlOverride("http://127.0.0.1:3999/api")
            .overrides(Map.of("beelms.smoke.readyTimeout", "PT5S", "beelms.smoke.suites", "ops",
                "beelms.smoke.reportDirectory", "elsewhere"))
            .environmentVariables(Map.of(
                "BEELMS_SMOKE_URL", "http://ignored.example/api",
                "BEELMS_SMOKE_RETRYBUDGET", "2",
                "BEELMS_SMOKE_USER_EMAIL", "env@example.org",
                "BEELMS_SMOKE_USER_PASSWORD", "env-secret"))
            .build();
    assertTrue(s.urlOverridden());
    assertEquals(URI.create("http://127.0.0.1:3999/api"), s.apiBaseUri());
    assertEquals(URI.create("http://127.0.0.1:3999/api"), s.environment().url());
    assertEquals(Duration.ofSeconds(5), s.config().readyTimeout());
    assertEquals(2, s.config().retryBudget());
    assertEquals("env@example.org", s.config().user().orElseThrow().email());
  }

  @Test
  void productionWithoutAnAccountSaysWhereToPutOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SmokeSettings.forEnvironment(Staging.production("https://beelms.example.org/api", ""))
                .build());
    assertTrue(e.getMessage().contains("user.email"), e.getMessage());
    assertTrue(e.getMessage().contains("<serverId>"), e.getMessage());
    assertTrue(e.getMessage().contains("BEELMS_SMOKE_USER_PASSWORD"), e.getMessage());
  }

  @Test
  void thePagesTierComesOnlyWithAWebUrlAndTheWholeSmokeTier() {
    Environment apiOnly = Environment.declared("staging", "https://staging.example.org/api", null, "staging",
        "staging", "", "", "", Map.of(), "", "", null);
    assertEquals(Set.of("smoke"), SmokeSettings.forEnvironment(apiOnly).build().suites());
    assertEquals(Set.of("ops", "ws1"), SmokeSettings.forEnvironment(STAGING).suites("ops,ws1").build().suites());
    assertEquals(Set.of("smoke", "pages"),
        SmokeSettings.forEnvironment(apiOnly).overrides(Map.of("beelms.smoke.webUrl", "https://web.example.org"))
            .build().suites(), "-Dbeelms.smoke.webUrl counts like <webUrl>");
  }

  @Test
  void suitesAreValidatedNamingTheProperty() {
    assertEquals(Set.of("ops", "ws3"),
        SmokeSettings.forEnvironment(STAGING).suites("ops, ws3").build().suites());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> SmokeSettings.forEnvironment(STAGING).suites("ws9").build());
    assertTrue(e.getMessage().contains("-Dbeelms.smoke.suites"), e.getMessage());
    assertTrue(e.getMessage().contains("ws9"), e.getMessage());
  }

  @Test
  void badOverrideUrlNamesTheProperty() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> SmokeSettings.forEnvironment(STAGING).urlOverride("ftp://x/api").build());
    assertTrue(e.getMessage().contains("-Dbeelms.smoke.url=ftp://x/api"), e.getMessage());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class,
            () -> SmokeSettings.forEnvironment(STAGING).urlOverride("http://a b"));
    IllegalArgumentException userInfo = assertThrows(IllegalArgumentException.class,
        () -> SmokeSettings.forEnvironment(STAGING).urlOverride("http://smoke:S3cret-pw@beelms_core:3000/api"));
    assertTrue(userInfo.getMessage().startsWith("-Dbeelms.smoke.url carries user info"), userInfo.getMessage());
    assertFalse(userInfo.getMessage().contains("S3cret-pw"), userInfo.getMessage());
    assertTrue(bad.getMessage().contains("-Dbeelms.smoke.url"), bad.getMessage());
  }

  @Test
  void aBadDashDValueNamesItsSource() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> SmokeSettings.forEnvironment(STAGING)
                .overrides(Map.of("beelms.smoke.readTimeout", "soon")).build());
    assertTrue(e.getMessage().contains("readTimeout"), e.getMessage());
    assertTrue(e.getMessage().contains("-Dbeelms.smoke."), e.getMessage());
  }

  // ------------------------------------------------ the smoke after deploy and rollback (issue 29, item 7)

  private static SmokeSettings.Builder afterDeploy(Environment environment) {
    return SmokeSettings.forEnvironment(environment)
        .user(Optional.of(new Credentials("smoke@example.org", "user-secret")))
        .pinnedFor("deploy");
  }

  @Test
  void theSmokeAfterADeployRefusesAnOverrideOfWhereAndHowItRuns() {
    for (String key : java.util.List.of("url", "webUrl", "apiPrefix", "mode", "environment")) {
      String value = key.equals("mode") ? "production" : key.equals("environment") ? "elsewhere"
          : key.equals("apiPrefix") ? "/v2" : "http://127.0.0.1:9/api";
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> afterDeploy(STAGING).overrides(Map.of("beelms.smoke." + key, value)).build(), key);
      assertTrue(e.getMessage().startsWith("-Dbeelms.smoke." + key + " is not allowed with beelms:deploy: the smoke"
          + " after beelms:deploy runs against environment 'staging' ("), e.getMessage());
      assertTrue(e.getMessage().endsWith("from <environments>); remove it, or run beelms:smoke separately"),
          e.getMessage());
    }
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> afterDeploy(STAGING).overrides(Map.of("beelms.smoke.url", "http://127.0.0.1:9/api")).build());
    assertTrue(url.getMessage().contains("(<url> https://staging.example.org/api from <environments>)"), url.getMessage());
    assertFalse(url.getMessage().contains("127.0.0.1:9"), "the override's value is not echoed: " + url.getMessage());
  }

  @Test
  void theSmokeAfterADeployAcceptsTheDeclaredValuesGivenAgain() {
    SmokeSettings s = afterDeploy(STAGING)
        .overrides(Map.of("beelms.smoke.url", "https://staging.example.org/api/", "beelms.smoke.mode", "STAGING",
            "beelms.smoke.environment", "staging", "beelms.smoke.apiPrefix", "/api",
            "beelms.smoke.readyTimeout", "PT5S"))
        .environmentVariables(Map.of("BEELMS_SMOKE_URL", "http://ignored.example/api", "BEELMS_SMOKE_MODE", "production"))
        .build();
    assertEquals(URI.create("https://staging.example.org/api"), s.config().apiBaseUri());
    assertEquals("staging", s.config().environment());
    assertEquals(org.beelms.smoke.config.SmokeMode.STAGING, s.config().mode());
    assertEquals(Duration.ofSeconds(5), s.config().readyTimeout(), "other settings still come from the command line");
    assertFalse(s.urlOverridden());
  }

  @Test
  void aVariableFillingASettingTheEnvironmentDoesNotDeclareIsRefusedAfterADeploy() {
    Environment noWeb = Environment.declared("staging", "https://staging.example.org/api", "", "staging", "staging",
        "beelms-staging", "", "", Map.of(), "", "", null);
    IllegalArgumentException web = assertThrows(IllegalArgumentException.class,
        () -> afterDeploy(noWeb).environmentVariables(Map.of("BEELMS_SMOKE_WEBURL", "http://127.0.0.1:9")).build());
    assertTrue(web.getMessage().startsWith("environment variable BEELMS_SMOKE_WEBURL is not allowed with beelms:deploy"),
        web.getMessage());
    assertTrue(web.getMessage().contains("(no <webUrl> from <environments>); unset it (or declare <webUrl>"),
        web.getMessage());
    IllegalArgumentException prefix = assertThrows(IllegalArgumentException.class,
        () -> afterDeploy(noWeb).environmentVariables(Map.of("BEELMS_SMOKE_APIPREFIX", "/v2")).build());
    assertTrue(prefix.getMessage().contains("(apiPrefix /api (the default) from <environments>)"), prefix.getMessage());
    // beelms:smoke keeps them: its record is not a deploy entry.
    SmokeSettings smoke = SmokeSettings.forEnvironment(noWeb)
        .user(Optional.of(new Credentials("smoke@example.org", "user-secret")))
        .environmentVariables(Map.of("BEELMS_SMOKE_WEBURL", "http://127.0.0.1:9")).build();
    assertEquals(Optional.of(URI.create("http://127.0.0.1:9")), smoke.config().webUrl());
  }

  @Test
  void aConfigFileCannotAddAWebFrontEndToTheSmokeAfterADeploy(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Environment noWeb = Environment.declared("staging", "https://staging.example.org/api", "", "staging", "staging",
        "beelms-staging", "", "", Map.of(), "", "", null);
    Path file = java.nio.file.Files.writeString(dir.resolve("smoke.properties"),
        "beelms.smoke.webUrl=http://127.0.0.1:9\nbeelms.smoke.url=http://127.0.0.1:9/api\nbeelms.smoke.mode=production\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> afterDeploy(noWeb).overrides(Map.of("beelms.smoke.config", file.toString())).build());
    assertTrue(e.getMessage().startsWith("a smoke webUrl from the beelms.smoke.config file is not allowed"), e.getMessage());
    Path urlOnly = java.nio.file.Files.writeString(dir.resolve("url.properties"),
        "beelms.smoke.url=http://127.0.0.1:9/api\nbeelms.smoke.apiPrefix=/v2\nbeelms.smoke.mode=production\n");
    SmokeSettings s = afterDeploy(noWeb).overrides(Map.of("beelms.smoke.config", urlOnly.toString())).build();
    assertEquals(URI.create("https://staging.example.org/api"), s.config().apiBaseUri(), "the declaration wins");
    assertEquals(org.beelms.smoke.config.SmokeMode.STAGING, s.config().mode());
  }

  @Test
  void otherSuitesThanTheDeploysAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PinnedSmokeTarget.refuseOverrides(STAGING, "rollback", Map.of("beelms.smoke.suites", "ops"), Map.of(),
            "smoke"));
    assertEquals("-Dbeelms.smoke.suites is not allowed with beelms:rollback: the smoke after beelms:rollback runs the"
        + " suites of -Dbeelms.deploy.smokeSuites (smoke) and the environment's <smokeTiers>; remove it, or run"
        + " beelms:smoke separately", e.getMessage());
    PinnedSmokeTarget.refuseOverrides(STAGING, "rollback", Map.of("beelms.smoke.suites", "smoke"), Map.of(), "smoke");
  }
}
