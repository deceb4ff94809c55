package org.beelms.reference.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds the JSON error answers; every error of the API goes through here. */
final class ErrorResponses {

  private ErrorResponses() {
  }

  static Response of(ApiException error) {
    Response.ResponseBuilder builder = Response.status(error.status())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(error.body());
    for (Map.Entry<String, String> header : error.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  /** The answer for a route that does not exist, worded like NestJS's ("Cannot GET /api/x"). */
  static Response routeNotFound(String method, String path) {
    return of(ApiException.routeNotFound(method, path));
  }
}
