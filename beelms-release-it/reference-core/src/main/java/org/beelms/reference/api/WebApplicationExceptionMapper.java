package org.beelms.reference.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;

/**
 * Jersey's own errors (no matching route 404, 405, 415, 406, unconvertible parameters) → the same JSON
 * body as every other error, so a client never sees Jersey's HTML or empty bodies.
 */
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Context
  private UriInfo uriInfo;

  @Context
  private Request request;

  @Override
  public Response toResponse(WebApplicationException exception) {
    Response original = exception.getResponse();
    int status = original == null ? 500 : original.getStatus();
    ApiException error;
    if (exception instanceof NotFoundException) {
      error = ApiException.routeNotFound(request.getMethod(), uriInfo.getRequestUri().getPath());
    } else if (exception instanceof NotAllowedException) {
      error = ApiException.of(405, "METHOD_NOT_ALLOWED",
          "Method " + request.getMethod() + " is not allowed on " + uriInfo.getRequestUri().getPath());
    } else if (status == 415) {
      error = ApiException.of(415, "UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json");
    } else if (status == 406) {
      error = ApiException.of(406, "NOT_ACCEPTABLE", "This endpoint answers application/json only");
    } else if (status >= 500) {
      error = ApiException.of(status, "INTERNAL_ERROR", "Internal server error");
    } else {
      String reason = Response.Status.fromStatusCode(status) == null
          ? "Request failed" : Response.Status.fromStatusCode(status).getReasonPhrase();
      error = ApiException.of(status, reason.toUpperCase(Locale.ROOT).replace(' ', '_'), reason);
    }
    Response.ResponseBuilder builder = Response.fromResponse(ErrorResponses.of(error));
    if (original != null && original.getHeaderString("Allow") != null) {
      builder.header("Allow", original.getHeaderString("Allow"));
    }
    return builder.build();
  }
}
