package org.beelms.smoke.client;

import org.beelms.smoke.config.SmokeConfig;
import org.beelms.smoke.testing.FakeBeelms;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recording filter never keeps an Authorization header, a token or a password. */
class RedactionTest {

    @Test
    void redactorMasksSecretFieldsBearerTokensJwtsAndKnownValues() {
        Redactor r = new Redactor(Set.of("hunter2-secret"));
        String text = "{\"email\":\"a@b.c\",\"password\":\"p@ss \\\"quoted\\\"\",\"accessToken\":\"abc\"} "
                + "Authorization: Bearer abc.def.ghi eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl "
                + "pw=hunter2-secret /x?token=t0k3n&y=1";
        String out = r.redact(text);
        assertFalse(out.contains("p@ss"), out);
        assertFalse(out.contains("\"abc\""), out);
        assertFalse(out.contains("abc.def.ghi"), out);
        assertFalse(out.contains("eyJhbGciOiJIUzI1NiJ9"), out);
        assertFalse(out.contains("hunter2-secret"), out);
        assertFalse(out.contains("t0k3n"), out);
        assertTrue(out.contains("\"email\":\"a@b.c\""), "non-secrets stay: " + out);
        assertTrue(out.contains("y=1"), out);
        String cmd = r.redact("java -jar x.jar -Dbeelms.smoke.user.password=Cmd-Line-Pw --url http://h");
        assertFalse(cmd.contains("Cmd-Line-Pw"), cmd);
        assertTrue(cmd.contains("--url http://h"), cmd);
    }

    @Test
    void userInfoInAnyUrlIsMaskedBecauseItIsAPassword() {
        String out = new Redactor(Set.of()).redact("GET http://smoke:Pa55-w0rd@beelms_core:3000/api failed;"
                + " pushed to https://ci:t0ken@registry.example.org/v2/ and http://h/x?a=b@c");
        assertFalse(out.contains("Pa55-w0rd"), out);
        assertFalse(out.contains("t0ken"), out);
        assertTrue(out.contains("http://***@beelms_core:3000/api"), out);
        assertTrue(out.contains("http://h/x?a=b@c"), "an @ after the path is not user info: " + out);
    }

    @Test
    void settingsWithUserInfoAreRecognisedBeforeParsingEvenWithAComposeHostName() {
        assertTrue(Redactor.hasUserInfo("http://u:secret@beelms_core:3000/api"));
        assertTrue(Redactor.hasUserInfo(" https://token@staging.example.org"));
        assertTrue(Redactor.hasUserInfo("ci:secret@registry.example.org:5000/beelms/core"));
        assertFalse(Redactor.hasUserInfo("http://127.0.0.1:3000/api"));
        assertFalse(Redactor.hasUserInfo("127.0.0.1:5000/beelms/core"));
        assertFalse(Redactor.hasUserInfo("beelms/core@sha256:abcdef"));
        assertFalse(Redactor.hasUserInfo("http://h/api?mail=a@b.c"));
        String message = Redactor.userInfoRefused("-Dbeelms.smoke.url");
        assertTrue(message.startsWith("-Dbeelms.smoke.url carries user info"), message);
        assertTrue(message.contains("settings.xml <server>"), message);
    }

    @Test
    void userInfoWhosePasswordHoldsSlashQuestionMarkOrHashIsFoundAndMasked() {
        for (String url : List.of("http://u:p/ss@beelms_core:3000/api", "https://u:p?ss@h.example.org",
                "http://u:p#ss@h/api", "http://u:p@ss@h/api")) {
            assertTrue(Redactor.hasUserInfo(url), url);
            String out = new Redactor(Set.of()).redact("GET " + url + " failed");
            assertFalse(out.contains("ss@h") || out.contains("p/ss") || out.contains("p?ss") || out.contains("p#ss")
                    || out.contains("p@ss"), out);
            assertTrue(out.contains("://***@"), out);
        }
        assertTrue(Redactor.hasUserInfo("ci:p/ss@registry.example.org/beelms/core"));
        assertTrue(Redactor.hasUserInfo("jdbc:postgresql://u:secret@db/x"));
        assertTrue(Redactor.hasUserInfo("jdbc:postgresql://u:se/cret@db/x"));
        assertFalse(Redactor.hasUserInfo("jdbc:postgresql://db:5432/x?user=u"));
        assertFalse(Redactor.hasUserInfo("http://h:3000/users/@me"), "a port, then a path with @");
        assertFalse(Redactor.hasUserInfo("127.0.0.1:5000/beelms/core@sha256:0123456789abcdef"));
        assertFalse(Redactor.hasUserInfo("core@sha256:0123456789abcdef"));
    }

    @Test
    void snakeCaseTokenKeysBasicCredentialsShortSecretsAndXmlPropertiesAreMasked() {
        Redactor r = new Redactor(Set.of("pw1", "ab"));
        String out = r.redact("{\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"id_token\":\"it-1\","
                + "\"client_secret\":\"cs-1\",\"api_key\":\"ak-1\"} form: client_secret=cs-2&api_key=ak-2"
                + " Authorization: Basic dXNlcjpwYXNz login with pw1 as ab;"
                + " <property name=\"beelms.smoke.user.token\" value=\"tok-xml\"/>"
                + " <property name=\"java.version\" value=\"17\"/> about, abc, pw12");
        for (String secret : List.of("at-1", "rt-1", "it-1", "cs-1", "ak-1", "cs-2", "ak-2", "dXNlcjpwYXNz",
                " pw1 ", " ab;", "tok-xml")) {
            assertFalse(out.contains(secret), secret + " in " + out);
        }
        assertTrue(out.contains("value=\"17\""), out);
        assertTrue(out.contains("about, abc, pw12"), "a short secret inside a longer word stays: " + out);
    }

    @Test
    void recordingFilterKeepsNoSecretFromARealExchange() throws IOException {
        try (FakeBeelms server = new FakeBeelms().withUser("smoke@example.com", "Very-Secret-Pass-1")) {
            SmokeConfig config = SmokeConfig.builder().url(server.url()).user("smoke@example.com", "Very-Secret-Pass-1").build();
            SmokeJournal journal = new SmokeJournal(config.secrets());
            BeelmsClient client = new BeelmsClient(config, journal);
            journal.startCheck("check-1", List.of("WS2-API-2"));
            String token = client.session().userToken();
            client.asUser().get("/users/me").then().statusCode(200);
            // a failed login echoing secrets in its body must be redacted in the excerpt too
            client.given().body(Map.of("email", "smoke@example.com", "password", "Very-Secret-Pass-1-wrong"))
                    .post("/auth/login").then().statusCode(401);
            client.withBearer(token).get("/wiki/articles/unknown?token=" + token).then().statusCode(404);
            journal.endCheck();

            List<RecordedRequest> requests = journal.requestsOf("check-1");
            assertEquals(4, requests.size(), requests::toString);
            String all = requests.toString() + journal.problems() + journal.residue();
            assertFalse(all.contains(token), all);
            assertFalse(all.contains("Very-Secret-Pass-1"), all);
            assertFalse(all.contains("Authorization"), all);
            assertTrue(requests.get(3).url().contains("token=***"), requests.get(3).url());
            assertEquals(404, requests.get(3).status());
            assertTrue(requests.get(3).bodyExcerpt().contains("not found"), requests.get(3).bodyExcerpt());
            assertTrue(requests.get(0).url().endsWith("/api/auth/login"));
        }
    }

    @Test
    void excerptsAreShortAndOnOneLine() {
        String body = "{\n \"message\": \"" + "x".repeat(1000) + "\"\n}";
        String excerpt = RecordingFilter.excerpt(new Redactor(Set.of()), body);
        assertTrue(excerpt.length() <= RecordingFilter.EXCERPT_CHARS + 1, "length " + excerpt.length());
        assertFalse(excerpt.contains("\n"));
    }
}
