package org.beelms.plugin.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.beelms.smoke.config.SmokeMode;
import org.junit.jupiter.api.Test;

class EnvironmentsTest {

  private static final Environments DECLARED =
      new Environments(
          List.of(
              Staging.at("https://staging.example.org/api"),
              Staging.production("https://beelms.example.org/api", "beelms-production")));

  @Test
  void selectsTheNamedEnvironment() {
    Environment e = DECLARED.select(Optional.of(" production "));
    assertEquals("production", e.name());
    assertEquals(URI.create("https://beelms.example.org/api"), e.url());
    assertEquals(SmokeMode.PRODUCTION, e.mode());
    assertEquals("beelms-production", e.serverId());
  }

  @Test
  void unknownTargetListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DECLARED.select(Optional.of("nowhere")));
    assertTrue(e.getMessage().contains("-Dtarget=nowhere"), e.getMessage());
    assertTrue(e.getMessage().contains("known environments: staging, production"), e.getMessage());
  }

  @Test
  void missingTargetNamesDashDTarget() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DECLARED.select(Optional.of("  ")));
    assertTrue(e.getMessage().contains("-Dtarget=<name>"), e.getMessage());
    assertTrue(e.getMessage().contains("mvn verify -Psmoke -Dtarget=staging"), e.getMessage());
  }

  @Test
  void noDeclaredEnvironmentShowsHowToDeclareOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Environments(List.of()).select(Optional.of("staging")));
    assertTrue(e.getMessage().contains("<environments><environment><name>staging</name>"), e.getMessage());
  }

  @Test
  void twoEnvironmentsWithOneNameAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Environments(List.of(Staging.at("http://a/api"), Staging.at("http://b/api"))));
    assertTrue(e.getMessage().contains("'staging' twice"), e.getMessage());
  }

  @Test
  void declarationErrorsNameTheElement() {
    assertMessage("<environment> 'staging' <url> is missing",
        () -> Environment.declared("staging", " ", null, "staging", "", "", "", "", Map.of(), "", "", null));
    assertMessage("<environment> 'staging' <url> is 'ftp://host/api'",
        () -> Environment.declared("staging", "ftp://host/api", null, "staging", "", "", "", "", Map.of(), "", "", null));
    assertMessage("<environment> 'staging' <mode> is 'prod'; use staging or production",
        () -> Environment.declared("staging", "http://h/api", null, "prod", "", "", "", "", Map.of(), "", "", null));
    assertMessage("<environment> 'staging' <mode> is missing",
        () -> Environment.declared("staging", "http://h/api", null, null, "", "", "", "", Map.of(), "", "", null));
    assertMessage("<name> is 'stag ing'",
        () -> Environment.declared("stag ing", "http://h/api", null, "staging", "", "", "", "", Map.of(), "", "", null));
    assertMessage("<webUrl> carries user info",
        () -> Environment.declared("staging", "http://h/api", "http://u:p@h/", "staging", "", "", "", "", Map.of(), "", "", null));
    // A compose host name is not a DNS name (getHost() == null): the password must still not be echoed.
    IllegalArgumentException compose = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Environment.declared("staging", "http://u:S3cret-pw@beelms_core:3000/api", null, "staging", "", "", "",
            "", Map.of(), "", "", null));
    assertTrue(compose.getMessage().contains("<url> carries user info"), compose.getMessage());
    assertTrue(!compose.getMessage().contains("S3cret-pw"), compose.getMessage());
  }

  @Test
  void propertiesTakeSmokeKeysButNoSecretsNorDuplicatesOfElements() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("beelms.smoke.readyTimeout", "PT60S");
    props.put("retryBudget", "3");
    Environment e =
        Environment.declared("staging", "http://h/api", null, "staging", "", "", "", "", props, "", "", null);
    assertEquals(Map.of("readyTimeout", "PT60S", "retryBudget", "3"), e.properties());

    assertMessage("<beelms.smoke.user.password> is not allowed here: use <serverId>",
        () -> Environment.declared("staging", "http://h/api", null, "staging", "", "", "", "",
            Map.of("beelms.smoke.user.password", "hunter2"), "", "", null));
    assertMessage("<beelms.smoke.url> is not allowed here: use <url>",
        () -> Environment.declared("staging", "http://h/api", null, "staging", "", "", "", "",
            Map.of("beelms.smoke.url", "http://x"), "", "", null));
    assertMessage("<readyTimeuot> is not a smoke setting; known keys",
        () -> Environment.declared("staging", "http://h/api", null, "staging", "", "", "", "",
            Map.of("readyTimeuot", "PT1S"), "", "", null));
  }

  @Test
  void toStringHidesTheHooks() {
    Environment e =
        Environment.declared("staging", "http://h/api", null, "staging", "staging", "", "", "", Map.of(),
            "deploy --token=s3cret", "restore --token=s3cret", null);
    assertFalse(e.toString().contains("s3cret"), e.toString());
    assertEquals("deploy --token=s3cret", e.deployCommand());
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
  }
}
