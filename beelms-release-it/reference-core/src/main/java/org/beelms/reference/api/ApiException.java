package org.beelms.reference.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API answer other than success, thrown by resources and turned into the JSON error body
 * {@code {message, code, statusCode}} by {@link ApiExceptionMapper}. Messages are for API clients: no
 * secrets, no SQL, no stack traces.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;
  private final List<String> messages;
  private final Map<String, String> headers;

  private ApiException(int status, String code, List<String> messages, Map<String, String> headers) {
    super(String.join("; ", messages), null, false, false);
    this.status = status;
    this.code = code;
    this.messages = List.copyOf(messages);
    this.headers = Map.copyOf(headers);
  }

  public static ApiException of(int status, String code, String message) {
    return new ApiException(status, code, List.of(message), Map.of());
  }

  /** 400 with one message per invalid field, sent as an array as beelms core's validation does. */
  public static ApiException validation(List<String> messages) {
    return new ApiException(400, "VALIDATION_FAILED", messages, Map.of());
  }

  public static ApiException badRequest(String message) {
    return of(400, "BAD_REQUEST", message);
  }

  public static ApiException unauthorized(String message) {
    return of(401, "UNAUTHORIZED", message);
  }

  public static ApiException forbidden(String message) {
    return of(403, "FORBIDDEN", message);
  }

  public static ApiException notFound(String message) {
    return of(404, "NOT_FOUND", message);
  }

  public static ApiException conflict(String message) {
    return of(409, "CONFLICT", message);
  }

  public static ApiException tooManyRequests(String message, Map<String, String> headers) {
    return new ApiException(429, "TOO_MANY_REQUESTS", List.of(message), headers);
  }

  /** This error with {@code extra} headers added (its own win on a clash). */
  public ApiException withHeaders(Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>(extra);
    merged.putAll(headers);
    return new ApiException(status, code, messages, merged);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The error body: {@code message} is a string, or an array for several validation messages. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", messages.size() == 1 && !"VALIDATION_FAILED".equals(code) ? messages.get(0) : messages);
    body.put("code", code);
    body.put("statusCode", status);
    if (status == 404) {
      body.put("error", "Not Found"); // as NestJS's NotFoundException, the unknown-route answer included
    }
    return body;
  }

  /** The answer for a route that does not exist, worded like NestJS's: "Cannot GET /api/x", error "Not Found". */
  public static ApiException routeNotFound(String method, String path) {
    return notFound("Cannot " + method + " " + path);
  }
}
