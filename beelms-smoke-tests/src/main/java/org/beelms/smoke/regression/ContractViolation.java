package org.beelms.smoke.regression;

/**
 * A response that does not match the OpenAPI document: the operation ({@code GET /courses/{courseId}} as the spec
 * names it, or method and path when the spec has none), the request, its status, the validator's message key (e.g.
 * {@code validation.response.body.schema.type}) and message.
 */
public record ContractViolation(String operation, String request, int status, String key, String message) {
}
