package org.beelms.smoke.client;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library's own HTTP path: the JDK's {@link HttpClient} (HTTP/1.1, the configured connect timeout, the read
 * timeout as each request's bound), every exchange recorded in the {@link SmokeJournal} like REST Assured's
 * {@link RecordingFilter} does, then shown to the {@link ExchangeListener}s (the OpenAPI conformance check).
 * The built-in checks use it instead of REST Assured, whose Groovy runtime was most of a short run's cost
 * (docs/benchmarks.md); REST Assured stays available to suites through {@link BeelmsApi#given()}.
 */
public final class HttpTransport implements AutoCloseable {

    /** Sees every answer to an API request after it was recorded (never a transport error, never a page). */
    public interface ExchangeListener {
        void exchanged(String method, URI uri, ApiResponse response);
    }

    /** How long {@link #close()} waits for JDK 17's selector thread to stop. */
    private static final Duration SELECTOR_STOP = Duration.ofSeconds(1);
    /** The id that ends a JDK client's {@code toString()}, e.g. {@code jdk.internal.net.http.HttpClientImpl@1b2c3d(4)}. */
    private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

    private final HttpClient client;
    private final Duration readTimeout;
    private final SmokeJournal journal;
    private final List<ExchangeListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * @param tls whether any base is {@code https}: without, the client gets no TLS set-up at all (the JDK's default
     *            {@code SSLContext} loads the security providers and parses the trust store, some 200 ms of a short
     *            run's start), and an answer redirecting to {@code https} fails naming the setting to change
     */
    public HttpTransport(Duration connectTimeout, Duration readTimeout, SmokeJournal journal, boolean tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (!tls) {
            builder.sslContext(new NoTls()).sslParameters(new SSLParameters());
        }
        this.client = builder.build();
        this.readTimeout = readTimeout;
        this.journal = journal;
    }

    public void addListener(ExchangeListener listener) {
        listeners.add(listener);
    }

    /** A request against the API at {@code base} carrying {@code headers}; its answer is shown to the listeners. */
    public ApiRequest request(String base, Map<String, String> headers) {
        return new ApiRequest(this, base, headers, true);
    }

    /** A request for a page of the web front end at {@code base}: recorded, not shown to the API's listeners. */
    public ApiRequest pageRequest(String base, Map<String, String> headers) {
        return new ApiRequest(this, base, headers, false);
    }

    ApiResponse send(String method, String url, Map<String, String> headers, String body, boolean api) {
        return sendAll(method, url, headers, body, 1, api).get(0);
    }

    /**
     * Sends the same request {@code times} times at once (a burst, e.g. failed logins against a rate limiter) and
     * returns the answers in sending order, each recorded from the calling thread, so the journal gives them to the
     * calling check. Bounded: each by the read timeout.
     */
    List<ApiResponse> sendAll(String method, String url, Map<String, String> headers, String body, int times,
                              boolean api) {
        String recordedUrl = journal.redactor().redact(url);
        if (closed) {
            throw new IllegalStateException(method + " " + recordedUrl + ": the smoke run's HTTP client is closed (the run "
                    + "ended); a check or suite kept its BeelmsApi beyond the run");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(method + " " + recordedUrl + ": not a valid URL ("
                    + journal.redactor().redact(e.getMessage()) + ")");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(readTimeout);
        headers.forEach((name, value) -> {
            if (body != null || !"Content-Type".equalsIgnoreCase(name)) {
                builder.header(name, value);
            }
        });
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpRequest request = builder.build();
        List<Instant> starts = new java.util.ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Timed>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < times; i++) {
            Instant start = Instant.now();
            starts.add(start);
            answers.add(times == 1
                    ? java.util.concurrent.CompletableFuture.completedFuture(sendNow(request))
                    : client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                            .handle((answer, error) -> new Timed(answer, error, Instant.now())));
        }
        List<ApiResponse> responses = new java.util.ArrayList<>();
        UncheckedIOException failure = null;
        for (int i = 0; i < times; i++) {
            Timed timed = answers.get(i).join();
            Instant start = starts.get(i);
            if (timed.error() != null) {
                UncheckedIOException e = failed(method, recordedUrl, start, timed.end(), ioCause(timed.error()));
                failure = failure == null ? e : failure;
                continue;
            }
            HttpResponse<byte[]> answer = timed.answer();
            ApiResponse response = new ApiResponse(method, url, answer.statusCode(), answer.headers(), answer.body());
            String excerpt = response.statusCode() < 200 || response.statusCode() >= 300
                    ? RecordingFilter.excerpt(journal.redactor(), response.asString()) : null;
            journal.record(new RecordedRequest(start, method, recordedUrl, response.statusCode(),
                    Duration.between(start, timed.end()), excerpt, null));
            for (ExchangeListener listener : api ? listeners : List.<ExchangeListener>of()) {
                listener.exchanged(method, uri, response);
            }
            responses.add(response);
        }
        if (failure != null) {
            throw failure;
        }
        return responses;
    }

    /**
     * Lets go of the client's connections and its selector thread; bounded, idempotent. Without it the selector thread
     * stays blocked in {@code epoll_wait} until the client is garbage collected, and a JVM that exits meanwhile waits
     * some 300 ms for it (on JDK 17, the VM's exit waits up to 300 ms for every thread in native code): a third of the
     * standalone jar's run after the last check (docs/benchmarks.md). On JDK 21+ the client's own {@code shutdownNow()}
     * does it (public API there, called reflectively since the library is built for 17); JDK 17's client has no such
     * method, and its selector thread, which stops when interrupted, is found by the name the JDK gives it
     * ({@code HttpClient-<id>-SelectorManager}, the id ending the client's {@code toString()}).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // JDK 21+: shutdownNow, not close(), which waits without a bound for whatever is still in flight
            HttpClient.class.getMethod("shutdownNow").invoke(client);
            return;
        } catch (NoSuchMethodException e) {
            // JDK 17: no way to close the client; stop its selector thread below
        } catch (ReflectiveOperationException | RuntimeException e) {
            return; // a failure to close leaves a thread behind, never a wrong result
        }
        selectorThread(client).ifPresent(selector -> {
            selector.interrupt();
            try {
                selector.join(SELECTOR_STOP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** JDK 17's selector thread of this transport's client, when its name can be told from the client's {@code toString()}. */
    Optional<Thread> selectorThread() {
        return selectorThread(client);
    }

    private static Optional<Thread> selectorThread(HttpClient client) {
        Matcher id = CLIENT_ID.matcher(client.toString());
        if (!id.find()) {
            return Optional.empty();
        }
        String name = "HttpClient-" + id.group(1) + "-SelectorManager";
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (name.equals(threads[i].getName())) {
                return Optional.of(threads[i]);
            }
        }
        return Optional.empty();
    }

    /** An answer or the error instead, and when it came. */
    private record Timed(HttpResponse<byte[]> answer, Throwable error, Instant end) {
    }

    private Timed sendNow(HttpRequest request) {
        try {
            return new Timed(client.send(request, HttpResponse.BodyHandlers.ofByteArray()), null, Instant.now());
        } catch (IOException e) {
            return new Timed(null, e, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Timed(null, new IOException("interrupted", e), Instant.now());
        }
    }

    /**
     * The outermost exception's name with the first message down its causes: the JDK client throws e.g. a
     * {@code ConnectException} without a message around a {@code ClosedChannelException}, whose name says less.
     */
    static String describe(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause() == t ? null : t.getCause()) {
            message = t.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static IOException ioCause(Throwable error) {
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return e instanceof IOException io ? io : new IOException(e);
    }

    private UncheckedIOException failed(String method, String recordedUrl, Instant start, Instant end, IOException e) {
        String reason = journal.redactor().redact(describe(e));
        journal.record(new RecordedRequest(start, method, recordedUrl, -1, Duration.between(start, end), null, reason));
        // the message names the request and the cause; the exception itself is not chained: its text may hold secrets
        return new UncheckedIOException(method + " " + recordedUrl + " failed: " + reason, new IOException(reason));
    }

    /** The TLS context of a client whose bases are all plain {@code http}: never set up, refuses any use. */
    private static final class NoTls extends SSLContext {
        NoTls() {
            super(new Refusing(), null, "none");
        }
    }

    private static final class Refusing extends SSLContextSpi {
        private static final String WHY = "an https URL (a redirect?) on a run whose beelms.smoke.url and webUrl are "
                + "http: configure the https URL of the target";

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw new UnsupportedOperationException(WHY);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException(WHY);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException(WHY);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw new UnsupportedOperationException(WHY);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw new UnsupportedOperationException(WHY);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw new UnsupportedOperationException(WHY);
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw new UnsupportedOperationException(WHY);
        }
    }
}
