package org.beelms.smoke.checks;

import org.beelms.smoke.client.ApiResponse;
import org.beelms.smoke.client.BeelmsApi;
import org.beelms.smoke.client.RecordingFilter;

import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Page-level proof of a DEMO item: the front-end page answers 200 and shows data the API returned. */
final class Pages {
    private Pages() {
    }

    static ApiResponse assertPageAnswers(BeelmsApi api, String path) {
        ApiResponse r = api.http().page().get(path);
        assertEquals(200, r.statusCode(), () -> "GET " + api.config().webUrl().orElseThrow() + path + " answered "
                + r.statusCode() + ": " + RecordingFilter.excerpt(api.journal().redactor(), r.getBody().asString()));
        return r;
    }

    /** Asserts the page at {@code path} answers 200 and its HTML contains at least one of {@code titles}. */
    static void assertPageShows(BeelmsApi api, String path, Collection<String> titles) {
        ApiResponse r = assertPageAnswers(api, path);
        String html = r.getBody().asString();
        for (String title : titles) {
            if (title != null && !title.isBlank() && (html.contains(title) || html.contains(escape(title)))) {
                return;
            }
        }
        fail("GET " + api.config().webUrl().orElseThrow() + path + " answered 200 but shows none of the titles the API "
                + "returned: " + List.copyOf(titles).subList(0, Math.min(3, titles.size()))
                + " (a page rendered only in the browser cannot be proven by this check)");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#x27;");
    }
}
