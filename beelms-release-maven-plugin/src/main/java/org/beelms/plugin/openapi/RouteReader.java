package org.beelms.plugin.openapi;

import java.io.IOException;

/** Reads the routes the code implements: from class files, NestJS sources or a generated spec. */
public interface RouteReader {

  /**
   * Reads every route. Paths are relative to the API prefix: a prefix the code declares is
   * stripped and reported in {@link CodeRoutes#prefix()}, as is {@code apiPrefix} when the code
   * writes it into each path.
   */
  CodeRoutes read() throws IOException;
}
