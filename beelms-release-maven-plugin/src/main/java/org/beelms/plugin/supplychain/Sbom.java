package org.beelms.plugin.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * The CycloneDX SBOM of one release image, built with the CycloneDX Java library: the image as
 * the subject ({@code metadata.component}, a container with a {@code pkg:oci} purl pinned to its
 * digest), then one library component per npm production package and per Java runtime jar.
 *
 * <p>Reproducible: nothing comes from the build machine or the clock. The serial number is a
 * name-based UUID of the commit and the digest, the timestamp is the commit time, components are
 * sorted by purl and de-duplicated (a package installed twice at the same version is one
 * component), so the same commit and digest give the same bytes.
 */
public final class Sbom {

  /** The CycloneDX specification version written. */
  public static final Version SPEC = Version.VERSION_16;

  /** The file name under the output folder. */
  public static final String FILE = "sbom.cdx.json";

  /** The media type of the document (the registry layer of the {@code .sbom} tag). */
  public static final String MEDIA_TYPE = "application/vnd.cyclonedx+json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SPDX_IDS = spdxIds();

  /**
   * A jar on the Java runtime classpath.
   *
   * @param group Maven groupId
   * @param artifact Maven artifactId
   * @param version Maven version
   * @param sha256 hex SHA-256 of the jar; empty when unknown
   */
  public record JavaComponent(String group, String artifact, String version, String sha256) {}

  /**
   * Everything the SBOM is made of.
   *
   * @param image the repository, e.g. {@code 127.0.0.1:5000/beelms/core}
   * @param digest the image's manifest digest
   * @param version the release version
   * @param commit the released commit (full SHA)
   * @param commitTime the commit time: the document's timestamp
   * @param toolVersion this plugin's version, named as the tool
   * @param npm the npm production packages, each with the lockfile it came from
   * @param java the Java runtime classpath
   */
  public record Input(
      String image,
      String digest,
      String version,
      String commit,
      Instant commitTime,
      String toolVersion,
      Map<String, List<NpmLockfile.NpmPackage>> npm,
      List<JavaComponent> java) {

    public Input {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(commitTime, "commitTime");
      npm = Map.copyOf(npm);
      java = List.copyOf(java);
    }
  }

  /**
   * A written SBOM.
   *
   * @param json the document's bytes
   * @param components how many components it lists (the image itself not counted)
   * @param serialNumber its {@code urn:uuid:} serial number
   */
  public record Document(byte[] json, int components, String serialNumber) {

    /** {@code sha256:…} of the bytes, as a registry names the blob. */
    public String digest() {
      return Digests.sha256(json);
    }
  }

  private Sbom() {}

  /** Builds the document. */
  public static Document build(Input input) {
    Bom bom = new Bom();
    String serial = "urn:uuid:" + UUID.nameUUIDFromBytes(
        ("beelms-sbom\n" + input.commit() + "\n" + input.digest()).getBytes(StandardCharsets.UTF_8));
    bom.setSerialNumber(serial);
    bom.setVersion(1);
    bom.setMetadata(metadata(input));

    Map<String, Component> byPurl = new LinkedHashMap<>();
    input.npm().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(lock -> lock.getValue().forEach(p -> byPurl.putIfAbsent(npmPurl(p), npm(p, lock.getKey()))));
    input.java().forEach(j -> byPurl.putIfAbsent(mavenPurl(j), java(j)));
    List<Component> components = new ArrayList<>(byPurl.values());
    components.sort(Comparator.comparing(Component::getPurl));
    bom.setComponents(components);
    try {
      String json = BomGeneratorFactory.createJson(SPEC, bom).toJsonString(true);
      return new Document((json + "\n").getBytes(StandardCharsets.UTF_8), components.size(), serial);
    } catch (GeneratorException e) {
      throw new IllegalStateException("the CycloneDX library could not write the SBOM: " + e.getMessage(), e);
    }
  }

  private static Metadata metadata(Input input) {
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(input.commitTime()));
    ToolInformation tools = new ToolInformation();
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setGroup("org.beelms");
    tool.setName("beelms-release-maven-plugin");
    tool.setVersion(input.toolVersion());
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);

    Component image = new Component();
    image.setType(Component.Type.CONTAINER);
    String repository = input.image();
    image.setName(repository);
    image.setVersion(input.version());
    String purl = ociPurl(repository, input.digest());
    image.setPurl(purl);
    image.setBomRef(purl);
    image.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, hex(input.digest()))));
    metadata.setComponent(image);
    metadata.setProperties(List.of(
        property("beelms:commit", input.commit()),
        property("beelms:image-digest", input.digest())));
    return metadata;
  }

  private static Component npm(NpmLockfile.NpmPackage p, String lockfile) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    int slash = p.name().indexOf('/');
    if (p.name().startsWith("@") && slash > 0) {
      c.setGroup(p.name().substring(0, slash));
      c.setName(p.name().substring(slash + 1));
    } else {
      c.setName(p.name());
    }
    c.setVersion(p.version());
    String purl = npmPurl(p);
    c.setPurl(purl);
    c.setBomRef(purl);
    c.setScope(p.optional() ? Component.Scope.OPTIONAL : Component.Scope.REQUIRED);
    List<Hash> hashes = integrityHashes(p.integrity());
    if (!hashes.isEmpty()) {
      c.setHashes(hashes);
    }
    if (!p.license().isEmpty()) {
      c.setLicenses(license(p.license()));
    }
    c.setProperties(List.of(property("beelms:lockfile", lockfile), property("npm:path", p.path())));
    return c;
  }

  private static Component java(JavaComponent j) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setGroup(j.group());
    c.setName(j.artifact());
    c.setVersion(j.version());
    String purl = mavenPurl(j);
    c.setPurl(purl);
    c.setBomRef(purl);
    c.setScope(Component.Scope.REQUIRED);
    if (!j.sha256().isEmpty()) {
      c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, j.sha256())));
    }
    return c;
  }

  /** An SPDX id the schema knows, an SPDX expression, or else the text as a license name. */
  static LicenseChoice license(String text) {
    LicenseChoice choice = new LicenseChoice();
    String trimmed = text.trim();
    if (SPDX_IDS.contains(trimmed)) {
      License license = new License();
      license.setId(trimmed);
      choice.addLicense(license);
    } else if (trimmed.matches(".*\\s(OR|AND|WITH)\\s.*") || trimmed.startsWith("(")) {
      choice.setExpression(new Expression(trimmed));
    } else {
      License license = new License();
      license.setName(trimmed);
      choice.addLicense(license);
    }
    return choice;
  }

  /** npm's {@code integrity} ({@code sha512-<base64>}, several separated by spaces) as hex hashes. */
  static List<Hash> integrityHashes(String integrity) {
    List<Hash> hashes = new ArrayList<>();
    for (String part : integrity.trim().split("\\s+")) {
      int dash = part.indexOf('-');
      if (dash <= 0) {
        continue;
      }
      Hash.Algorithm algorithm = switch (part.substring(0, dash)) {
        case "sha512" -> Hash.Algorithm.SHA_512;
        case "sha384" -> Hash.Algorithm.SHA_384;
        case "sha256" -> Hash.Algorithm.SHA_256;
        case "sha1" -> Hash.Algorithm.SHA1;
        default -> null;
      };
      if (algorithm == null) {
        continue;
      }
      try {
        hashes.add(new Hash(algorithm, HexFormat.of().formatHex(Base64.getDecoder().decode(part.substring(dash + 1)))));
      } catch (IllegalArgumentException notBase64) {
        // A malformed integrity value proves nothing; it is left out rather than guessed.
      }
    }
    return hashes;
  }

  static String npmPurl(NpmLockfile.NpmPackage p) {
    int slash = p.name().indexOf('/');
    String namespace = p.name().startsWith("@") && slash > 0 ? p.name().substring(0, slash) : null;
    String name = namespace == null ? p.name() : p.name().substring(slash + 1);
    return purl("npm", namespace, name, p.version(), null);
  }

  static String mavenPurl(JavaComponent j) {
    return purl("maven", j.group(), j.artifact(), j.version(), null);
  }

  /** {@code pkg:oci/<name>@sha256:…?repository_url=<registry/repository>}, the purl spec's OCI form. */
  static String ociPurl(String repository, String digest) {
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    return purl("oci", null, name, digest, Map.of("repository_url", repository));
  }

  private static String purl(String type, String namespace, String name, String version, Map<String, String> qualifiers) {
    try {
      return new PackageURL(type, namespace, name, version,
          qualifiers == null ? null : new java.util.TreeMap<>(qualifiers), null).canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException("cannot make a package URL of " + type + " "
          + (namespace == null ? "" : namespace + "/") + name + "@" + version + ": " + e.getMessage(), e);
    }
  }

  private static Property property(String name, String value) {
    Property property = new Property();
    property.setName(name);
    property.setValue(value);
    return property;
  }

  private static String hex(String digest) {
    return digest.substring(digest.indexOf(':') + 1);
  }

  /** The SPDX license ids of the schema the library ships (an unknown id would fail validation). */
  private static Set<String> spdxIds() {
    try (InputStream in = Sbom.class.getClassLoader().getResourceAsStream("spdx.schema.json")) {
      Set<String> ids = new TreeSet<>();
      if (in != null) {
        JsonNode root = JSON.readTree(in);
        root.path("enum").forEach(id -> ids.add(id.asText()));
      }
      return Set.copyOf(ids);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SPDX license list of the CycloneDX library", e);
    }
  }

  /** Where the SBOM goes under {@code outputDirectory}. */
  public static Path file(Path outputDirectory) {
    return outputDirectory.resolve(FILE);
  }
}
