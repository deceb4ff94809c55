package org.beelms.smoke.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The library's own HTTP path: the JDK's {@link HttpClient} (HTTP/1.1, the configured connect timeout, the read
 * timeout as each request's bound), every exchange recorded in the {@link SmokeJournal} like REST Assured's
 * {@link RecordingFilter} does, then shown to the {@link ExchangeListener}s (the OpenAPI conformance check).
 * The built-in checks use it instead of REST Assured, whose Groovy runtime was most of a short run's cost
 * (docs/benchmarks.md); REST Assured stays available to suites through {@link BeelmsApi#given()}.
 */
public final class HttpTransport {

    /** Sees every answer after it was recorded (never a transport error). */
    public interface ExchangeListener {
        void exchanged(String method, URI uri, ApiResponse response);
    }

    private final HttpClient client;
    private final Duration readTimeout;
    private final SmokeJournal journal;
    private final List<ExchangeListener> listeners = new CopyOnWriteArrayList<>();

    public HttpTransport(Duration connectTimeout, Duration readTimeout, SmokeJournal journal) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.readTimeout = readTimeout;
        this.journal = journal;
    }

    public void addListener(ExchangeListener listener) {
        listeners.add(listener);
    }

    /** A request against {@code base} (the API base or the web URL) carrying {@code headers}. */
    public ApiRequest request(String base, Map<String, String> headers) {
        return new ApiRequest(this, base, headers);
    }

    ApiResponse send(String method, String url, Map<String, String> headers, String body) {
        Instant start = Instant.now();
        String recordedUrl = journal.redactor().redact(url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(method + " " + recordedUrl + ": not a valid URL ("
                    + journal.redactor().redact(e.getMessage()) + ")");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout);
        headers.forEach((name, value) -> {
            if (body != null || !"Content-Type".equalsIgnoreCase(name)) {
                request.header(name, value);
            }
        });
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw failed(method, recordedUrl, start, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(method, recordedUrl, start, new IOException("interrupted", e));
        }
        ApiResponse response = new ApiResponse(method, url, answer.statusCode(), answer.headers(), answer.body());
        Duration took = Duration.between(start, Instant.now());
        String excerpt = response.statusCode() < 200 || response.statusCode() >= 300
                ? RecordingFilter.excerpt(journal.redactor(), response.asString()) : null;
        journal.record(new RecordedRequest(start, method, recordedUrl, response.statusCode(), took, excerpt, null));
        for (ExchangeListener listener : listeners) {
            listener.exchanged(method, uri, response);
        }
        return response;
    }

    private UncheckedIOException failed(String method, String recordedUrl, Instant start, IOException e) {
        String reason = journal.redactor().redact(RecordingFilter.describe(e));
        journal.record(new RecordedRequest(start, method, recordedUrl, -1, Duration.between(start, Instant.now()),
                null, reason));
        // the message names the request and the cause; the exception itself is not chained: its text may hold secrets
        return new UncheckedIOException(method + " " + recordedUrl + " failed: " + reason, new IOException(reason));
    }
}
