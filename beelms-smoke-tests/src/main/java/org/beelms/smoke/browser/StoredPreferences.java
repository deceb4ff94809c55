package org.beelms.smoke.browser;

import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the front end keeps in the browser between pages (its cookies and localStorage), read before a check that
 * changes a preference (the language switch) and put back after it, so the checks after it see the front end as they
 * would have without it, whatever order they run in.
 */
final class StoredPreferences {
    private final Map<String, Cookie> cookies;
    private final Map<String, String> storage;

    private StoredPreferences(Map<String, Cookie> cookies, Map<String, String> storage) {
        this.cookies = cookies;
        this.storage = storage;
    }

    /**
     * The state the browser holds for the front end now. Before the browser showed a page of the front end (a fresh
     * profile) it holds nothing.
     */
    static StoredPreferences read(ChromeDriver d, String frontEndOrigin) {
        if (!currentUrl(d).startsWith(frontEndOrigin)) {
            return new StoredPreferences(Map.of(), Map.of());
        }
        Map<String, Cookie> cookies = new LinkedHashMap<>();
        d.manage().getCookies().forEach(c -> cookies.put(c.getName(), c));
        Map<String, String> storage = new LinkedHashMap<>();
        if (d.executeScript(PageScripts.READ_STORAGE) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> storage.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        return new StoredPreferences(cookies, storage);
    }

    /** Puts the cookies and localStorage back as read; what changed, e.g. {@code cookie beelms.lang}, or empty. */
    List<String> restore(ChromeDriver d, String frontEndOrigin) {
        List<String> changed = new ArrayList<>();
        if (!currentUrl(d).startsWith(frontEndOrigin)) {
            return changed;
        }
        Set<Cookie> now = d.manage().getCookies();
        for (Cookie c : now) {
            Cookie was = cookies.get(c.getName());
            if (was == null || !was.getValue().equals(c.getValue())) {
                d.manage().deleteCookieNamed(c.getName());
                if (was != null) {
                    d.manage().addCookie(was);
                }
                changed.add("cookie " + c.getName());
            }
        }
        cookies.values().stream().filter(was -> now.stream().noneMatch(c -> c.getName().equals(was.getName())))
                .forEach(was -> {
                    d.manage().addCookie(was);
                    changed.add("cookie " + was.getName());
                });
        if (d.executeScript(PageScripts.WRITE_STORAGE, storage) instanceof List<?> keys) {
            keys.forEach(k -> changed.add("localStorage " + k));
        }
        return changed;
    }

    private static String currentUrl(ChromeDriver d) {
        try {
            return d.getCurrentUrl();
        } catch (WebDriverException e) {
            return "";
        }
    }
}
