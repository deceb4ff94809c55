package org.beelms.plugin.openapi;

import java.util.List;
import java.util.Optional;

/**
 * What a route reader found in the code.
 *
 * @param routes every route, relative to the API prefix
 * @param prefix the API prefix the code itself declares ({@code @ApplicationPath}, {@code
 *     setGlobalPrefix}, a spec's {@code servers}), when it declares one
 * @param origin what was read, for messages ({@code target/classes}, {@code src/**}/*.controller.ts})
 */
public record CodeRoutes(List<Route> routes, Optional<String> prefix, String origin) {

  public CodeRoutes {
    routes = List.copyOf(routes);
    prefix = prefix == null ? Optional.empty() : prefix.map(Route::normalize);
  }
}
