package org.beelms.plugin.image;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The container configuration beyond the entrypoint, e.g. for a Node service: working directory,
 * environment, exposed ports, user, labels and the creation time.
 *
 * @param workingDirectory absolute path, e.g. {@code /app}; empty keeps the base's
 * @param environment variables added to the base's
 * @param exposedPorts TCP ports, e.g. {@code 3000}
 * @param user e.g. {@code node} or {@code 1000:1000}; empty keeps the base's
 * @param labels image labels, e.g. the OCI revision, version, source and created labels
 * @param creationTime the image's creation time; empty for Jib's epoch. The commit time keeps
 *     the digest reproducible (the same commit gives the same time)
 */
public record ContainerConfig(
    Optional<String> workingDirectory,
    Map<String, String> environment,
    List<Integer> exposedPorts,
    Optional<String> user,
    Map<String, String> labels,
    Optional<Instant> creationTime) {

  /** Nothing beyond Jib's defaults. */
  public static final ContainerConfig NONE =
      new ContainerConfig(Optional.empty(), Map.of(), List.of(), Optional.empty(), Map.of(), Optional.empty());

  public ContainerConfig {
    workingDirectory = Objects.requireNonNullElse(workingDirectory, Optional.<String>empty());
    user = Objects.requireNonNullElse(user, Optional.<String>empty());
    creationTime = Objects.requireNonNullElse(creationTime, Optional.<Instant>empty());
    environment = withoutNulls(environment);
    labels = withoutNulls(labels);
    exposedPorts = List.copyOf(exposedPorts == null ? List.of() : exposedPorts);
    workingDirectory.ifPresent(dir -> {
      if (!dir.startsWith("/")) {
        throw new IllegalArgumentException("<workingDirectory> / -Dbeelms.image.workingDirectory is '"
            + dir + "'; it must be absolute (e.g. /app)");
      }
    });
    for (int port : exposedPorts) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "<exposedPorts> / -Dbeelms.image.exposedPorts has " + port + ", not a port (1-65535)");
      }
    }
  }

  private static Map<String, String> withoutNulls(Map<String, String> map) {
    Map<String, String> copy = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((k, v) -> copy.put(k, v == null ? "" : v));
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The OCI labels of a release: revision (the commit), version, source (when known) and created
   * (the commit time), added to {@code labels} (which win).
   */
  public static Map<String, String> releaseLabels(
      String commit, String version, Optional<String> source, Instant commitTime, Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(Provenance.REVISION, commit);
    all.put(Provenance.VERSION, version);
    source.filter(s -> !s.isBlank()).ifPresent(s -> all.put(Provenance.SOURCE, s));
    all.put(Provenance.CREATED, commitTime.toString());
    all.putAll(labels == null ? Map.of() : labels);
    return all;
  }
}
