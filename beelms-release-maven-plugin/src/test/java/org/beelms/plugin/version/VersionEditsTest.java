package org.beelms.plugin.version;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionEditsTest {

  @Test
  void aPomInheritingItsVersionFromAnOutsideParentGetsItsOwnAfterTheArtifactId() {
    String pom = "<project>\n  <parent>\n    <artifactId>corp-parent</artifactId>\n"
        + "    <version>7</version>\n  </parent>\n  <artifactId>core</artifactId>\n</project>\n";
    assertEquals("<project>\n  <parent>\n    <artifactId>corp-parent</artifactId>\n"
        + "    <version>7</version>\n  </parent>\n  <artifactId>core</artifactId>\n"
        + "  <version>0.2.0</version>\n</project>\n",
        VersionEdits.pomVersion(pom, "0.2.0", Set.of("core")));
  }

  @Test
  void theSpecVersionKeepsItsQuotingAndComment() {
    assertEquals("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1.0.0' # c\n  contact:\n    version: 9\n",
        VersionEdits.openApiVersion(
            "openapi: 3.0.3\ninfo:\n  title: x\n  version: '0.9.0' # c\n  contact:\n    version: 9\n",
            "1.0.0"));
  }
}
