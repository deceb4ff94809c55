package org.beelms.reference.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.beelms.reference.db.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything else → JSON without a stack trace: unparseable JSON is the client's 400, a database that
 * cannot be reached is 503, anything else 500 (logged here, with its cause, for the operator).
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApiException api) {
        return ErrorResponses.of(api);
      }
      if (cause instanceof JsonProcessingException) {
        return ErrorResponses.of(ApiException.badRequest("Request body is not valid JSON"));
      }
      if (cause instanceof DataAccessException data) {
        LOG.error("database call failed: {}", data.getMessage());
        return data.databaseUnreachable()
            ? ErrorResponses.of(ApiException.of(503, "DATABASE_UNAVAILABLE", "Database unavailable"))
            : ErrorResponses.of(ApiException.of(500, "INTERNAL_ERROR", "Internal server error"));
      }
    }
    LOG.error("unexpected error while answering a request", exception);
    return ErrorResponses.of(ApiException.of(500, "INTERNAL_ERROR", "Internal server error"));
  }
}
