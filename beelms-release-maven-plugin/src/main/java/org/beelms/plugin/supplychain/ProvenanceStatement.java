package org.beelms.plugin.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-toto Statement v1 whose predicate is SLSA provenance v1: the subject is the image digest;
 * the build definition names the repository, the commit, the version and the release pom's
 * plugin settings (secrets left out); the run details name the builder ({@code
 * beelms-release-maven-plugin@<version>}), start and end, and as byproducts the SBOM and the
 * gates' results (the summary table, the DoD waivers count, the migrations with their classes).
 */
public final class ProvenanceStatement {

  public static final String STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
  public static final String PREDICATE_TYPE = "https://slsa.dev/provenance/v1";
  public static final String BUILD_TYPE = "urn:beelms-release:release-candidate:v1";
  public static final String FILE = "provenance.intoto.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * The gates' results as the release candidate saw them.
   *
   * @param summary the summary table ({@code summary.json}'s gates array); null when the gates did
   *     not run in this build
   * @param dodWaivers how many DoD items were waived; -1 when the DoD was not checked
   * @param migrations each new migration: version, file, safety class
   */
  public record Gates(JsonNode summary, int dodWaivers, List<Map<String, String>> migrations) {
    public Gates {
      migrations = List.copyOf(migrations);
    }

    public static Gates notRun() {
      return new Gates(null, -1, List.of());
    }
  }

  private ProvenanceStatement() {}

  /** The statement's bytes (what the DSSE envelope signs). */
  public static byte[] build(
      String image,
      String digest,
      AttestSettings settings,
      Sbom.Document sbom,
      Gates gates,
      Instant startedOn,
      Instant finishedOn) {
    ObjectNode root = JSON.createObjectNode();
    root.put("_type", STATEMENT_TYPE);
    ObjectNode subject = root.putArray("subject").addObject();
    subject.put("name", image);
    subject.putObject("digest").put("sha256", Digests.hexOf(digest));
    root.put("predicateType", PREDICATE_TYPE);
    ObjectNode predicate = root.putObject("predicate");

    ObjectNode definition = predicate.putObject("buildDefinition");
    definition.put("buildType", BUILD_TYPE);
    ObjectNode external = definition.putObject("externalParameters");
    external.put("repository", settings.build().repository());
    external.put("commit", settings.commit());
    external.put("version", settings.version());
    external.put("tag", "v" + settings.version());
    ObjectNode plugin = external.putObject("pluginSettings");
    new TreeMap<>(settings.build().pluginSettings()).forEach(plugin::put);
    definition.putObject("internalParameters").put("dryRun", settings.dryRun());
    ObjectNode source = definition.putArray("resolvedDependencies").addObject();
    source.put("uri", "git+" + (settings.build().repository().isEmpty() ? "." : settings.build().repository())
        + "@refs/tags/v" + settings.version());
    source.putObject("digest").put("gitCommit", settings.commit());

    ObjectNode run = predicate.putObject("runDetails");
    run.putObject("builder").put("id", "beelms-release-maven-plugin@" + settings.toolVersion());
    ObjectNode metadata = run.putObject("metadata");
    metadata.put("invocationId", "beelms-release:" + settings.commit() + ":" + digest);
    metadata.put("startedOn", startedOn.toString());
    metadata.put("finishedOn", finishedOn.toString());
    ArrayNode byproducts = run.putArray("byproducts");
    ObjectNode sbomDescriptor = byproducts.addObject();
    sbomDescriptor.put("name", Sbom.FILE);
    sbomDescriptor.put("mediaType", Sbom.MEDIA_TYPE);
    sbomDescriptor.putObject("digest").put("sha256", Digests.hexOf(sbom.digest()));
    sbomDescriptor.putObject("annotations").put("components", sbom.components());
    ObjectNode gatesDescriptor = byproducts.addObject();
    gatesDescriptor.put("name", "gates");
    gatesDescriptor.put("mediaType", "application/json");
    ObjectNode annotations = gatesDescriptor.putObject("annotations");
    if (gates.summary() == null) {
      annotations.put("ran", false);
      annotations.put("note", "the gates did not run in this build (beelms:attest alone); release with beelms:release-candidate");
    } else {
      annotations.put("ran", true);
      annotations.set("summary", gates.summary());
    }
    annotations.put("dodWaivers", gates.dodWaivers());
    ArrayNode migrations = annotations.putArray("migrations");
    gates.migrations().forEach(m -> {
      ObjectNode node = migrations.addObject();
      new TreeMap<>(m).forEach(node::put);
    });
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the provenance statement", e);
    }
  }

  /**
   * What a verifier checks of a statement.
   *
   * @param subjectDigests every {@code sha256:…} the subject names
   * @param commit the commit of the build definition
   * @param predicateType the predicate's type
   */
  public record Claims(List<String> subjectDigests, String commit, String predicateType) {}

  /** Reads the claims of a statement; empty when it is not an in-toto statement. */
  public static Optional<Claims> claims(byte[] statement) {
    try {
      JsonNode root = JSON.readTree(statement);
      if (!STATEMENT_TYPE.equals(root.path("_type").asText())) {
        return Optional.empty();
      }
      List<String> digests = new java.util.ArrayList<>();
      root.path("subject").forEach(s -> {
        String hex = s.path("digest").path("sha256").asText("");
        if (!hex.isEmpty()) {
          digests.add("sha256:" + hex);
        }
      });
      return Optional.of(new Claims(digests,
          root.path("predicate").path("buildDefinition").path("externalParameters").path("commit").asText(""),
          root.path("predicateType").asText("")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
