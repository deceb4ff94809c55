package org.beelms.plugin.mojo;

import static org.beelms.plugin.mojo.TagMojoTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** The release rollback returns to: {@code <rollbackTo>}, and the deprecated {@code <to>}. */
class RollbackMojoTest {

  private final List<String> warnings = new ArrayList<>();

  private RollbackMojo mojo(String rollbackTo, String to) throws Exception {
    RollbackMojo mojo = new RollbackMojo();
    set(mojo, "rollbackTo", rollbackTo);
    set(mojo, "to", to);
    mojo.setLog(new SystemStreamLog() {
      @Override
      public void warn(CharSequence content) {
        warnings.add(content.toString());
      }
    });
    return mojo;
  }

  @Test
  void theImagesTargetInThePluginLevelConfigurationIsNoRelease() throws Exception {
    // The doc pom's <to>tar</to> is the image's; rollback picks its default target.
    assertNull(mojo(null, "tar").releaseToReturnTo());
    assertNull(mojo(null, "registry").releaseToReturnTo());
    assertEquals(List.of(), warnings);
  }

  @Test
  void rollbackToWinsOverTheImagesTarget() throws Exception {
    assertEquals("v0.1.0", mojo("v0.1.0", "tar").releaseToReturnTo());
    assertEquals(List.of(), warnings);
  }

  @Test
  void theOldNameStillWorksForOneReleaseWithAWarningNamingTheNewOne() throws Exception {
    assertEquals("v0.1.0", mojo(null, "v0.1.0").releaseToReturnTo());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("<to> is deprecated"), warnings.get(0));
    assertTrue(warnings.get(0).contains("use <rollbackTo>"), warnings.get(0));
  }
}
