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
 * The {@link BeelmsApi} of one run: REST Assured specifications built once from the {@link SmokeConfig} (base URI
 * with the API prefix, JSON, connect/read timeouts, the redacting {@link RecordingFilter}); never touches
 * {@code RestAssured}'s static configuration.
 */
public final class BeelmsClient implements BeelmsApi {
    private final SmokeConfig config;
    private final SmokeJournal journal;
    private final RestAssuredConfig restConfig;
    private final RequestSpecification anonymous;
    private final RequestSpecification pageSpec;
    private final Map<String, RequestSpecification> bearerSpecs = new ConcurrentHashMap<>();
    private final Map<Integer, ResponseSpecification> jsonSpecs = new ConcurrentHashMap<>();
    private final SmokeSession session;
    private final Catalogue catalogue;

    public BeelmsClient(SmokeConfig config, SmokeJournal journal) {
        this.config = config;
        this.journal = journal;
        config.secrets().forEach(journal.redactor()::addSecret);
        int connectMs = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
        int readMs = (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis());
        HttpClientConfig http = HttpClientConfig.httpClientConfig();
        if (plainHttpOnly(config)) {
            http = http.httpClientFactory(BeelmsClient::plainHttpClient);
        }
        this.restConfig = RestAssuredConfig.config()
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
        if (config.spec().isPresent()) {
            // after the recorder in the chain: it validates the answer the recorder has seen
            api.addFilter(ContractConformance.load(config, journal));
        }
        this.anonymous = api.build();
        this.pageSpec = config.webUrl().map(web -> new RequestSpecBuilder()
                .setConfig(restConfig)
                .setBaseUri(web.toString())
                .setAccept(ContentType.HTML)
                .addFilter(recorder)
                .build()).orElse(null);
        this.session = new SmokeSession(this);
        this.catalogue = new Catalogue(this);
    }

    @Override
    public SmokeConfig config() {
        return config;
    }

    @Override
    public RequestSpecification given() {
        return RestAssured.given(anonymous);
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
        RequestSpecification spec = bearerSpecs.computeIfAbsent(token, t -> new RequestSpecBuilder()
                .addRequestSpecification(anonymous)
                .addHeader("Authorization", "Bearer " + t)
                .build());
        return RestAssured.given(spec);
    }

    @Override
    public RequestSpecification page() {
        if (pageSpec == null) {
            throw new TestAbortedException("no webUrl configured (beelms.smoke.webUrl): the page-level check is not run");
        }
        return RestAssured.given(pageSpec);
    }

    @Override
    public ResponseSpecification json(int status) {
        return jsonSpecs.computeIfAbsent(status, s -> new ResponseSpecBuilder()
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

    @Override
    public Response expectSuccess(StatusKey key, String request, Response response) {
        int status = response.statusCode();
        if (!config.acceptedStatuses(key).contains(status)) {
            throw new AssertionFailedError(request + " answered " + status + ", expected one of "
                    + config.acceptedStatuses(key) + ": "
                    + RecordingFilter.excerpt(journal.redactor(), response.getBody().asString())
                    + (status >= 200 && status < 300 ? " (if this deployment answers " + status + " on purpose, set "
                    + SmokeConfig.PREFIX + "status." + key.key() + ")" : ""));
        }
        if (!key.contract().contains(status)) {
            journal.deviation(key.checklistIds(), key.key(), request, status, key.contract(),
                    "accepted through " + SmokeConfig.PREFIX + "status." + key.key());
        }
        return response;
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
    static Map<String, Object> jsonMap(Response r) {
        return Catalogue.isJson(r) ? Json.objectOrEmpty(r) : Map.of();
    }
}
