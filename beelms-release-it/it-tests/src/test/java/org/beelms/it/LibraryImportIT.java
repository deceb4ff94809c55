package org.beelms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.beelms.reference.RunningReferenceCore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke library as another team uses it: a separate Maven project that depends on the
 * installed jar runs its own check through the extension and the packaged suites through a
 * {@code @Suite}, against a running reference server, configured by system properties and
 * environment variables only.
 */
class LibraryImportIT {

  private static final Path SAMPLE = Path.of("src/test/projects/library-import");

  @Test
  void separateProjectRunsItsOwnCheckAndThePackagedSuites(@TempDir Path work) throws Exception {
    Path project = work.resolve("library-import");
    MavenBuild.copyTree(SAMPLE, project);

    try (RunningReferenceCore core = ReferenceServer.start()) {
      MavenBuild.Result build =
          MavenBuild.in(project)
              .args(
                  "-Dbeelms.smoke.url=" + core.apiUri(),
                  "-Dbeelms.smoke.environment=library-import",
                  "test")
              // Credentials come from the environment, as a CI job would give them.
              .env("BEELMS_SMOKE_ADMIN_EMAIL", ReferenceServer.ADMIN_EMAIL)
              .env("BEELMS_SMOKE_ADMIN_PASSWORD", ReferenceServer.ADMIN_PASSWORD)
              .run();
      String log = build.log();
      assertEquals(0, build.exitCode(), "sample build failed:\n" + log);

      Path reports = project.resolve("target/surefire-reports");
      int[] own = counts(reports.resolve("TEST-com.example.lms.OwnChecksTest.xml"));
      assertEquals(2, own[0], "own checks run");
      assertEquals(0, own[1] + own[2], "own checks pass");

      // Surefire names the suite's reports after the suite or the check classes' display names,
      // so count the test cases of every report but the own checks'.
      int packagedTests = 0;
      try (Stream<Path> files = Files.list(reports)) {
        for (Path xml : files.filter(p -> p.getFileName().toString().endsWith(".xml")).toList()) {
          if (!xml.getFileName().toString().contains("OwnChecksTest")) {
            String text = Files.readString(xml, StandardCharsets.UTF_8);
            packagedTests += occurrences(text, "<testcase ");
            assertEquals(0, occurrences(text, "<failure") + occurrences(text, "<error"),
                "packaged suite failures in " + xml);
          }
        }
      }
      assertTrue(packagedTests >= 30, "the packaged suites ran, tests: " + packagedTests + "\n" + log);
      assertTrue(!log.contains(ReferenceServer.ADMIN_PASSWORD), "the admin password leaked into the build log");
    }
  }

  private static int occurrences(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }

  /** tests, failures, errors of a surefire XML report. */
  private static int[] counts(Path xml) throws IOException {
    String head = Files.readString(xml, StandardCharsets.UTF_8);
    int suite = head.indexOf("<testsuite");
    String tag = head.substring(suite, head.indexOf('>', suite));
    return new int[] {attribute(tag, "tests"), attribute(tag, "failures"), attribute(tag, "errors")};
  }

  private static int attribute(String tag, String name) {
    Matcher m = Pattern.compile("\\s" + name + "=\"(\\d+)\"").matcher(tag);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in " + tag);
    }
    return Integer.parseInt(m.group(1));
  }
}
