package org.beelms.smoke.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmokeConfigTest {
    @TempDir
    Path dir;

    private static ConfigSource params(Map<String, String> values) {
        return ConfigSource.junitParameters(k -> Optional.ofNullable(values.get(k)));
    }

    private static ConfigSource sysprops(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return ConfigSource.systemProperties(p);
    }

    @Test
    void precedenceIsParametersThenSystemPropertiesThenEnvironmentThenFileThenDefaults() throws IOException {
        Path file = dir.resolve("smoke.properties");
        Files.writeString(file, "url=http://file:3000\nenvironment=from-file\nmode=production\n"
                + "user.email=file@example.com\nuser.password=file-secret\nreadTimeout=2500\nbeelms.smoke.expectedVersion=1.0.0\n");
        SmokeConfig config = SmokeConfig.resolve(List.of(
                params(Map.of("beelms.smoke.url", "http://params:3000", "beelms.smoke.config", file.toString())),
                sysprops(Map.of("beelms.smoke.url", "http://sysprop:3000", "beelms.smoke.environment", "from-sysprop")),
                ConfigSource.environment(Map.of("BEELMS_SMOKE_ENVIRONMENT", "from-env", "BEELMS_SMOKE_MODE", "staging"))));
        assertEquals("http://params:3000", config.url().toString());
        assertEquals("from-sysprop", config.environment());
        assertEquals(SmokeMode.STAGING, config.mode(), "environment beats the file");
        assertEquals(Duration.ofMillis(2500), config.readTimeout(), "file beats defaults");
        assertEquals("1.0.0", config.expectedVersion().orElseThrow(), "prefixed keys work in the file");
        assertEquals("file@example.com", config.user().orElseThrow().email());
        assertEquals(SmokeConfig.DEFAULT_CONNECT_TIMEOUT, config.connectTimeout(), "defaults last");
        assertTrue(config.sources().get("url").contains("JUnit configuration parameter beelms.smoke.url"));
        assertTrue(config.sources().get("mode").contains("BEELMS_SMOKE_MODE"));
    }

    @Test
    void environmentNamesAreUpperCaseWithUnderscores() {
        assertEquals("BEELMS_SMOKE_USER_EMAIL", SmokeConfig.envName("user.email"));
        assertEquals("BEELMS_SMOKE_STATUS_QUIZSUBMIT", SmokeConfig.envName("status.quizSubmit"));
        SmokeConfig config = SmokeConfig.resolve(List.of(ConfigSource.environment(Map.of(
                "BEELMS_SMOKE_URL", "http://env:3000/api", "BEELMS_SMOKE_STATUS_QUIZSUBMIT", "200,201"))));
        assertEquals(Set.of(200, 201), config.acceptedStatuses(StatusKey.QUIZ_SUBMIT));
    }

    @Test
    void apiPrefixIsAppendedOnceOnly() {
        assertEquals("http://h:3000/api", SmokeConfig.builder().url("http://h:3000").build().apiBaseUri().toString());
        assertEquals("http://h:3000/api", SmokeConfig.builder().url("http://h:3000/api/").build().apiBaseUri().toString());
        assertEquals("http://h/v2/api", SmokeConfig.builder().url("http://h/v2").build().apiBaseUri().toString());
        assertEquals("http://h:3000/backend", SmokeConfig.builder().url("http://h:3000").apiPrefix("backend/").build()
                .apiBaseUri().toString());
        assertEquals("http://h:3000", SmokeConfig.builder().url("http://h:3000").apiPrefix("/").build().apiBaseUri().toString());
    }

    @Test
    void badValuesNameTheKeyTheSourceAndWhatIsExpected() {
        SmokeConfigException e = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                ConfigSource.environment(Map.of("BEELMS_SMOKE_URL", "http://h:3000", "BEELMS_SMOKE_READYTIMEOUT", "soon")))));
        assertEquals("readyTimeout", e.key());
        assertTrue(e.getMessage().contains("environment variable BEELMS_SMOKE_READYTIMEOUT"), e.getMessage());
        assertTrue(e.getMessage().contains("ISO-8601"), e.getMessage());

        SmokeConfigException mode = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                params(Map.of("beelms.smoke.url", "http://h", "beelms.smoke.mode", "prod")))));
        assertTrue(mode.getMessage().contains("'mode' = 'prod'") && mode.getMessage().contains("staging|production")
                && mode.getMessage().contains("JUnit configuration parameter beelms.smoke.mode"), mode.getMessage());

        SmokeConfigException status = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                params(Map.of("beelms.smoke.url", "http://h", "beelms.smoke.status.enroll", "204,404")))));
        assertTrue(status.getMessage().contains("2xx"), status.getMessage());

        SmokeConfigException url = assertThrows(SmokeConfigException.class, () -> SmokeConfig.builder().url("ftp://h").build());
        assertEquals("url", url.key());

        SmokeConfigException missing = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of()));
        assertEquals("url", missing.key());
        assertTrue(missing.getMessage().contains("BEELMS_SMOKE_URL"), missing.getMessage());
    }

    @Test
    void aUrlWithUserInfoIsRefusedWithoutEchoingThePasswordEvenForAComposeHost() {
        SmokeConfigException e = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                ConfigSource.environment(Map.of("BEELMS_SMOKE_URL", "http://smoke:S3cret-pw@beelms_core:3000/api")))));
        assertEquals("url", e.key());
        assertFalse(e.getMessage().contains("S3cret-pw"), e.getMessage());
        assertTrue(e.getMessage().contains("user info"), e.getMessage());
        SmokeConfigException built = assertThrows(SmokeConfigException.class,
                () -> SmokeConfig.builder().url("http://smoke:S3cret-pw@beelms_core:3000").build());
        assertFalse(built.getMessage().contains("S3cret-pw"), built.getMessage());
    }

    @Test
    void productionNeedsASmokeAccountAndBothCredentialHalves() {
        SmokeConfigException prod = assertThrows(SmokeConfigException.class,
                () -> SmokeConfig.builder().url("http://h").mode(SmokeMode.PRODUCTION).build());
        assertEquals("user.email", prod.key());
        assertTrue(prod.getMessage().contains("production"), prod.getMessage());
        SmokeConfigException half = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                params(Map.of("beelms.smoke.url", "http://h", "beelms.smoke.user.email", "a@b.c")))));
        assertEquals("user.password", half.key());
    }

    @Test
    void unknownKeysInAFileAreRejected() throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "url=http://h\nreadyTimout=5000\n");
        SmokeConfigException e = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                params(Map.of("beelms.smoke.config", file.toString())))));
        assertTrue(e.getMessage().contains("readyTimout") && e.getMessage().contains("readyTimeout"), e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        SmokeConfigException e = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                params(Map.of("beelms.smoke.url", "http://h", "beelms.smoke.config", dir.resolve("nope.properties").toString())))));
        assertTrue(e.getMessage().contains("nope.properties"), e.getMessage());
    }

    @Test
    void durationsAcceptMillisecondsAndIso8601() {
        SmokeConfig config = SmokeConfig.resolve(List.of(params(Map.of("beelms.smoke.url", "http://h",
                "beelms.smoke.connectTimeout", "750", "beelms.smoke.readyTimeout", "PT1M"))));
        assertEquals(Duration.ofMillis(750), config.connectTimeout());
        assertEquals(Duration.ofMinutes(1), config.readyTimeout());
        assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(params(Map.of(
                "beelms.smoke.url", "http://h", "beelms.smoke.connectTimeout", "0")))));
    }

    @Test
    void registerExtraFieldsAreJsonTyped() {
        SmokeConfig config = SmokeConfig.resolve(List.of(params(Map.of("beelms.smoke.url", "http://h",
                "beelms.smoke.register.extraFields", "acceptTerms=true, source=\"smoke\", age=30, ref=abc, none=null"))));
        Map<String, Object> extra = config.registerExtraFields();
        assertEquals(Boolean.TRUE, extra.get("acceptTerms"));
        assertEquals("smoke", extra.get("source"));
        assertEquals(30L, extra.get("age"));
        assertEquals("abc", extra.get("ref"));
        assertTrue(extra.containsKey("none") && extra.get("none") == null);
        assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(params(Map.of("beelms.smoke.url", "http://h",
                "beelms.smoke.register.extraFields", "password=x")))));
    }

    @Test
    void toStringRedactsPasswords() {
        SmokeConfig config = SmokeConfig.builder().url("http://h").user("smoke@example.com", "user-secret-1")
                .admin("admin@example.com", "admin-secret-2").build();
        String s = config.toString();
        assertFalse(s.contains("user-secret-1"), s);
        assertFalse(s.contains("admin-secret-2"), s);
        assertTrue(s.contains("smoke@example.com") && s.contains("***"), s);
        assertEquals(Set.of("user-secret-1", "admin-secret-2"), config.secrets());
    }

    @Test
    void configurationParametersRoundTrip() {
        SmokeConfig config = SmokeConfig.builder().url("http://h:3000/api").webUrl("http://h:3001")
                .mode(SmokeMode.PRODUCTION).user("smoke@example.com", "pw-123456").expectedVersion("2.0.0")
                .registerExtraField("acceptTerms", true).registerExtraField("source", "smoke")
                .taskCompletion(TaskCompletion.CURRICULUM).acceptedStatuses(StatusKey.QUIZ_SUBMIT, 200, 201)
                .readyTimeout(Duration.ofSeconds(7)).retryBudget(3).build();
        Map<String, String> params = config.toConfigurationParameters();
        assertEquals("true", params.get(SmokeConfig.RESOLVED_MARKER));
        SmokeConfig again = SmokeConfig.resolve(List.of(params(params)));
        assertEquals(config, again);
        assertEquals(Set.of(200, 201), again.acceptedStatuses(StatusKey.QUIZ_SUBMIT));
        assertEquals(Map.of("acceptTerms", true, "source", "smoke"), again.registerExtraFields());
        assertEquals(TaskCompletion.CURRICULUM, again.taskCompletion());
        assertEquals(Duration.ofSeconds(7), again.readyTimeout());
    }

    @Test
    void chromedriversRetiredKeyIsRefusedSayingWhatToDo() {
        SmokeConfigException e = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                ConfigSource.map("command-line option", Map.of("url", "http://h:3000",
                        "browser.chromedriver", "/usr/bin/chromedriver")))));
        assertTrue(e.getMessage().contains("'browser.chromedriver' (from command-line option 'browser.chromedriver') is"
                + " no longer used"), e.getMessage());
        assertTrue(e.getMessage().contains("Remove it"), e.getMessage());
    }

    @Test
    void browserSettingsResolveFromTheEnvironmentAndRoundTrip() {
        SmokeConfig config = SmokeConfig.resolve(List.of(ConfigSource.environment(Map.of(
                "BEELMS_SMOKE_URL", "http://h:3000", "BEELMS_SMOKE_BROWSER_CHROMIUM", "/opt/chromium/chrome",
                "BEELMS_SMOKE_BROWSER_TIMEOUT", "PT20S",
                "BEELMS_SMOKE_BROWSER_WINDOW", "1024x768", "BEELMS_SMOKE_PAGE_LOGINPATH", "auth/login"))));
        BrowserSettings b = config.browser();
        assertEquals(Optional.of(Path.of("/opt/chromium/chrome")), b.chromium());
        assertEquals(Duration.ofSeconds(20), b.timeout());
        assertEquals(1024, b.width());
        assertEquals(768, b.height());
        assertEquals("/auth/login", b.loginPath());
        assertEquals(config, SmokeConfig.resolve(List.of(params(config.toConfigurationParameters()))));
        assertEquals(BrowserSettings.DEFAULTS, SmokeConfig.builder().url("http://h:3000").build().browser());
    }

    @Test
    void theConsentAnswerAndTheBarsSelectorsAreSettingsThatRoundTrip() {
        SmokeConfig config = SmokeConfig.resolve(List.of(ConfigSource.environment(Map.of("BEELMS_SMOKE_URL",
                "http://h:3000", "BEELMS_SMOKE_PAGE_CONSENT", "accept", "BEELMS_SMOKE_PAGE_CONSENTSELECTORS",
                "decline=#cookie-reject; accept=.cookie button.ok"))));
        PageConsent consent = config.browser().consent();
        assertEquals(PageConsent.Answer.ACCEPT, consent.answer());
        assertEquals(Optional.of(".cookie button.ok"), consent.selector());
        assertEquals(Optional.of("#cookie-reject"), consent.declineSelector());
        assertEquals(config, SmokeConfig.resolve(List.of(params(config.toConfigurationParameters()))));
        assertEquals(config.browser(), SmokeConfig.resolve(List.of(params(config.toConfigurationParameters())))
                .browser());
        assertEquals(PageConsent.DEFAULT, SmokeConfig.builder().url("http://h:3000").build().browser().consent());
        SmokeConfigException bad = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                ConfigSource.environment(Map.of("BEELMS_SMOKE_URL", "http://h:3000", "BEELMS_SMOKE_PAGE_CONSENT",
                        "ignore")))));
        assertTrue(bad.getMessage().contains("'page.consent'") && bad.getMessage().contains("decline (default), "
                + "accept or leave"), bad.getMessage());
        SmokeConfigException selectors = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                ConfigSource.environment(Map.of("BEELMS_SMOKE_URL", "http://h:3000",
                        "BEELMS_SMOKE_PAGE_CONSENTSELECTORS", "#cookie-reject")))));
        assertTrue(selectors.getMessage().contains("decline=CSS;accept=CSS"), selectors.getMessage());
    }

    @Test
    void aProductionRunWithoutAnEnvironmentNameIsNamedProduction() {
        assertEquals("production", SmokeConfig.builder().url("http://h").mode(SmokeMode.PRODUCTION)
                .user("a@b.c", "Smoke-Pass-1").build().environment());
        assertEquals("staging", SmokeConfig.builder().url("http://h").build().environment());
        assertEquals("prod-eu", SmokeConfig.builder().url("http://h").mode(SmokeMode.PRODUCTION)
                .user("a@b.c", "Smoke-Pass-1").environment("prod-eu").build().environment());
    }

    @Test
    void aBadWindowSizeNamesTheKeyAndTheForm() {
        SmokeConfigException e = assertThrows(SmokeConfigException.class, () -> SmokeConfig.resolve(List.of(
                ConfigSource.environment(Map.of("BEELMS_SMOKE_URL", "http://h:3000",
                        "BEELMS_SMOKE_BROWSER_WINDOW", "big")))));
        assertTrue(e.getMessage().contains("'browser.window'") && e.getMessage().contains("1280x800"), e.getMessage());
    }

    @Test
    void statusDefaultsAreTheChecklistsAndConfigurable() {
        SmokeConfig config = SmokeConfig.builder().url("http://h").acceptedStatuses(StatusKey.ENROLL, 201).build();
        assertEquals(Set.of(201), config.acceptedStatuses(StatusKey.ENROLL));
        assertEquals(Set.of(200), config.acceptedStatuses(StatusKey.QUIZ_SUBMIT));
        assertEquals(Set.of(204, 200), config.acceptedStatuses(StatusKey.COMPLETE_TASK));
    }
}
