package org.beelms.plugin.supplychain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The production packages of an npm {@code package-lock.json} (lockfile version 2 or 3), read
 * without Node: every entry of {@code packages} except the root, {@code dev} entries (what {@code
 * npm ls --omit=dev} leaves out), links (their target has its own entry) and packages without a
 * version. Version 1 lockfiles (npm 6) have no {@code packages} map and are refused with the fix.
 */
public final class NpmLockfile {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NODE_MODULES = "node_modules/";

  /**
   * One installed package.
   *
   * @param path its place in the tree, e.g. {@code node_modules/@nestjs/core}
   * @param name the package name, e.g. {@code @nestjs/core}
   * @param version the exact version installed
   * @param license the lockfile's {@code license} (an SPDX id or expression); empty when absent
   * @param integrity the Subresource Integrity value(s), e.g. {@code sha512-…}; empty when absent
   * @param optional true for an optional dependency (installed when the platform allows)
   */
  public record NpmPackage(
      String path, String name, String version, String license, String integrity, boolean optional) {}

  private NpmLockfile() {}

  /**
   * The production packages of {@code bytes}, sorted by path.
   *
   * @param origin names the file in errors, e.g. {@code be/package-lock.json at 1a2b3c4}
   */
  public static List<NpmPackage> productionPackages(byte[] bytes, String origin) {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + " is not JSON (" + e.getMessage().lines().findFirst().orElse("")
          + "); give the package-lock.json npm wrote", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(origin + " is not a package-lock.json (no JSON object)");
    }
    int lockfileVersion = root.path("lockfileVersion").asInt(0);
    JsonNode packages = root.path("packages");
    if (lockfileVersion < 2 || !packages.isObject()) {
      throw new IllegalArgumentException(origin + " is lockfileVersion " + lockfileVersion
          + " without a \"packages\" map; regenerate it with npm 7 or newer"
          + " (npm install --package-lock-only) so the SBOM can read it");
    }
    List<NpmPackage> found = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : packages.properties()) {
      String path = entry.getKey();
      JsonNode value = entry.getValue();
      if (path.isEmpty() || value.path("dev").asBoolean(false) || value.path("link").asBoolean(false)) {
        continue;
      }
      String version = value.path("version").asText("");
      if (version.isEmpty()) {
        continue;
      }
      found.add(new NpmPackage(
          path,
          name(path, value),
          version,
          license(value.path("license")),
          value.path("integrity").asText(""),
          value.path("optional").asBoolean(false)));
    }
    found.sort(Comparator.comparing(NpmPackage::path));
    return List.copyOf(found);
  }

  /** The name npm installed it under: after the last {@code node_modules/}, or its own field. */
  static String name(String path, JsonNode value) {
    int last = path.lastIndexOf(NODE_MODULES);
    if (last >= 0) {
      return path.substring(last + NODE_MODULES.length());
    }
    // A workspace folder (e.g. "packages/api"): its package.json name, else the folder.
    return Optional.ofNullable(value.get("name")).map(JsonNode::asText).orElse(path);
  }

  private static String license(JsonNode license) {
    if (license.isTextual()) {
      return license.asText().trim();
    }
    // Very old packages declare {"type": "MIT", "url": …}.
    return license.path("type").asText("").trim();
  }
}
