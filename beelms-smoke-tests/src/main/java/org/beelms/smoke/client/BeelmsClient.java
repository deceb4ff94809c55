package org.beelms.smoke.client;

import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.restassured.specification.ResponseSpecification;
import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.config.StatusKey;
import org.beelms.smoke.regression.ContractConformance;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.hamcrest.Matchers.containsStringIgnoringCase;

/**
 * The {@link BeelmsApi} of one run. Its own requests ({@link #http()}) go through an {@link HttpTransport} built once
 * from the {@link SmokeConfig} (base URI with the API prefix, JSON, connect/read timeouts, the journal's recorder, the
 * OpenAPI conformance check). REST Assured specifications (the same settings and a {@link RecordingFilter}) are built
 * on the first REST Assured call only, so a run whose checks never ask for them never loads REST Assured's Groovy
 * runtime; never touches {@code RestAssured}'s static configuration.
 */
public final class BeelmsClient implements BeelmsApi, AutoCloseable {
    private static final Map<String, String> JSON_HEADERS =
            Map.of("Content-Type", "application/json", "Accept", "application/json");
    private static final Map<String, String> PAGE_HEADERS = Map.of("Accept", "text/html");

    private final SmokeConfig config;
    private final SmokeJournal journal;
    private final ContractConformance conformance;
    private final HttpTransport transport;
    private final Http http = new Http();
    private volatile RestAssuredSpecs restAssured;
    private final SmokeSession session;
    private final Catalogue catalogue;

    public BeelmsClient(SmokeConfig config, SmokeJournal journal) {
        this.config = config;
        this.journal = journal;
        config.secrets().forEach(journal.redactor()::addSecret);
        this.transport = new HttpTransport(config.connectTimeout(), config.readTimeout(), journal,
                !plainHttpOnly(config));
        // loaded once: it checks the answers of both paths
        this.conformance = config.spec().isPresent() ? ContractConformance.load(config, journal) : null;
        if (conformance != null) {
            transport.addListener(conformance);
        }
        this.session = new SmokeSession(this);
        this.catalogue = new Catalogue(this);
    }

    @Override
    public BeelmsHttp http() {
        return http;
    }

    @Override
    public SmokeConfig config() {
        return config;
    }

    @Override
    public RequestSpecification given() {
        return RestAssured.given(restAssured().anonymous);
    }

    @Override
    public RequestSpecification asUser() {
        return withBearer(session.userToken());
    }

    @Override
    public RequestSpecification asAdmin() {
        return withBearer(session.adminToken());
    }

    @Override
    public RequestSpecification withBearer(String token) {
        journal.redactor().addSecret(token);
        RestAssuredSpecs specs = restAssured();
        RequestSpecification spec = specs.bearer.computeIfAbsent(token, t -> new RequestSpecBuilder()
                .addRequestSpecification(specs.anonymous)
                .addHeader("Authorization", "Bearer " + t)
                .build());
        return RestAssured.given(spec);
    }

    @Override
    public RequestSpecification page() {
        requireWebUrl();
        return RestAssured.given(restAssured().page);
    }

    @Override
    public ResponseSpecification json(int status) {
        return restAssured().json.computeIfAbsent(status, s -> new ResponseSpecBuilder()
                .expectStatusCode(s)
                .expectHeader("Content-Type", containsStringIgnoringCase("json"))
                .build());
    }

    @Override
    public SmokeSession session() {
        return session;
    }

    @Override
    public Catalogue catalogue() {
        return catalogue;
    }

    @Override
    public SmokeJournal journal() {
        return journal;
    }

    /**
     * Lets go of the HTTP client's connections and thread once the run is over (its owner calls it: the runner, or the
     * {@link org.beelms.smoke.junit.SmokeContext} that built it); any request after it fails, naming why.
     */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public Response expectSuccess(StatusKey key, String request, Response response) {
        expectSuccess(key, request, response.statusCode(), response.getBody().asString());
        return response;
    }

    private void expectSuccess(StatusKey key, String request, int status, String body) {
        if (!config.acceptedStatuses(key).contains(status)) {
            throw new AssertionFailedError(request + " answered " + status + ", expected one of "
                    + config.acceptedStatuses(key) + ": "
                    + RecordingFilter.excerpt(journal.redactor(), body)
                    + (status >= 200 && status < 300 ? " (if this deployment answers " + status + " on purpose, set "
                    + SmokeConfig.PREFIX + "status." + key.key() + ")" : ""));
        }
        if (!key.contract().contains(status)) {
            journal.deviation(key.checklistIds(), key.key(), request, status, key.contract(),
                    "accepted through " + SmokeConfig.PREFIX + "status." + key.key());
        }
    }

    private void requireWebUrl() {
        if (config.webUrl().isEmpty()) {
            throw new TestAbortedException("no webUrl configured (beelms.smoke.webUrl): the page-level check is not run");
        }
    }

    /** {@link #http()}: the JDK client with the run's bases, tokens and recorder. */
    private final class Http implements BeelmsHttp {
        @Override
        public ApiRequest given() {
            return transport.request(config.apiBaseUri().toString(), JSON_HEADERS);
        }

        @Override
        public ApiRequest asUser() {
            return withBearer(session.userToken());
        }

        @Override
        public ApiRequest asAdmin() {
            return withBearer(session.adminToken());
        }

        @Override
        public ApiRequest withBearer(String token) {
            journal.redactor().addSecret(token);
            return given().header("Authorization", "Bearer " + token);
        }

        @Override
        public ApiRequest page() {
            requireWebUrl();
            return transport.pageRequest(config.webUrl().orElseThrow().toString(), PAGE_HEADERS);
        }

        @Override
        public ApiResponse expectSuccess(StatusKey key, String request, ApiResponse response) {
            BeelmsClient.this.expectSuccess(key, request, response.statusCode(), response.asString());
            return response;
        }
    }

    private RestAssuredSpecs restAssured() {
        RestAssuredSpecs specs = restAssured;
        if (specs == null) {
            synchronized (this) {
                specs = restAssured;
                if (specs == null) {
                    restAssured = specs = new RestAssuredSpecs();
                }
            }
        }
        return specs;
    }

    /** REST Assured's specifications, built on first use with the same settings as the transport. */
    private final class RestAssuredSpecs {
        final RequestSpecification anonymous;
        final RequestSpecification page;
        final Map<String, RequestSpecification> bearer = new ConcurrentHashMap<>();
        final Map<Integer, ResponseSpecification> json = new ConcurrentHashMap<>();

        RestAssuredSpecs() {
            int connectMs = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
            int readMs = (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis());
            HttpClientConfig http = HttpClientConfig.httpClientConfig();
            if (plainHttpOnly(config)) {
                http = http.httpClientFactory(BeelmsClient::plainHttpClient);
            }
            RestAssuredConfig restConfig = RestAssuredConfig.config()
                    .httpClient(http
                            .setParam("http.connection.timeout", connectMs)
                            .setParam("http.socket.timeout", readMs)
                            .setParam("http.connection-manager.timeout", (long) connectMs))
                    .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
            RecordingFilter recorder = new RecordingFilter(journal);
            RequestSpecBuilder api = new RequestSpecBuilder()
                    .setConfig(restConfig)
                    .setBaseUri(config.apiBaseUri().toString())
                    .setContentType(ContentType.JSON)
                    .setAccept(ContentType.JSON)
                    .addFilter(recorder);
            if (conformance != null) {
                // after the recorder in the chain: it validates the answer the recorder has seen
                api.addFilter(conformance.restAssuredFilter());
            }
            this.anonymous = api.build();
            this.page = config.webUrl().map(web -> new RequestSpecBuilder()
                    .setConfig(restConfig)
                    .setBaseUri(web.toString())
                    .setAccept(ContentType.HTML)
                    .addFilter(recorder)
                    .build()).orElse(null);
        }
    }

    @Override
    public void requireWrites(String what) {
        if (!config.mode().allowsWrites()) {
            throw new TestAbortedException("production mode leaves no residue: not " + what);
        }
    }

    /** True when neither the API nor the pages are {@code https}: the client then needs no TLS set-up. */
    static boolean plainHttpOnly(SmokeConfig config) {
        return "http".equalsIgnoreCase(config.apiBaseUri().getScheme())
                && config.webUrl().map(w -> "http".equalsIgnoreCase(w.getScheme())).orElse(true);
    }

    /**
     * REST Assured's default client registers {@code https} too, which builds an SSL context and parses the JDK's
     * trust store for every client (a visible share of a short run's start-up); a plain-HTTP target gets a client
     * with only the {@code http} scheme.
     */
    @SuppressWarnings("deprecation") // REST Assured 5 still configures HttpClient 4's classic client API
    private static org.apache.http.client.HttpClient plainHttpClient() {
        org.apache.http.conn.scheme.SchemeRegistry schemes = new org.apache.http.conn.scheme.SchemeRegistry();
        schemes.register(new org.apache.http.conn.scheme.Scheme("http", 80,
                org.apache.http.conn.scheme.PlainSocketFactory.getSocketFactory()));
        return new org.apache.http.impl.client.DefaultHttpClient(
                new org.apache.http.impl.conn.BasicClientConnectionManager(schemes));
    }

    /** The JSON object of a response, or an empty map when it is not one. */
    static Map<String, Object> jsonMap(ApiResponse r) {
        return r.isJson() ? Json.objectOrEmpty(r) : Map.of();
    }
}
