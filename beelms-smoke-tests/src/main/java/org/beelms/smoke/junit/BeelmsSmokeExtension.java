package org.beelms.smoke.junit;

import org.beelms.smoke.browser.Browser;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.BeelmsClient;
import org.beelms.smoke.client.Catalogue;
import org.beelms.smoke.client.RecordedRequest;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.client.SmokeSession;
import org.beelms.smoke.client.TargetReadiness;
import org.beelms.smoke.config.ConfigSource;
import org.beelms.smoke.config.SmokeConfig;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The smoke library's JUnit Jupiter extension. Builds the {@link SmokeConfig} once from configuration parameters,
 * system properties, the environment and the optional file, and keeps it, the client and the session in the root
 * {@link ExtensionContext.Store} under its own namespace, so every class of a run shares one login and one
 * registration. Waits (bounded) for the target once; injects {@link BeelmsApi} ({@code @BeelmsTarget}),
 * {@link SmokeConfig}, {@link SmokeSession} and {@link Catalogue}; records each check's requests and publishes them
 * as report entries.
 */
public class BeelmsSmokeExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver, TestExecutionExceptionHandler {

    /** The namespace of the root store entries (and of the launcher-session store the runner fills). */
    public static final String NAMESPACE_NAME = "org.beelms.smoke";
    public static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NAMESPACE_NAME);
    /** Launcher-session store key under which a runner may supply the run's {@link SmokeJournal}. */
    public static final String JOURNAL_KEY = "journal";
    /**
     * Launcher-session store key under which a runner may supply the {@link BeelmsClient} it built for its preflight
     * (with the run's journal): the checks then use that one instead of building REST Assured specifications again.
     */
    public static final String CLIENT_KEY = "client";
    /** Configuration parameter set by the runner when it already waited for the target. */
    public static final String PREFLIGHT_DONE = SmokeConfig.PREFIX + "preflightDone";

    /**
     * The resource lock every check of the run holds while it talks to the target when checks run in parallel:
     * {@code READ} (shared) for the smoke tier's checks, {@code READ_WRITE} (alone) for the rate-limit probe and the
     * regression tier, so a burst of failed logins, a load test or a before/after comparison of the smoke account's
     * data never overlaps another check.
     */
    public static final String TARGET_LOCK = "org.beelms.smoke.target";

    private static final String CONTEXT_KEY = "context";

    @Override
    public void beforeAll(ExtensionContext context) {
        SmokeContext smoke = smokeContext(context);
        boolean preflightDone = context.getConfigurationParameter(PREFLIGHT_DONE).map(Boolean::parseBoolean).orElse(false);
        if (!preflightDone) {
            TargetReadiness.Result ready = smoke.readiness();
            if (!ready.ready()) {
                throw new ExtensionConfigurationException(ready.message());
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        smokeContext(context).journal().startCheck(context.getUniqueId(), checklistIds(context));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SmokeJournal journal = smokeContext(context).journal();
        journal.endCheck();
        List<RecordedRequest> requests = journal.requestsOf(context.getUniqueId());
        for (int i = 0; i < requests.size(); i++) {
            RecordedRequest r = requests.get(i);
            String line = r.summary() + (r.bodyExcerpt() == null || r.bodyExcerpt().isEmpty() ? "" : " body: " + r.bodyExcerpt());
            context.publishReportEntry("beelms.request." + (i + 1), line);
        }
    }

    /**
     * Makes every failure name its request: a transport error (timeout, connection refused) becomes one readable
     * failure naming the request and the timeout to raise; an assertion failure that does not quote its exchange's
     * full URL gets the exchange that went wrong (method, URL, status, body excerpt) appended as evidence.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        SmokeContext smoke = smokeContext(context);
        List<RecordedRequest> requests = smoke.journal().requestsOf(context.getUniqueId());
        Throwable io = throwable;
        while (io != null && !(io instanceof java.io.IOException)) {
            io = io.getCause() == io ? null : io.getCause();
        }
        if (io != null) {
            String request = requests.stream().filter(RecordedRequest::transportError).reduce((a, b) -> b)
                    .map(r -> r.method() + " " + r.url()).orElse("a request");
            throw new AssertionFailedError(request + " got no answer: "
                    + io.getClass().getSimpleName() + (io.getMessage() == null ? "" : " (" + io.getMessage() + ")")
                    + "; connect timeout " + smoke.config().connectTimeout() + ", read timeout "
                    + smoke.config().readTimeout() + " (beelms.smoke.connectTimeout / beelms.smoke.readTimeout)", throwable);
        }
        if (throwable instanceof AssertionError && !requests.isEmpty()) {
            RecordedRequest culprit = requests.stream().filter(r -> r.status() >= 400).reduce((a, b) -> b)
                    .orElse(requests.get(requests.size() - 1));
            String message = throwable.getMessage() == null ? "" : throwable.getMessage().strip();
            if (!message.contains(culprit.url())) {
                throw new AssertionFailedError(message + " — " + culprit.summary()
                        + (culprit.bodyExcerpt() == null || culprit.bodyExcerpt().isEmpty() ? ""
                        : " body: " + culprit.bodyExcerpt()), throwable);
            }
        }
        throw throwable;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == BeelmsApi.class || type == SmokeConfig.class || type == SmokeSession.class
                || type == Catalogue.class || type == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SmokeContext smoke = smokeContext(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == BeelmsApi.class) {
            return smoke.client();
        }
        if (type == SmokeConfig.class) {
            return smoke.config();
        }
        if (type == SmokeSession.class) {
            return smoke.client().session();
        }
        if (type == Catalogue.class) {
            return smoke.client().catalogue();
        }
        if (type == Browser.class) {
            return smoke.browser();
        }
        throw new ParameterResolutionException("Unsupported parameter " + parameterContext.getParameter());
    }

    /**
     * The run's shared context: created on first use, closed when the run ends. It lives in the launcher session's
     * store (falling back to the root store), so a project's own {@code @BeelmsSmoke} classes and the packaged
     * suites run through a {@code @Suite} in the same build share one session: one registration, one login.
     */
    public static SmokeContext smokeContext(ExtensionContext context) {
        ExtensionContext.Store root = context.getRoot().getStore(NAMESPACE);
        ContextRef known = root.get(CONTEXT_KEY, ContextRef.class);
        if (known != null) {
            return known.context();
        }
        SmokeConfig config = resolveConfig(context);
        ExtensionContext.Store session = context.getRoot().getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE);
        String key = CONTEXT_KEY + "|" + config.toConfigurationParameters().hashCode();
        BeelmsClient supplied = session.get(CLIENT_KEY, BeelmsClient.class);
        SmokeContext shared = session.computeIfAbsent(key, k -> supplied != null && supplied.config().equals(config)
                ? new SmokeContext(supplied) : new SmokeContext(config, journal(context, config)), SmokeContext.class);
        root.put(CONTEXT_KEY, new ContextRef(shared)); // not AutoCloseable: only the session store closes it
        return shared;
    }

    /** The root store's shortcut to the shared context; deliberately not {@code AutoCloseable}. */
    private record ContextRef(SmokeContext context) {
    }

    private static SmokeConfig resolveConfig(ExtensionContext context) {
        boolean resolved = context.getConfigurationParameter(SmokeConfig.RESOLVED_MARKER).map(Boolean::parseBoolean)
                .orElse(false);
        if (resolved) {
            return SmokeConfig.resolve(List.of(ConfigSource.junitParameters(context::getConfigurationParameter)));
        }
        return SmokeConfig.resolve(context::getConfigurationParameter, System.getenv());
    }

    private static SmokeJournal journal(ExtensionContext context, SmokeConfig config) {
        return Optional.ofNullable(context.getRoot()
                        .getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
                        .get(JOURNAL_KEY, SmokeJournal.class))
                .orElseGet(() -> new SmokeJournal(config.secrets()));
    }

    static List<String> checklistIds(ExtensionContext context) {
        List<String> ids = new ArrayList<>();
        context.getTestMethod().map(m -> m.getAnnotation(ChecklistItem.class))
                .ifPresent(a -> ids.addAll(List.of(a.value())));
        return ids;
    }
}
