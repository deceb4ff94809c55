package org.beelms.smoke.junit;

import org.beelms.smoke.browser.Browser;
import org.beelms.smoke.client.BeelmsClient;
import org.beelms.smoke.client.SmokeJournal;
import org.beelms.smoke.client.TargetReadiness;
import org.beelms.smoke.config.SmokeConfig;

/**
 * Everything one run shares across test classes, kept in the extension's root store: configuration, journal, client
 * (with session and catalogue) and the readiness verdict. Closing it (the root store does, at the end of the run,
 * even after failures) deletes the throwaway account.
 */
public final class SmokeContext implements AutoCloseable {
    private final SmokeConfig config;
    private final SmokeJournal journal;
    private final BeelmsClient client;
    /** Whether this context built the client (and so closes it) or shares the runner's, which the runner closes. */
    private final boolean ownsClient;
    private TargetReadiness.Result readiness;
    private Browser browser;

    SmokeContext(SmokeConfig config, SmokeJournal journal) {
        this(new BeelmsClient(config, journal), true);
    }

    /** Shares a client a runner built already (its specifications, its OpenAPI filter), so a run builds one. */
    SmokeContext(BeelmsClient client) {
        this(client, false);
    }

    private SmokeContext(BeelmsClient client, boolean ownsClient) {
        this.config = client.config();
        this.journal = client.journal();
        this.client = client;
        this.ownsClient = ownsClient;
    }

    public SmokeConfig config() {
        return config;
    }

    public SmokeJournal journal() {
        return journal;
    }

    public BeelmsClient client() {
        return client;
    }

    /** The run's one browser (the {@code pages} tier); it starts Chromium only when a page check needs it. */
    public synchronized Browser browser() {
        if (browser == null) {
            browser = new Browser(config.webUrl().orElse(null), config.apiBaseUri(), config.browser(), journal);
        }
        return browser;
    }

    synchronized TargetReadiness.Result readiness() {
        if (readiness == null) {
            readiness = new TargetReadiness(client).await();
        }
        return readiness;
    }

    @Override
    public void close() {
        try {
            synchronized (this) {
                if (browser != null) {
                    browser.close();
                }
            }
        } finally {
            try {
                client.session().close();
            } finally {
                if (ownsClient) {
                    client.close();
                }
            }
        }
    }
}
