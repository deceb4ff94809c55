package org.beelms.plugin.openapi;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Where the implemented routes come from: one type per kind of source. */
public sealed interface RouteSource {

  /** Compiled JAX-RS or Spring classes when there are routes in them, else NestJS sources. */
  record Auto() implements RouteSource {}

  /** JAX-RS and/or Spring MVC annotations in the classes directory. */
  record ClassFiles(Set<ClassFileRouteReader.Framework> frameworks) implements RouteSource {
    public ClassFiles {
      if (frameworks == null || frameworks.isEmpty()) {
        throw new IllegalArgumentException("pick at least one of jaxrs, spring");
      }
      frameworks = Set.copyOf(EnumSet.copyOf(frameworks));
    }
  }

  /** NestJS {@code *.controller.ts} files under the source directory. */
  record NestJs() implements RouteSource {}

  /** A spec the build generated from the code (e.g. by springdoc or swagger-maven-plugin). */
  record GeneratedSpec(Path file) implements RouteSource {
    public GeneratedSpec {
      Objects.requireNonNull(file, "file");
    }
  }

  /**
   * A spec the running application serves, fetched once.
   *
   * @param timeout the bound on connecting and on the whole request
   */
  record ServedSpec(URI url, Duration timeout) implements RouteSource {
    public ServedSpec {
      Objects.requireNonNull(url, "url");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("the spec URL must be http or https: " + url);
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the spec URL timeout must be positive: " + timeout);
      }
    }
  }
}
