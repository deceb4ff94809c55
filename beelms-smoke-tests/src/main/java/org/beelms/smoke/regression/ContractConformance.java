package org.beelms.smoke.regression;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.filter.Filter;
import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.HttpTransport;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.SmokeConfigException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Contract conformance: a listener on the library's {@link HttpTransport} (and, for suites using REST Assured, a filter
 * on its specifications) that checks every response a check receives against the OpenAPI
 * document ({@code beelms.smoke.spec}) with Atlassian's {@link OpenApiInteractionValidator}: the status is documented
 * for the operation, the content type is one the spec names, the body is valid against the schema. Deviations go to
 * the journal per operation; the filter never fails the request itself ({@code failOnContractDeviation} decides at
 * the end of the run). Only responses matched to an operation of the spec count as validated; answers to requests the
 * spec does not describe (an unknown-route probe, a CORS preflight) are counted apart as unmatched, and when most
 * responses of a run match no operation (the API base path and the spec's paths do not line up) the run fails,
 * naming the mismatch ({@link org.beelms.smoke.client.SmokeJournal#contractMismatch()}).
 */
public final class ContractConformance implements HttpTransport.ExchangeListener {
    /** The validator's keys for a request no operation of the spec describes. */
    private static final java.util.Set<String> UNMATCHED =
            java.util.Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");
    private final OpenApiInteractionValidator validator;
    private final SmokeJournal journal;
    private final String basePath;
    private final String spec;

    private ContractConformance(OpenApiInteractionValidator validator, SmokeJournal journal, String basePath,
                                String spec) {
        this.validator = validator;
        this.journal = journal;
        this.basePath = basePath;
        this.spec = spec;
    }

    /**
     * Loads {@code config.spec()}; the spec's {@code servers} are replaced by the configured API base path, so
     * paths are matched as the spec writes them (without {@code /api}).
     *
     * @throws SmokeConfigException naming {@code spec} when the file cannot be read or parsed
     */
    public static ContractConformance load(SmokeConfig config, SmokeJournal journal) {
        Path spec = config.spec().orElseThrow(() -> new IllegalArgumentException("no spec configured"));
        String source = config.sources().getOrDefault("spec", "builder");
        if (!Files.isRegularFile(spec) || !Files.isReadable(spec)) {
            throw SmokeConfigException.invalid("spec", source, spec.toString(),
                    "a readable OpenAPI document, e.g. docs/architecture/openapi.yaml of the beelms core repository");
        }
        String basePath = config.apiBaseUri().getPath();
        basePath = basePath == null || basePath.isEmpty() ? "/" : basePath;
        try {
            String text = Files.readString(spec);
            OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(text)
                    .withBasePathOverride(basePath)
                    // allOf compositions of closed schemas (additionalProperties: false), as beelms specs write them
                    .withResolveCombinators(true)
                    .build();
            journal.contractChecked(spec.toString());
            return new ContractConformance(validator, journal, basePath, spec.toString());
        } catch (java.io.IOException | RuntimeException e) {
            throw SmokeConfigException.invalid("spec", source, spec.toString(),
                    "a valid OpenAPI 3 document (it could not be loaded: " + e.getMessage() + ")");
        }
    }

    public String spec() {
        return spec;
    }

    /** The same check as a REST Assured filter, for requests sent through {@code BeelmsApi.given()}. */
    public Filter restAssuredFilter() {
        return (request, responseSpec, ctx) -> {
            io.restassured.response.Response response = ctx.next(request, responseSpec);
            validate(request.getMethod(), URI.create(request.getURI()), response.statusCode(),
                    RestAssuredResponse.of(response));
            return response;
        };
    }

    @Override
    public void exchanged(String method, URI uri, ApiResponse response) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode())
                .withBody(response.asString());
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            answer.withHeader(header.getKey(), header.getValue());
        }
        validate(method, uri, response.statusCode(), answer.build());
    }

    void validate(String method, URI uri, int status, Response response) {
        Request.Method m;
        try {
            m = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return;
        }
        String path = uri.getRawPath();
        String request = method + " " + journal.redactor().redact(path);
        ValidationReport report = validator.validateResponse(path, m, response);
        if (report.getMessages().stream().anyMatch(x -> UNMATCHED.contains(x.getKey()))) {
            // no operation of the spec answers this request: nothing was compared, so it is not counted as validated
            journal.contractUnmatched(method + " " + journal.redactor().redact(relative(path)), basePath);
            return;
        }
        journal.contractValidated();
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() != ValidationReport.Level.ERROR || message.getKey().startsWith("validation.request.")) {
                // requests outside the spec (an unknown-route probe, a CORS preflight) have no documented answer
                continue;
            }
            String operation = message.getContext()
                    .flatMap(ValidationReport.MessageContext::getApiOperation)
                    .map(op -> op.getMethod().name() + " " + op.getApiPath().original())
                    .orElse(method + " " + relative(path));
            journal.contractViolation(new ContractViolation(operation, request, status,
                    message.getKey(), journal.redactor().redact(message.getMessage())));
        }
    }

    private String relative(String path) {
        return !basePath.equals("/") && path.startsWith(basePath) ? path.substring(basePath.length()) : path;
    }
}
