package org.beelms.plugin.supplychain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomTest {

  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fixture: a real npm lockfile (v3) of the NestJS core's be/package.json, 419 entries. */
  static byte[] fixtureLockfile() throws IOException {
    try (InputStream in = SbomTest.class.getResourceAsStream("/supplychain/package-lock.json")) {
      return in.readAllBytes();
    }
  }

  static Sbom.Input input(String digest, List<Sbom.JavaComponent> java) throws IOException {
    return new Sbom.Input("127.0.0.1:5000/beelms/core", digest, "0.2.0", COMMIT,
        Instant.parse("2026-12-01T10:00:00Z"), "0.1.0-SNAPSHOT",
        Map.of("be/package-lock.json", NpmLockfile.productionPackages(fixtureLockfile(), "fixture")), java);
  }

  @Test
  void devPackagesAreLeftOutAndEveryProductionPackageHasPurlVersionHashAndLicense() throws IOException {
    List<NpmLockfile.NpmPackage> packages = NpmLockfile.productionPackages(fixtureLockfile(), "fixture");
    assertTrue(packages.stream().noneMatch(p -> p.name().equals("typescript")), "typescript is dev only");
    assertTrue(packages.stream().noneMatch(p -> p.name().equals("@nestjs/cli")), "@nestjs/cli is dev only");
    assertTrue(packages.stream().anyMatch(p -> p.name().equals("@nestjs/core")));

    JsonNode sbom = JSON.readTree(Sbom.build(input(DIGEST, List.of())).json());
    assertEquals("CycloneDX", sbom.path("bomFormat").asText());
    assertEquals("1.6", sbom.path("specVersion").asText());
    JsonNode core = component(sbom, "pkg:npm/%40nestjs/core@10.4.22");
    assertEquals("@nestjs", core.path("group").asText());
    assertEquals("core", core.path("name").asText());
    assertEquals("10.4.22", core.path("version").asText());
    assertEquals("MIT", core.path("licenses").get(0).path("license").path("id").asText());
    assertEquals("SHA-512", core.path("hashes").get(0).path("alg").asText());
    assertEquals(128, core.path("hashes").get(0).path("content").asText().length());
    JsonNode subject = sbom.path("metadata").path("component");
    assertEquals("container", subject.path("type").asText());
    assertTrue(subject.path("purl").asText().startsWith("pkg:oci/core@sha256%3A" + "ab".repeat(32)),
        subject.path("purl").asText());
    assertEquals("2026-12-01T10:00:00Z", sbom.path("metadata").path("timestamp").asText());
  }

  @Test
  void validatesAgainstTheCycloneDxSchema() throws IOException {
    byte[] json = Sbom.build(input(DIGEST, List.of(
        new Sbom.JavaComponent("org.postgresql", "postgresql", "42.7.14", "cd".repeat(32))))).json();
    List<ParseException> problems = new JsonParser().validate(json, Version.VERSION_16);
    assertTrue(problems.isEmpty(), () -> "schema violations: " + problems);
    // And the library reads it back.
    assertDoesNotFailToParse(json);
  }

  @Test
  void sameCommitAndDigestGiveTheSameBytesAnotherDigestAnotherSerial() throws IOException {
    Sbom.Document first = Sbom.build(input(DIGEST, List.of()));
    Sbom.Document second = Sbom.build(input(DIGEST, List.of()));
    assertArrayEquals(first.json(), second.json());
    Sbom.Document other = Sbom.build(input("sha256:" + "cd".repeat(32), List.of()));
    assertNotEquals(first.serialNumber(), other.serialNumber());
  }

  /** Coverage counted independently of our code: jq over the lockfile, then looked up in the SBOM. */
  @Test
  void coversAtLeast95PercentOfTheProductionPackagesJqCounts(@TempDir Path dir) throws Exception {
    Path lockfile = dir.resolve("package-lock.json");
    Files.write(lockfile, fixtureLockfile());
    Path script = Path.of("src/test/scripts/npm-production-packages.sh").toAbsolutePath();
    Process jq = new ProcessBuilder("sh", script.toString(), lockfile.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(jq.waitFor(60, TimeUnit.SECONDS), "jq did not finish");
    assertEquals(0, jq.exitValue(), "the jq script failed (is jq installed? apt-get install -y jq)");
    List<String> expected = out.lines().filter(l -> !l.isBlank()).toList();
    assertTrue(expected.size() > 200, "jq counted " + expected.size() + " production packages");

    JsonNode sbom = JSON.readTree(Sbom.build(input(DIGEST, List.of())).json());
    Set<String> listed = new HashSet<>();
    sbom.path("components").forEach(c -> listed.add(
        (c.hasNonNull("group") ? c.path("group").asText() + "/" : "") + c.path("name").asText() + "@"
            + c.path("version").asText()));
    long covered = expected.stream().filter(listed::contains).count();
    double share = (double) covered / expected.size();
    assertTrue(share >= 0.95, "the SBOM covers " + covered + " of " + expected.size() + " packages");
    assertEquals(expected.size(), sbom.path("components").size(), "one component per unique package");
  }

  @Test
  void anOldLockfileIsRefusedWithTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        NpmLockfile.productionPackages("{\"lockfileVersion\":1,\"dependencies\":{}}".getBytes(StandardCharsets.UTF_8),
            "be/package-lock.json at 1a2b3c4"));
    assertTrue(e.getMessage().contains("be/package-lock.json at 1a2b3c4"), e.getMessage());
    assertTrue(e.getMessage().contains("npm install --package-lock-only"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> NpmLockfile.productionPackages("not json".getBytes(StandardCharsets.UTF_8), "x"));
  }

  @Test
  void licensesBecomeIdsExpressionsOrNames() {
    assertEquals("Apache-2.0", Sbom.license("Apache-2.0").getLicenses().get(0).getId());
    assertEquals("(MIT OR Apache-2.0)", Sbom.license("(MIT OR Apache-2.0)").getExpression().getValue());
    assertEquals("SEE LICENSE IN LICENSE.md", Sbom.license("SEE LICENSE IN LICENSE.md").getLicenses().get(0).getName());
    assertFalse(Sbom.integrityHashes("sha512-notbase64!!").iterator().hasNext());
  }

  private static void assertDoesNotFailToParse(byte[] json) {
    try {
      new JsonParser().parse(json);
    } catch (ParseException e) {
      throw new AssertionError("the CycloneDX library cannot read the SBOM back: " + e.getMessage(), e);
    }
  }

  private static JsonNode component(JsonNode sbom, String purl) {
    for (JsonNode c : sbom.path("components")) {
      if (c.path("purl").asText().equals(purl)) {
        return c;
      }
    }
    throw new AssertionError("no component " + purl);
  }
}
