package org.beelms.plugin.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class IdentitySettingsTest {

  private static final String WHERE = "<environments>/<environment> 'staging'";
  private static final URI API = URI.create("http://127.0.0.1:3000/api");

  @Test
  void healthIsTheDefaultAndThePropertyWins() {
    assertEquals(IdentityMode.HEALTH, IdentitySettings.declared(WHERE, API, null, null, null, null, null).mode());
    assertEquals(IdentityMode.NONE, IdentitySettings.declared(WHERE, API, "health", "none", null, null, null).mode());
  }

  @Test
  void anEndpointBelowTheApiWithAPointerOrAHeader() {
    IdentitySettings pointer = IdentitySettings.declared(WHERE, API, "endpoint", "", "/build", "/build/commit", null);
    assertEquals(URI.create("http://127.0.0.1:3000/api/build"), pointer.url().orElseThrow());
    assertFalse(pointer.header());

    IdentitySettings header =
        IdentitySettings.declared(WHERE, API, "endpoint", "", "https://example.org/api/health", "header:X-App-Version", null);
    assertTrue(header.header());
    assertEquals("X-App-Version", header.headerName());
    assertEquals("/version", IdentitySettings.declared(WHERE, API, "endpoint", "", "/build", "", null).pointer());
  }

  @Test
  void errorsNameTheElementToFix() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> IdentitySettings.declared(WHERE, API, "image", null, null, null, null));
    assertTrue(unknown.getMessage().contains(WHERE + " <identity> is 'image'; use one of health, endpoint, command, none"),
        unknown.getMessage());
    IllegalArgumentException property =
        assertThrows(IllegalArgumentException.class, () -> IdentitySettings.declared(WHERE, API, null, "x", null, null, null));
    assertTrue(property.getMessage().startsWith("-Dbeelms.deploy.identity is 'x'"), property.getMessage());
    IllegalArgumentException noUrl =
        assertThrows(IllegalArgumentException.class, () -> IdentitySettings.declared(WHERE, API, "endpoint", null, null, null, null));
    assertTrue(noUrl.getMessage().contains("no <identityUrl>"), noUrl.getMessage());
    IllegalArgumentException noCommand =
        assertThrows(IllegalArgumentException.class, () -> IdentitySettings.declared(WHERE, API, "command", null, null, null, " "));
    assertTrue(noCommand.getMessage().contains("no <identityCommand>"), noCommand.getMessage());
    IllegalArgumentException badPointer =
        assertThrows(IllegalArgumentException.class, () -> IdentitySettings.declared(WHERE, API, "endpoint", null, "/build", "version", null));
    assertTrue(badPointer.getMessage().contains("<identityPointer> is 'version'"), badPointer.getMessage());
  }

  @Test
  void theCommandIsNeverShown() {
    IdentitySettings command =
        IdentitySettings.declared(WHERE, API, "command", null, null, null, "TOKEN=s3cr3t-value kubectl get pods");
    assertFalse(command.toString().contains("s3cr3t"), command.toString());
    assertFalse(command.describe().contains("s3cr3t"), command.describe());
  }
}
