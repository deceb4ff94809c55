package org.beelms.smoke.browser;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the front end keeps in the browser between pages (its cookies and localStorage), read before a check that
 * changes a preference (the language switch) and put back after it, so the checks after it see the front end as they
 * would have without it, whatever order they run in.
 */
final class StoredPreferences {
    private final Map<String, Map<String, Object>> cookies;
    private final Map<String, String> storage;

    private StoredPreferences(Map<String, Map<String, Object>> cookies, Map<String, String> storage) {
        this.cookies = cookies;
        this.storage = storage;
    }

    /**
     * The state the browser holds for the front end now. Before the browser showed a page of the front end (a fresh
     * profile) it holds nothing.
     */
    static StoredPreferences read(Tab d, String frontEndOrigin) {
        if (!currentUrl(d).startsWith(frontEndOrigin)) {
            return new StoredPreferences(Map.of(), Map.of());
        }
        Map<String, Map<String, Object>> cookies = new LinkedHashMap<>();
        d.cookies().forEach(c -> cookies.put(String.valueOf(c.get("name")), c));
        Map<String, String> storage = new LinkedHashMap<>();
        if (d.script(PageScripts.READ_STORAGE) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> storage.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        return new StoredPreferences(cookies, storage);
    }

    /** Puts the cookies and localStorage back as read; what changed, e.g. {@code cookie beelms.lang}, or empty. */
    List<String> restore(Tab d, String frontEndOrigin) {
        List<String> changed = new ArrayList<>();
        if (!currentUrl(d).startsWith(frontEndOrigin)) {
            return changed;
        }
        List<Map<String, Object>> now = d.cookies();
        for (Map<String, Object> c : now) {
            Map<String, Object> was = cookies.get(String.valueOf(c.get("name")));
            if (was == null || !String.valueOf(was.get("value")).equals(String.valueOf(c.get("value")))) {
                d.deleteCookie(c);
                if (was != null) {
                    d.setCookie(was);
                }
                changed.add("cookie " + c.get("name"));
            }
        }
        cookies.values().stream().filter(was -> now.stream().noneMatch(c -> String.valueOf(c.get("name"))
                        .equals(String.valueOf(was.get("name")))))
                .forEach(was -> {
                    d.setCookie(was);
                    changed.add("cookie " + was.get("name"));
                });
        if (d.script(PageScripts.WRITE_STORAGE, storage) instanceof List<?> keys) {
            keys.forEach(k -> changed.add("localStorage " + k));
        }
        return changed;
    }

    private static String currentUrl(Tab d) {
        try {
            return d.url();
        } catch (DevToolsException e) {
            return "";
        }
    }
}
