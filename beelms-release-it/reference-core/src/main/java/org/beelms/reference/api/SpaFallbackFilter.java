package org.beelms.reference.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code --spa-fallback}: a front end's catch-all in front of the API, as a proxy with {@code
 * proxy_intercept_errors on; error_page 400 401 403 404 500 =200 /index.html} or a single-page app
 * served for every path would answer: every API error (4xx, 5xx) becomes 200 with the app's index
 * page, the same for every path. A check that only looks at answers of 400 and more sees nothing to
 * examine there.
 */
final class SpaFallbackFilter implements ContainerResponseFilter {

  /** The index page of a client-rendered app: the same bytes for every unknown path. */
  static final String INDEX = "<!DOCTYPE html>\n<html lang=\"bg\"><head><meta charset=\"UTF-8\"><title>beelms</title>"
      + "</head><body><div id=\"__next\"></div><script src=\"/_next/static/chunks/main.js\" defer></script>"
      + "</body></html>\n";

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (response.getStatus() < 400) {
      return;
    }
    response.setStatus(200);
    response.getHeaders().remove(HttpHeaders.RETRY_AFTER);
    response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    response.setEntity(INDEX, response.getEntityAnnotations(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
  }
}
